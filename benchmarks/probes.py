"""Clause probes: does the clause inventory grasp each CUAD concept as other lawyers write it?

    python benchmarks/probes.py [--half dev|held|all] [--no-sentence-model] [--rules DIR] [--misses]

``benchmarks/probes/cuad_probes.jsonl`` holds 352 short clauses written for this project (session 16) by a
lawyer who saw neither the rules nor CUAD's contract texts, only CUAD's category definitions: for each of the
16 clause types, 12 that CUAD's annotators would highlight (varied jurisdictions, agreement kinds and drafting
styles, list items with their lead-in, plain English) and 10 hard negatives (a keyword matcher's traps: an
"Affiliate" definition using "control", termination for breach, a purchase-price escrow). Each is reviewed on
its own, as a one-clause document (heading, then text); a type counts as found when the report lists it.

The set is split by the parity of the item number: the odd half (``dev``) was read to fix concept gaps, the
even half (``held``) was not, so it measures whether those fixes generalize. Recall is over positives, the
false-alarm rate over negatives. The probe author's labels are one lawyer's reading of CUAD's conventions;
where they and CUAD's own labels disagree, CUAD wins (benchmarks/cuad.py), and docs/benchmarks.md names the
items.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import msp_contract as mc  # noqa: E402
from msp_contract.rulebook.examples import document_from_text  # noqa: E402

PROBES = ROOT / "benchmarks" / "probes" / "cuad_probes.jsonl"


def load(half: str) -> list[dict[str, object]]:
    items = [json.loads(line) for line in PROBES.read_text(encoding="utf-8").splitlines() if line.strip()]
    if half == "all":
        return items
    parity = 1 if half == "dev" else 0
    return [item for item in items if int(str(item["id"])[-2:]) % 2 == parity]


Cells = dict[str, Counter[str]]  # clause type -> tp / fn / fp / tn counts


def run(
    items: list[dict[str, object]], rules: mc.RuleSet, config: mc.Config
) -> tuple[Cells, list[tuple[str, str, str]]]:
    cells: Cells = defaultdict(Counter)
    misses: list[tuple[str, str, str]] = []
    for item in items:
        heading, text, kind = str(item["heading"]), str(item["text"]), str(item["type"])
        document = document_from_text(f"{heading}\n\n{text}\n" if heading else f"{text}\n")
        found = kind in {c.type for c in mc.analyze(document, rules=rules, config=config).clauses}
        cell = ("tp" if found else "fn") if item["label"] else ("fp" if found else "tn")
        cells[kind][cell] += 1
        if cell in {"fp", "fn"}:
            misses.append((cell, str(item["id"]), text))
    return cells, misses


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "held", "all"], default="all")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the bundled rules)")
    parser.add_argument("--no-sentence-model", action="store_true", help="rule patterns alone")
    parser.add_argument("--misses", action="store_true", help="list missed positives and false alarms")
    args = parser.parse_args()
    rules = mc.load_rules(args.rules)
    config = mc.Config(sentence_model=not args.no_sentence_model)
    cells, misses = run(load(args.half), rules, config)
    total: Counter[str] = Counter()
    print(f"{'type':38s} {'recall':>9s} {'false alarms':>13s}")
    for kind, cell in sorted(cells.items()):
        total.update(cell)
        positives, negatives = cell["tp"] + cell["fn"], cell["fp"] + cell["tn"]
        print(f"{kind:38s} {cell['tp']:>4d}/{positives:<4d} {cell['fp']:>7d}/{negatives:<5d}")
    positives, negatives = total["tp"] + total["fn"], total["fp"] + total["tn"]
    precision = total["tp"] / (total["tp"] + total["fp"]) if total["tp"] + total["fp"] else 0.0
    print(
        f"half={args.half}: recall {total['tp']}/{positives} = {total['tp'] / positives:.3f}; "
        f"false alarms {total['fp']}/{negatives} = {total['fp'] / negatives:.3f}; "
        f"precision {precision:.3f}"
    )
    if args.misses:
        for verdict, item_id, text in misses:
            print(f"{verdict} {item_id}: {text[:300]}")


if __name__ == "__main__":
    main()
