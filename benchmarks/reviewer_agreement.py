"""How far two blind reviewers agree on quality, and how far the engine agrees with each of them.

    python benchmarks/reviewer_agreement.py [--source txt|pdf]

``benchmarks/labels/quality_second.jsonl`` holds a second reviewer's calls for 16 held-out agreements, made
without sight of the first (``quality.jsonl``). On the elements both call present, the first reviewer is
scored as the truth and the second as the answer (weak/well-defined agreement, always-"weak", Cohen's kappa,
and agreement on each checklist attribute); then the engine (bundled rules and model) against each reviewer.
The reviewers' agreement is the ceiling a tool can be expected to reach on such agreements.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msp_contract as mc
from benchmarks._reviewed import (
    QUALITY,
    count_call,
    labels_by_document,
    quality_summary,
    score_report_quality,
)
from benchmarks._shared import CUAD, require_shared

SECOND = QUALITY.with_name("quality_second.jsonl")


def _reviewer_counts(first: dict, second: dict) -> Counter[str]:
    counts: Counter[str] = Counter()
    for element, truth in first.items():
        if element not in second:
            continue
        answer = second[element]
        count_call(counts, bool(truth["well_defined"]), bool(answer["well_defined"]))
        for attribute in truth["attributes_met"] + truth["attributes_missing"]:
            counts["req_pairs"] += 1
            counts["req_agree"] += (attribute in truth["attributes_met"]) == (
                attribute in answer["attributes_met"]
            )
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", choices=["txt", "pdf"], default="txt")
    args = parser.parse_args()
    require_shared()
    first, second = labels_by_document(QUALITY), labels_by_document(SECOND)
    reviewers, engine_first, engine_second = Counter[str](), Counter[str](), Counter[str]()
    rules = mc.load_rules()
    for document in sorted(second):
        calls, again = first[document]["elements"], second[document]["elements"]
        reviewers.update(_reviewer_counts(calls, again))
        report = mc.analyze(CUAD / args.source / f"{document}.{args.source}", rules=rules)
        score_report_quality(report, calls, engine_first)
        score_report_quality(report, again, engine_second)
    print(f"{len(second)} agreements labelled twice ({args.source}):")
    print(f"  second reviewer vs first: {quality_summary(reviewers, 'attribute')}")
    print(f"  engine vs first reviewer:  {quality_summary(engine_first)}")
    print(f"  engine vs second reviewer: {quality_summary(engine_second)}")


if __name__ == "__main__":
    main()
