"""Every quote in a report is verbatim document text at the span it claims, on the page it claims."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from helpers import CORPUS, PUBLIC, SAMPLES, SHARED, doc, needs_shared
from reportlab.pdfgen.canvas import Canvas

import msp_contract as mc
from msp_contract.render import render
from msp_contract.render.common import excerpt
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
        if item.section is not None:  # the clause number as printed, never an internal id
            assert "#" not in item.section
            assert any(s.citation == item.section for s in document.sections)
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


def test_a_trimmed_quote_says_so_and_is_still_verbatim() -> None:
    clause = "Provider shall maintain a documented disaster recovery plan for the hosted platform"
    padding = ", and ".join(
        f"shall keep the spare equipment at site number {i} in working order" for i in range(5)
    )
    text = f"12. Continuity\n12.1 {padding}, and {clause}, tested annually, {padding}.\n"
    report = mc.analyze(doc(text))
    sentence_start, sentence_end = text.index("12.1"), len(text.rstrip())
    evidence = all_evidence(report)
    assert any(e.trimmed_start and e.trimmed_end and clause in e.quote for e in evidence)
    for item in evidence:
        assert text[item.start : item.end] == item.quote
        assert item.trimmed_start == (item.start > sentence_start)
        assert item.trimmed_end == (item.end < sentence_end)


@needs_shared
def test_renderers_mark_where_a_trimmed_quote_starts_mid_sentence() -> None:
    pdf = SHARED / "cuad" / "pdf" / "cuad-dev-017.pdf"
    report = mc.analyze(pdf)
    [hazard] = {e for e in all_evidence(report) if e.quote.startswith("likely to (i) be a safety hazard")}
    assert hazard.trimmed_start
    out = render("text", [report])
    assert '"…likely to (i) be a safety hazard' in out and '"likely to (i)' not in out


def test_excerpt_cuts_at_a_word_boundary() -> None:
    quote = "Provider performs proactive monitoring of the managed network and remediates alerts"
    evidence = Evidence(quote=quote, page=1, section=None, start=0, end=len(quote))
    assert excerpt(evidence, 40) == "Provider performs proactive monitoring…"
    assert excerpt(evidence.model_copy(update={"trimmed_start": True}), 40) == "…Provider performs proactive…"
    assert excerpt(evidence.model_copy(update={"trimmed_end": True}), 200) == quote + "…"
    assert excerpt(evidence, 200) == quote


def test_evidence_lists_quote_each_sentence_once_and_prefer_clause_text() -> None:
    document = mc.load(CORPUS / "sources" / "strong-msa.md")
    report = check(document)
    lists = [e.evidence for e in report.elements] + [c.evidence for c in report.clauses]
    for evidence in lists:
        spans = sorted((e.start, e.end) for e in evidence)
        assert all(end <= next_start for (_, end), (next_start, _) in pairwise(spans))
    quoted = {e.quote for evidence in lists for e in evidence}
    # headings alone, each beside a sentence of its own clause that is quoted too
    assert not quoted & {
        "1. Objectives and Structure\n1.1 Business Objectives.",
        "10.1 Exit Plan.",
        "9.1 Audit Rights.",
    }
    [assignment] = [c for c in report.clauses if c.type == "anti_assignment"]
    assert [e.quote[:32] for e in assignment.evidence if "Neither party" in e.quote] == [
        "12.1 Assignment. Neither party m"
    ]


REPEATED_MARKERS = [
    ("SERVICE LEVELS", True),
    ("(a) Provider shall make the Services available 99.9% of the time in each calendar month.", False),
    ("(b) Provider shall respond to Severity 1 incidents within 15 minutes.", False),
    ("DISASTER RECOVERY", True),
    ("(a) Provider shall maintain a disaster recovery plan and test it at least annually.", False),
    ("(b) Provider shall restore the Services within a recovery time objective of four hours.", False),
]


def _repeated_markers_pdf(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=(612, 792))
    for i, (line, bold) in enumerate(REPEATED_MARKERS):
        canvas.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        canvas.drawString(72, 700 - 24 * i, line)
    canvas.save()
    return path


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_a_marker_printed_again_is_cited_as_printed_with_its_heading(tmp_path: Path, kind: str) -> None:
    """ "(a)" under DISASTER RECOVERY is cited "(a) DISASTER RECOVERY", not the internal id "(a)#2"."""
    if kind == "txt":
        path = tmp_path / "c.txt"
        path.write_text("\n".join(line for line, _ in REPEATED_MARKERS) + "\n", encoding="utf-8")
    else:
        path = _repeated_markers_pdf(tmp_path / "c.pdf")
    document = mc.load(path)
    plan = document.text.index("(a) Provider shall maintain a disaster recovery plan")
    cited = [item for element in check(document).elements for item in element.evidence if item.start == plan]
    assert cited and all((item.section, item.heading) == ("(a)", "DISASTER RECOVERY") for item in cited)
