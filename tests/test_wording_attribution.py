"""Wording findings belong to the clause they sit in: an element is flagged only for phrases inside its own
clauses, and a phrase no element claims is a document-level finding, pinned to no element."""

from __future__ import annotations

import pytest
from helpers import CORPUS, SAMPLES, doc

import msp_contract as mc

WEAK_MSA = CORPUS / "sources" / "weak-msa.md"


@pytest.fixture(scope="module", params=["md", "pdf"])
def weak(request: pytest.FixtureRequest) -> mc.Report:
    return mc.analyze(WEAK_MSA if request.param == "md" else SAMPLES / "weak-msa.pdf")


def _wording(report: mc.Report, element: str) -> dict[str, str | None]:
    return {w.id: w.evidence.section for w in report.element(element).wording}


def test_backups_are_flagged_for_their_own_where_appropriate(weak: mc.Report) -> None:
    # §6.1 "periodic backups ... where appropriate"; before, §1.2 "sole discretion" and §2.1 "commercially
    # reasonable efforts" were pinned here because a short section's scope climbed to the whole contract
    assert _wording(weak, "backup_and_restore") == {"open_ended_discretion": "6.1"}


def test_fees_are_flagged_for_the_fee_increase_not_for_changes_to_the_services(weak: mc.Report) -> None:
    assert _wording(weak, "fees_and_pricing") == {"unilateral_change": "3.1"}
    quote = weak.element("fees_and_pricing").wording[0].evidence.quote
    assert "increase its fees" in quote


def test_every_element_wording_sits_in_a_section_of_its_evidence(weak: mc.Report) -> None:
    for element in weak.elements:
        clauses = {e.section.split(".")[0] for e in element.evidence if e.section}
        for wording in element.wording:
            assert wording.evidence.section is not None
            assert wording.evidence.section.split(".")[0] in clauses, (element.id, wording.id)


def test_availability_effort_and_credit_sole_remedy_stay_with_their_clauses(weak: mc.Report) -> None:
    assert _wording(weak, "sla_availability")["effort_qualifier"] == "2.1"
    assert _wording(weak, "service_credits_and_incentives")["sole_remedy"] == "2.3"
    assert "sole_remedy" not in _wording(weak, "liability_indemnity_insurance")


def test_wording_outside_every_element_is_a_document_level_finding() -> None:
    document = doc(
        "MASTER SERVICES AGREEMENT\n\n"
        "1. Backups\n\n"
        "1.1 Provider shall back up Customer Data daily and keep each backup for thirty (30) days.\n\n"
        "2. Publicity\n\n"
        "2.1 Each party will use commercially reasonable efforts to agree a joint press release.\n"
    )
    report = mc.analyze(document)
    assert all(not e.wording for e in report.elements)
    notes = [f for f in report.findings if f.kind == "wording"]
    assert [(f.rule, f.element, f.severity) for f in notes] == [("wording.effort_qualifier", None, "info")]
    assert notes[0].evidence[0].section == "2.1"


def test_document_level_wording_obeys_ignore_and_severity() -> None:
    document = doc("1. Publicity\n\n1.1 Each party will use reasonable efforts to agree a press release.\n")
    ignored = mc.analyze(document, config=mc.Config(ignore=("wording.effort_qualifier",)))
    assert not [f for f in ignored.findings if f.kind == "wording"]
    graded = mc.analyze(document, config=mc.Config(severity={"wording.effort_qualifier": "warning"}))
    assert [f.severity for f in graded.findings if f.kind == "wording"] == ["warning"]
