"""Every quote in a report is verbatim document text at the span it claims, on the page it claims."""

from __future__ import annotations

import pytest
from helpers import PUBLIC, SAMPLES, SHARED, needs_shared

import msp_contract as mc
from msp_contract.report import Evidence, Report


def all_evidence(report: Report) -> list[Evidence]:
    found: list[Evidence] = []
    for element in report.elements:
        found += element.evidence
        for requirement in element.requirements:
            found += requirement.evidence
        found += [w.evidence for w in element.wording]
    for clause in report.clauses:
        found += clause.evidence
    for finding in report.findings:
        found += finding.evidence
    found += [row.evidence for row in report.sla_table]
    found += [term.evidence for term in report.key_terms if term.evidence]
    return found


def check(document: mc.Document) -> Report:
    report = mc.analyze(document)
    evidence = all_evidence(report)
    assert evidence, "a real contract yields some evidence"
    for item in evidence:
        assert document.text[item.start : item.end] == item.quote
        assert item.page in document.pages_of(item.start, item.end)
        if item.section is not None:
            assert any(s.id == item.section for s in document.sections)
    return report


@pytest.mark.parametrize("name", ["strong-msa.pdf", "strong-msa.docx", "weak-msa.pdf", "sow-no-dr.docx"])
def test_sample_contract_evidence_is_verbatim_and_located(name: str) -> None:
    document = mc.load(SAMPLES / name)
    report = check(document)
    if name.endswith(".pdf"):
        boxed = [e for e in all_evidence(report) if e.bbox is not None]
        assert boxed, "PDF evidence carries bounding boxes"
        for item in boxed:
            page = document.pages[item.page - 1]
            assert page.width is not None and 0 <= item.bbox[0] < item.bbox[2] <= page.width + 1


@needs_shared
@pytest.mark.parametrize("number", ["040", "096", "155", "223"])
def test_cuad_evidence_is_verbatim_from_pdf_and_text(number: str) -> None:
    for kind in ("pdf", "txt"):
        check(mc.load(SHARED / "cuad" / kind / f"cuad-dev-{number}.{kind}"))


@needs_shared
def test_public_agreement_evidence_is_verbatim() -> None:
    check(mc.load(PUBLIC / "bonterms-cloud-terms-v1.0.pdf"))
