"""Score the CUAD-compatible clause inventory (rules/clauses) against CUAD's expert labels.

    python benchmarks/cuad.py [--source txt|pdf|both] [--limit N] [--types a,b] [--mistakes TYPE] [--json]
                              [--rules DIR]

For each development contract in ../shared/cuad, the clause inventory runs on CUAD's plain text (`txt`) or
on the filed PDF (`pdf`, through ``msp_contract.load``). Per clause type, at document level (present vs
absent): precision, recall, F1; macro-F1 over the types scored. **Evidence overlap**: the share of
true-positive documents where at least one of our evidence quotes overlaps an expert-highlighted clause
(whitespace and quotes normalized; rapidfuzz ``partial_ratio`` of the shorter text against the longer >= 85).

Timing: ``msp_contract.load()`` (parse) vs ``msp_contract.engine.review(document, rules)`` (every rule,
on the already-loaded Document); the target is rules <= 10% of parse time. The clause inventory alone
(``evaluate_clauses`` on the document index) is timed separately.

``--mistakes TYPE`` lists that type's false positives (our quote) and false negatives (the expert's clause).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz

import msp_contract as mc
from benchmarks._shared import (
    CUAD,
    confusion_cell,
    cuad_manifest,
    normalize,
    precision_recall_f1,
    require_shared,
)
from msp_contract.engine import review
from msp_contract.engine.clauses import evaluate_clauses
from msp_contract.engine.elements import index_for

OVERLAP_THRESHOLD = 85


def overlaps(ours: str, theirs: str) -> bool:
    a, b = normalize(ours), normalize(theirs)
    if not a or not b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return fuzz.partial_ratio(short, long) >= OVERLAP_THRESHOLD


def run(
    source: str, rules: mc.RuleSet, limit: int | None, types: set[str] | None, mistakes: str | None
) -> dict[str, Any]:
    clause_rules = [c for c in rules.clauses if types is None or c.id in types]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[str] = []
    mistake_lines: list[str] = []
    parse_times: list[float] = []
    rule_times: list[float] = []
    clause_times: list[float] = []
    documents = 0
    manifest = cuad_manifest()[:limit] if limit else cuad_manifest()
    for entry in manifest:
        path = CUAD / entry[source]
        try:
            t0 = time.perf_counter()
            document = mc.load(path)
            t1 = time.perf_counter()
            report = review(document, rules)
            t2 = time.perf_counter()
            evaluate_clauses(index_for(document, rules), rules)  # the clause inventory alone
            t3 = time.perf_counter()
        except Exception as exc:
            errors.append(f"{entry['id']}: {type(exc).__name__}: {exc}")
            continue
        documents += 1
        parse_times.append(t1 - t0)
        rule_times.append(t2 - t1)
        clause_times.append(t3 - t2)
        found = {c.type: c for c in report.clauses}
        for rule in clause_rules:
            expert = entry["labels"].get(rule.cuad, {}).get("clauses", [])
            ours = found.get(rule.id)
            cell = confusion_cell(bool(ours), bool(expert))
            counts[rule.id][cell] += 1
            if cell == "tp":
                hit = any(overlaps(e.quote, x) for e in ours.evidence for x in expert)
                counts[rule.id]["overlap"] += hit
                if mistakes == rule.id and not hit:
                    mistake_lines.append(
                        f"TP-NO-OVERLAP {entry['id']} ours: {_short(ours.evidence[0].quote)}\n"
                        f"    expert: {_short(expert[0])}"
                    )
            if mistakes == rule.id and cell == "fp":
                quotes = " | ".join(_short(e.quote) for e in ours.evidence)
                mistake_lines.append(f"FP {entry['id']} ({entry['type']}) ours: {quotes}")
            if mistakes == rule.id and cell == "fn":
                mistake_lines.append(
                    f"FN {entry['id']} ({entry['type']}) expert: "
                    + " || ".join(_short(x) for x in expert[:3])
                )
    per_type = {}
    for rule in clause_rules:
        c = counts[rule.id]
        p, r, f = precision_recall_f1(c)
        per_type[rule.id] = {
            "cuad": rule.cuad,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "evidence_overlap": round(c["overlap"] / c["tp"], 3) if c["tp"] else None,
            **{k: c[k] for k in ("tp", "fp", "fn", "tn")},
        }
    f1s = [v["f1"] for v in per_type.values()]
    total_parse, total_rules = sum(parse_times), sum(rule_times)
    return {
        "source": source,
        "documents": documents,
        "failed": len(errors),
        "errors": errors[:20],
        "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else None,
        "per_type": per_type,
        "timing": {
            "parse_total_s": round(total_parse, 2),
            "parse_median_s": round(statistics.median(parse_times), 4) if parse_times else None,
            "rules_total_s": round(total_rules, 2),
            "rules_median_s": round(statistics.median(rule_times), 4) if rule_times else None,
            "rules_to_parse_ratio": round(total_rules / total_parse, 3) if total_parse else None,
            "clauses_total_s": round(sum(clause_times), 2),
            "clauses_to_parse_ratio": round(sum(clause_times) / total_parse, 3) if total_parse else None,
        },
        "mistakes": mistake_lines,
    }


def _short(text: str, limit: int = 300) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


def print_table(result: dict[str, Any]) -> None:
    print(f"\nsource={result['source']} documents={result['documents']} failed={result['failed']}")
    for err in result["errors"][:5]:
        print(f"  error: {err}")
    print(f"{'type':38} {'P':>6} {'R':>6} {'F1':>6} {'ovl':>6}   tp  fp  fn   tn")
    for type_id, v in result["per_type"].items():
        ovl = "-" if v["evidence_overlap"] is None else f"{v['evidence_overlap']:.3f}"
        print(
            f"{type_id:38} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {ovl:>6} "
            f"{v['tp']:4d}{v['fp']:4d}{v['fn']:4d} {v['tn']:4d}"
        )
    print(f"macro-F1: {result['macro_f1']}")
    t = result["timing"]
    print(
        f"timing: parse total {t['parse_total_s']}s (median {t['parse_median_s']}s), "
        f"rules total {t['rules_total_s']}s (median {t['rules_median_s']}s), "
        f"rules/parse = {t['rules_to_parse_ratio']}; clause inventory alone {t['clauses_total_s']}s, "
        f"clauses/parse = {t['clauses_to_parse_ratio']}"
    )
    if result["mistakes"]:
        print("\n" + "\n".join(result["mistakes"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", choices=["txt", "pdf", "both"], default="txt")
    parser.add_argument("--limit", type=int, default=None, help="only the first N contracts")
    parser.add_argument("--types", default=None, help="comma-separated clause type ids")
    parser.add_argument("--mistakes", default=None, metavar="TYPE", help="list FP/FN of this clause type")
    parser.add_argument("--rules", default=None, help="rules folder (default: the packaged rules)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    require_shared()
    rules = mc.load_rules(args.rules)
    types = set(args.types.split(",")) if args.types else None
    if args.mistakes:
        types = (types or set()) | {args.mistakes}
    sources = ["txt", "pdf"] if args.source == "both" else [args.source]
    results = [run(s, rules, args.limit, types, args.mistakes) for s in sources]
    if args.json:
        print(json.dumps(results if len(results) > 1 else results[0], indent=2))
    else:
        for result in results:
            print_table(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
