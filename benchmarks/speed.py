"""Review cost against parse cost on the CUAD development PDFs, in CPU time (robust to a busy machine).

    python benchmarks/speed.py [--limit N] [--step K] [--rounds R]

Parse = ``msp_contract.load`` (PDF → Document with sections). Review = ``msp_contract.engine.review`` on the
loaded Document, split into its parts: the clause inventory, the blueprint element rules, and the rest
(value extraction for key terms and the SLA table, findings and the report model). Rules are compiled before timing (a warm-up pass), since a process
reviews many documents. Each figure is the best of ``--rounds`` passes, to damp noise from other processes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msp_contract as mc
from benchmarks._shared import CUAD, require_shared
from msp_contract.engine import review
from msp_contract.engine.elements import (
    Context,
    evaluate_clauses,
    evaluate_element,
    global_outside,
    index_for,
)


def best_cpu(work: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=40, help="number of PDFs (default 40)")
    parser.add_argument("--step", type=int, default=6, help="take every K-th PDF of the sorted list")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    require_shared()
    paths = sorted((CUAD / "pdf").glob("*.pdf"))[:: args.step][: args.limit]
    rules = mc.load_rules()
    documents = [mc.load(p) for p in paths]
    for document in documents:  # warm-up: compile every pattern once, as a long-running process would
        review(document, rules)
    pages = sum(d.source.page_count for d in documents)

    def parse_all() -> None:
        for path in paths:
            mc.load(path)

    def review_all() -> None:
        for document in documents:
            review(document, rules)

    def clauses_all() -> None:
        for document in documents:
            evaluate_clauses(index_for(document, rules), rules)

    def elements_all() -> None:
        for document in documents:
            index = index_for(document, rules)
            hits, _ = evaluate_clauses(index, rules)
            context = Context(index, rules, hits, {}, global_outside(rules))
            for rule in rules.elements:
                evaluate_element(context, rule)

    parse = best_cpu(parse_all, args.rounds)
    full = best_cpu(review_all, args.rounds)
    clauses = best_cpu(clauses_all, args.rounds)
    clauses_and_elements = best_cpu(elements_all, args.rounds)
    elements = clauses_and_elements - clauses
    values = max(full - clauses_and_elements, 0.0)  # key terms and SLA table read the clauses found
    n = len(documents)
    print(f"{n} CUAD PDFs, {pages} pages; CPU time, best of {args.rounds}")
    print(f"parse           {parse / n * 1000:7.1f} ms/doc  {parse / pages * 1000:6.2f} ms/page")
    print(f"review (all)    {full / n * 1000:7.1f} ms/doc  ratio to parse {full / parse:.2f}")
    print(f"  clause rules  {clauses / n * 1000:7.1f} ms/doc  ratio {clauses / parse:.2f}")
    print(f"  element rules {elements / n * 1000:7.1f} ms/doc  ratio {elements / parse:.2f}")
    print(f"  values+report {values / n * 1000:7.1f} ms/doc  ratio {values / parse:.2f}")


if __name__ == "__main__":
    main()
