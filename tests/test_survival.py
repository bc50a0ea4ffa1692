"""Survival clauses: a requirement about how long an obligation lasts is met by a general clause that keeps
the obligation's section alive after termination, and the evidence is that clause, verbatim, with its section."""

from __future__ import annotations

from helpers import SHARED, doc, needs_shared

import msp_contract as mc
from msp_contract.engine.elements import index_for
from msp_contract.engine.survival import survival_hits

RULES = mc.load_rules()

CONFIDENTIALITY = """7. Confidentiality
7.1 Each party shall hold the Confidential Information of the other party in confidence.
7.2 Each party shall use the Confidential Information of the other party only to perform this Agreement.
8. Term
8.1 This Agreement continues for two (2) years from the Effective Date.
"""


def _confidentiality_term(text: str) -> mc.report.RequirementResult:
    element = mc.analyze(doc(text), rules=RULES).element("data_protection_privacy")
    return next(r for r in element.requirements if r.id == "confidentiality_term")


def _hits(text: str, start_of_scope: str) -> list[str]:
    document = doc(text)
    index = index_for(document, RULES)
    start = document.text.index(start_of_scope)
    return [document.text[h.start : h.end] for h in survival_hits(index, [(start, start + 40)])]


def test_a_survival_clause_naming_the_section_meets_the_duration_with_its_own_evidence() -> None:
    text = (
        CONFIDENTIALITY
        + "12. General\n12.4 Sections 6, 7 and 10 shall survive any termination or expiration of this Agreement.\n"
    )
    requirement = _confidentiality_term(text)
    assert requirement.met
    (evidence,) = requirement.evidence
    assert (
        evidence.quote
        == "12.4 Sections 6, 7 and 10 shall survive any termination or expiration of this Agreement."
    )
    assert evidence.section == "12.4"
    assert text[evidence.start : evidence.end] == evidence.quote


def test_a_survival_clause_naming_other_sections_does_not() -> None:
    text = (
        CONFIDENTIALITY
        + "12. General\n12.4 Sections 9 and 10 shall survive any termination of this Agreement.\n"
    )
    assert not _confidentiality_term(text).met


def test_a_period_or_a_count_in_parentheses_is_not_a_section_number() -> None:
    text = (
        CONFIDENTIALITY
        + "12. General\n12.4 Section 10 shall survive for seven (7) years, and the licence for 7 years.\n"
    )
    assert _hits(text, "7.1 Each") == []


def test_naming_a_parent_section_keeps_its_subsections_alive_but_not_the_reverse() -> None:
    parent = CONFIDENTIALITY + "12. General\n12.4 Article 7 shall survive termination.\n"
    assert _hits(parent, "7.2 Each") == ["12.4 Article 7 shall survive termination."]
    child = CONFIDENTIALITY + "12. General\n12.4 Section 7.1 shall survive termination.\n"
    assert _hits(child, "7.2 Each") == []
    assert _hits(child, "7.1 Each") == ["12.4 Section 7.1 shall survive termination."]


def test_numbers_run_together_with_the_word_and_lists_after_the_verb_are_read() -> None:
    text = (
        CONFIDENTIALITY
        + "12. General\n12.4 The following Sections shall survive termination: Sections7.2, 9 and 11.\n"
    )
    assert _hits(text, "7.2 Each") == [
        "12.4 The following Sections shall survive termination: Sections7.2, 9 and 11."
    ]


def test_a_schedule_numbered_like_the_section_is_not_that_section() -> None:
    text = (
        "Schedule 7\n1. The Supplier shall keep the pricing in this Schedule confidential.\n"
        "12. General\n12.4 Section 7 shall survive termination.\n"
    )
    assert _hits(text, "1. The Supplier") == []


@needs_shared
def test_survival_by_number_in_a_real_agreement() -> None:
    """cuad-dev-142 keeps its confidentiality section alive in a numbered survival list, far from it."""
    report = mc.analyze(SHARED / "cuad" / "txt" / "cuad-dev-142.txt", rules=RULES)
    requirement = next(
        r for r in report.element("data_protection_privacy").requirements if r.id == "confidentiality_term"
    )
    assert requirement.met
    assert "survive" in requirement.evidence[0].quote
