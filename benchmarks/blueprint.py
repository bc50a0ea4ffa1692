"""Score blueprint element statuses against the labelled agreements in ../shared/blueprint/labels.

    python benchmarks/blueprint.py [--source txt|pdf|both] [--per-element] [--mistakes] [--json]
                                   [--labels DIR] [--rules DIR] [--no-sentence-model]

``--labels`` scores against another folder of labels in the same format (your own labelled agreements;
``doc`` names a CUAD development id, a file of ../shared/corpus/public, or a source kept beside the labels
as corpus/blind does: ``--labels corpus/blind/labels``). ``--rules`` reviews with another
rules folder (an older commit's, say, for a before/after comparison); ``--no-sentence-model`` with the rule
patterns alone.

Presence: precision/recall/F1 over all (document, element) pairs. Quality: on pairs both we and the label
call present, agreement on well-defined (our 'present') vs weak. Requirements: on those pairs, agreement on
each requirement the label lists as met or missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msp_contract as mc
from benchmarks._reviewed import quality_summary, score_quality
from benchmarks._shared import LABELS, confusion_cell, label_source, precision_recall_f1, require_shared


def score(
    source: str,
    per_element: bool,
    labels: Path = LABELS,
    rules_dir: Path | None = None,
    sentence_model: bool = True,
) -> dict[str, object]:
    rules = mc.load_rules(rules_dir)
    config = mc.Config(sentence_model=sentence_model)
    counts: Counter[str] = Counter()
    by_element: dict[str, Counter[str]] = defaultdict(Counter)
    mistakes: list[str] = []
    for label_path in sorted(labels.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        path = label_source(label["doc"], source, labels)
        if path is None or not path.exists():
            continue
        report = mc.analyze(path, rules=rules, config=config)
        counts["documents"] += 1
        ours_by_id = {e.id: e for e in report.elements}
        for element_id, truth in label["elements"].items():
            ours = ours_by_id.get(element_id)  # an element without a rule yet counts as missing
            found, expected = ours is not None and ours.status != "missing", bool(truth["present"])
            cell = confusion_cell(found, expected)
            counts[cell] += 1
            by_element[element_id][cell] += 1
            if cell in {"fp", "fn"}:
                mistakes.append(f"{cell} {label['doc']} {element_id}")
            if found and expected and ours is not None and not score_quality(ours, truth, counts):
                mistakes.append(f"quality {label['doc']} {element_id}: ours {ours.status}")
    return _summary(counts, by_element if per_element else {}, mistakes)


def _summary(
    counts: Counter[str], by_element: dict[str, Counter[str]], mistakes: list[str]
) -> dict[str, object]:
    p, r, f = precision_recall_f1(counts)
    return {
        "documents": counts["documents"],
        "presence": {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            **{k: counts[k] for k in ("tp", "fp", "fn", "tn")},
        },
        "quality_agreement": round(counts["quality_agree"] / counts["quality_pairs"], 3)
        if counts["quality_pairs"]
        else None,
        "quality_pairs": counts["quality_pairs"],
        "quality": quality_summary(counts),
        "requirement_agreement": round(counts["req_agree"] / counts["req_pairs"], 3)
        if counts["req_pairs"]
        else None,
        "requirement_pairs": counts["req_pairs"],
        "per_element": {
            e: dict(
                zip(
                    ("precision", "recall", "f1"),
                    map(lambda x: round(x, 2), precision_recall_f1(c)),
                    strict=True,
                )
            )
            | dict(c)
            for e, c in sorted(by_element.items())
        },
        "mistakes": mistakes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", choices=["txt", "pdf", "both"], default="both")
    parser.add_argument("--per-element", action="store_true")
    parser.add_argument(
        "--mistakes",
        action="store_true",
        help="list false positives and negatives, and quality disagreements",
    )
    parser.add_argument("--labels", type=Path, default=LABELS, help="folder of label files (default: shared)")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules)")
    parser.add_argument("--no-sentence-model", action="store_true", help="rule patterns alone")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    require_shared()
    sources = ["txt", "pdf"] if args.source == "both" else [args.source]
    results = {
        s: score(s, args.per_element, args.labels, args.rules, not args.no_sentence_model) for s in sources
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for source, res in results.items():
        pres = res["presence"]
        print(
            f"[{source}] documents={res['documents']} presence P={pres['precision']} R={pres['recall']} F1={pres['f1']} "
            f"(tp={pres['tp']} fp={pres['fp']} fn={pres['fn']})\n    {res['quality']}"
        )
        for element, row in res["per_element"].items():
            print(
                f"    {element:40s} P={row['precision']:.2f} R={row['recall']:.2f} F1={row['f1']:.2f} tp={row.get('tp', 0)} fp={row.get('fp', 0)} fn={row.get('fn', 0)}"
            )
        if args.mistakes:
            for line in res["mistakes"]:
                print("    ", line)


if __name__ == "__main__":
    main()
