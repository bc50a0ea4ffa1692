"""Every example written in a rule file runs as a test: ``pytest -k disaster_recovery`` runs that rule's."""

from __future__ import annotations

import pytest

from msp_contract.rulebook import load_rules
from msp_contract.rulebook.examples import (
    run_clause_examples,
    run_element_examples,
    run_wording_examples,
)

RULES = load_rules()
_CASES = [
    *((f"{r.id}-{e.name}", "element", r.id, e.name) for r in RULES.elements for e in r.examples),
    *((f"{r.id}-{e.name}", "clause", r.id, e.name) for r in RULES.clauses for e in r.examples),
    *((f"wording.{r.id}-{e.name}", "wording", r.id, e.name) for r in RULES.wording for e in r.examples),
]
_RUNNERS = {"element": run_element_examples, "clause": run_clause_examples, "wording": run_wording_examples}


@pytest.mark.parametrize(("kind", "rule_id", "name"), [c[1:] for c in _CASES], ids=[c[0] for c in _CASES])
def test_rule_example(kind: str, rule_id: str, name: str) -> None:
    outcome = next(o for o in _RUNNERS[kind](RULES, rule_id) if o.name == name)
    assert outcome.passed, f"{outcome.rule} / {outcome.name}: {outcome.detail}"


def test_every_rule_has_a_passing_and_a_failing_example() -> None:
    for rule in RULES.elements:
        expects = {e.expect for e in rule.examples}
        assert "missing" in expects and expects & {"present", "weak"}, rule.id
    for clause in RULES.clauses:
        assert {e.expect for e in clause.examples} == {"present", "absent"}, clause.id
    for wording in RULES.wording:
        assert {e.expect for e in wording.examples} == {"match", "no_match"}, wording.id
