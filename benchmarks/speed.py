"""Review cost against parse cost on the CUAD development PDFs, in CPU time (robust to a busy machine).

    python benchmarks/speed.py [--limit N] [--step K] [--rounds R]

Parse = ``msp_contract.load`` (PDF → Document with sections). Review = ``msp_contract.engine.review`` on the
loaded Document, split into its parts: the clause inventory, the blueprint element rules, and the rest
(value extraction for key terms and the SLA table, findings and the report model). Rule evaluation is the
clause inventory plus the element rules. Rules are compiled before timing (a warm-up pass), since a process
reviews many documents. Each document's figures are the best of ``--rounds`` passes, to damp noise.

The element rules include the sentence model's second reading of the elements the patterns missed.
Two ratios are printed, because they differ: over the corpus (total rule time / total parse time, which long
and heavy PDFs dominate) and per document (the median and quartiles of each document's own ratio, which
short contracts dominate: a review has a fixed cost per pattern, parsing does not).
The default is every PDF; ``--step 6 --limit 40`` is a quick sample.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msp_contract as mc
from benchmarks._shared import CUAD, require_shared
from msp_contract.engine import review
from msp_contract.engine.clauses import evaluate_clauses
from msp_contract.engine.elements import Context, evaluate_elements, global_outside, index_for
from msp_contract.model import Document
from msp_contract.rulebook import RuleSet


def best_cpu(work: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


@dataclass(frozen=True)
class Timing:
    """CPU seconds for one document."""

    pages: int
    parse: float
    review: float
    clauses: float
    clauses_and_elements: float

    @property
    def rules(self) -> float:
        return self.clauses_and_elements

    @property
    def elements(self) -> float:
        return max(self.clauses_and_elements - self.clauses, 0.0)

    @property
    def rest(self) -> float:  # key terms and the SLA table read the clauses found
        return max(self.review - self.clauses_and_elements, 0.0)


def evaluate_rules(document: Document, rules: RuleSet) -> None:
    index = index_for(document, rules)
    hits, _ = evaluate_clauses(index, rules)
    context = Context(index, rules, hits, {}, global_outside(rules))
    evaluate_elements(context, list(rules.elements))  # rule patterns, then the sentence model


def time_document(path: Path, rules: RuleSet, rounds: int) -> Timing:
    document = mc.load(path)
    review(document, rules)  # warm-up: compile every pattern this document reaches
    return Timing(
        pages=document.source.page_count,
        parse=best_cpu(lambda: mc.load(path), rounds),
        review=best_cpu(lambda: review(document, rules), rounds),
        clauses=best_cpu(lambda: evaluate_clauses(index_for(document, rules), rules), rounds),
        clauses_and_elements=best_cpu(lambda: evaluate_rules(document, rules), rounds),
    )


def quartiles(values: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(values, n=4) if len(values) > 1 else (values * 3)
    return f"median {median:.2f} (quartiles {q1:.2f}-{q3:.2f})"


def report(timings: list[Timing], rounds: int) -> None:
    n, pages = len(timings), sum(t.pages for t in timings)
    parse = sum(t.parse for t in timings)
    print(f"{n} CUAD PDFs, {pages} pages; CPU time, best of {rounds} per document")
    print(f"parse           {parse / n * 1000:7.1f} ms/doc  {parse / pages * 1000:6.2f} ms/page")
    rows = [
        ("review (all)", lambda t: t.review),
        ("rule evaluation", lambda t: t.rules),
        ("  clause rules", lambda t: t.clauses),
        ("  element rules", lambda t: t.elements),
        ("values+report", lambda t: t.rest),
    ]
    print(f"{'':16}{'ms/doc':>8}  ratio to parse: over the corpus / per document")
    for label, part in rows:
        total = sum(part(t) for t in timings)
        per_document = [part(t) / t.parse for t in timings if t.parse > 0]
        print(f"{label:16}{total / n * 1000:8.1f}  {total / parse:.3f} / {quartiles(per_document)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=0, help="number of PDFs (default: all)")
    parser.add_argument("--step", type=int, default=1, help="take every K-th PDF of the sorted list")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    require_shared()
    paths = sorted((CUAD / "pdf").glob("*.pdf"))[:: args.step]
    paths = paths[: args.limit] if args.limit else paths
    rules = mc.load_rules()
    report([time_document(path, rules, args.rounds) for path in paths], args.rounds)


if __name__ == "__main__":
    main()
