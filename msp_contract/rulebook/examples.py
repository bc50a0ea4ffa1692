"""Run the examples written in rule files: a rule's examples are its tests.

Used by ``tests/test_rule_examples.py`` and by ``msp-contract rules test`` so people who write rules but not
Python can check their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..model import Document, SourceInfo
from ..parsers.text import parse_text
from ..report import Report
from ..structure import segment
from .loader import RuleSet


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    name: str
    passed: bool
    detail: str  # what was expected and what came out


def document_from_text(text: str, name: str = "example") -> Document:
    builder = parse_text(text, markdown=False)
    raw = builder.build(
        SourceInfo(path=name, format="txt", sha256="0" * 64, size_bytes=len(text), page_count=1)
    )
    return segment(raw)


def _review(text: str, rules: RuleSet, select: tuple[str, ...]) -> Report:
    from ..engine import review

    # The patterns alone: an example tests its rule, which the sentence model must not stand in for.
    return review(document_from_text(text), rules, Config(select=select, sentence_model=False))


def run_element_examples(rules: RuleSet, only: str | None = None) -> list[ExampleOutcome]:
    outcomes: list[ExampleOutcome] = []
    for rule in rules.elements:
        if only and rule.id != only:
            continue
        for example in rule.examples:
            result = _review(example.text, rules, (rule.id,)).element(rule.id)
            problems = []
            if result.status != example.expect:
                problems.append(f"status {result.status}, expected {example.expect}")
            met = {r.id for r in result.requirements if r.met}
            problems += [f"requirement {r} unmet, expected met" for r in example.met if r not in met]
            problems += [f"requirement {r} met, expected unmet" for r in example.unmet if r in met]
            ruled_out = {r.id for r in result.requirements if not r.applicable}
            problems += [
                f"requirement {r} applies, expected not applicable"
                for r in example.not_applicable
                if r not in ruled_out
            ]
            problems += [
                f"requirement {r} not applicable" for r in (*example.met, *example.unmet) if r in ruled_out
            ]
            outcomes.append(ExampleOutcome(rule.id, example.name, not problems, "; ".join(problems) or "ok"))
    return outcomes


def run_clause_examples(rules: RuleSet, only: str | None = None) -> list[ExampleOutcome]:
    from ..engine.clauses import evaluate_clauses
    from ..engine.elements import index_for

    outcomes: list[ExampleOutcome] = []
    for rule in rules.clauses:
        if only and rule.id != only:
            continue
        for example in rule.examples:
            _, results = evaluate_clauses(index_for(document_from_text(example.text), rules), rules, False)
            found = next((c for c in results if c.type == rule.id), None)
            problems = []
            if (found is not None) != (example.expect == "present"):
                problems.append(f"{'found' if found else 'not found'}, expected {example.expect}")
            if found and example.value is not None and found.value != example.value:
                problems.append(f"value {found.value!r}, expected {example.value!r}")
            outcomes.append(ExampleOutcome(rule.id, example.name, not problems, "; ".join(problems) or "ok"))
    return outcomes


def run_wording_examples(rules: RuleSet, only: str | None = None) -> list[ExampleOutcome]:
    from ..engine.detect import pattern_hits
    from ..engine.elements import index_for
    from .patterns import compile_signals

    outcomes: list[ExampleOutcome] = []
    for rule in rules.wording:
        if only and rule.id != only:
            continue
        signals = compile_signals(rule.detect, rules.blueprint.macros, rules.source(rule.id))
        for example in rule.examples:
            hits = pattern_hits(index_for(document_from_text(example.text), rules), signals)
            ok = bool(hits) == (example.expect == "match")
            detail = "ok" if ok else f"{'matched' if hits else 'no match'}, expected {example.expect}"
            outcomes.append(ExampleOutcome(f"wording.{rule.id}", example.name, ok, detail))
    return outcomes


def run_all_examples(rules: RuleSet, only: str | None = None) -> list[ExampleOutcome]:
    return [
        *run_element_examples(rules, only),
        *run_clause_examples(rules, only),
        *run_wording_examples(rules, only),
    ]
