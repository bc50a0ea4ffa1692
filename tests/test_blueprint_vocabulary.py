"""The default blueprint speaks the shared checklist's vocabulary: same element ids, pillars, attributes."""

from __future__ import annotations

import re

import yaml
from helpers import SHARED, needs_shared

import msp_contract as mc

RULES = mc.load_rules()


@needs_shared
def test_elements_and_requirements_use_the_checklist_ids() -> None:
    checklist = yaml.safe_load((SHARED / "blueprint" / "checklist.yaml").read_text(encoding="utf-8"))
    expected = {e["id"]: e for e in checklist["elements"]}
    assert [e.id for e in RULES.elements] == list(expected)  # same ids, in checklist order
    for element in RULES.elements:
        reference = expected[element.id]
        assert element.pillar == reference["pillar"], element.id
        attributes = {a["name"] for a in reference["well_defined_attributes"]}
        assert {r.id for r in element.requirements} <= attributes, element.id
        assert element.requirements, f"{element.id} has no requirements"


def test_every_rule_explains_itself() -> None:
    for element in RULES.elements:
        assert len(element.why.split()) >= 8 and len(element.ask.split()) >= 8, element.id
        assert all(r.ask for r in element.requirements), element.id
    for wording in RULES.wording:
        assert wording.reason and wording.ask, wording.id
    assert {c.cuad for c in RULES.clauses} >= {"Governing Law", "Termination For Convenience", "Audit Rights"}


def test_clause_types_are_named_after_cuad_categories() -> None:
    for clause in RULES.clauses:
        assert clause.id == re.sub(r"[^a-z]+", "_", clause.cuad.lower()).strip("_"), clause.id
