"""Section numbering and nesting, found from the text as printed."""

from __future__ import annotations

from helpers import PUBLIC, doc, needs_shared

import msp_contract as mc
from msp_contract.engine.index import DocumentIndex
from msp_contract.model import SourceInfo
from msp_contract.parsers.builder import TextBuilder
from msp_contract.structure import segment


def ids(text: str) -> list[str]:
    return [s.id for s in doc(text).sections]


def test_decimal_numbering_nests_and_cites_as_printed() -> None:
    document = doc(
        "12. SERVICE LEVELS\n12.1 Availability. Provider shall ...\n12.2 Credits. If Provider fails ...\n"
        "(a) the first tier;\n(b) the second tier.\n13. TERM\nThis Agreement starts ..."
    )
    sections = {s.id: s for s in document.sections}
    assert list(sections) == ["12", "12.1", "12.2", "12.2(a)", "12.2(b)", "13"]
    assert sections["12.1"].parent == "12" and sections["12.2(b)"].parent == "12.2"
    assert sections["12"].heading == "SERVICE LEVELS"
    assert sections["12.1"].heading == "Availability"
    assert sections["12.2(b)"].number == "(b)"  # printed marker; the id is the citation
    assert sections["12"].end == sections["13"].start - 1 or sections["12"].end == sections["13"].start


def test_articles_schedules_and_exhibits_are_top_level_containers() -> None:
    found = ids(
        "ARTICLE IV\nPAYMENT\n4.1 Fees. Customer shall pay.\nSchedule 2\nService Levels\nExhibit A\nPricing"
    )
    assert "ARTICLE IV" in found and "Schedule 2" in found and "Exhibit A" in found
    document = doc(
        "Article IV Payment\n4.1 Fees. Customer shall pay.\nSchedule 2 Service Levels\n1. Availability"
    )
    by_id = {s.id: s for s in document.sections}
    assert by_id["4.1"].parent == "Article IV"
    assert by_id["1"].parent == "Schedule 2"


def test_roman_sub_items_nest_under_letters() -> None:
    document = doc(
        "5. Fees\n(a) Customer shall pay:\n(i) the monthly fee;\n(ii) expenses.\n(b) Taxes are extra."
    )
    by_id = {s.id: s for s in document.sections}
    assert by_id["5(a)(i)"].parent == "5(a)" and by_id["5(a)(ii)"].parent == "5(a)"
    assert by_id["5(b)"].parent == "5"


def test_prose_numbers_do_not_open_sections() -> None:
    assert ids("Provider shall respond within\n30 days of notice.\n2019 was the first year.") == []


def test_a_stamp_on_every_page_is_not_a_heading() -> None:
    """A "CONFIDENTIAL" stamp at each page break would otherwise close the clause it interrupts."""
    page = "\n\n12\n\nCONFIDENTIAL\n\n"
    document = doc(
        f"11. CONTENT\n\n(a) Client owns the site.{page}12. DATA\n\n(a) Each party keeps data secret."
        f"{page}(b) Client will provide all User Data monthly.{page}13. TERM\n\nOne year."
    )
    offset = document.text.index("Client will provide")
    section = document.section_at(offset)
    assert section is not None and section.id == "12(b)" and section.parent == "12"
    assert all(s.heading != "CONFIDENTIAL" for s in document.sections)
    once = doc("1. Scope\n\nProvider shall host.\n\nCONFIDENTIALITY\n\nEach party keeps data secret.")
    assert [s.heading for s in once.sections] == ["Scope", "CONFIDENTIALITY"]  # a heading printed once stays


def test_a_bold_heading_repeated_under_each_service_stays_a_heading() -> None:
    builder = TextBuilder()
    for service in ("Backup", "Monitoring", "Patching"):
        builder.add_block("SERVICE DESCRIPTION", bold=True)
        builder.add_block(f"The Provider shall provide {service} services.")
    source = SourceInfo(path="sow.docx", format="docx", sha256="0" * 64, size_bytes=1, page_count=1)
    document = segment(builder.build(source))
    assert [s.heading for s in document.sections] == ["SERVICE DESCRIPTION"] * 3


def test_a_number_printed_again_is_cited_as_printed_under_its_own_heading() -> None:
    """The id keeps sections apart ("(a)#2"); the citation a reader sees is the number as printed."""
    document = doc(
        "SERVICE LEVELS\n(a) Provider shall respond within 15 minutes.\n(b) Provider shall restore service.\n"
        "DISASTER RECOVERY\n(a) Provider shall keep a recovery plan.\n(b) Provider shall test the plan."
    )
    numbered = [s for s in document.sections if s.number]
    assert [s.citation for s in numbered] == ["(a)", "(b)", "(a)", "(b)"]
    assert len({s.id for s in document.sections}) == len(document.sections)
    index = DocumentIndex(document)
    plan = index.sentences[index.sentence_at(document.text.index("keep a recovery plan")) or 0].section
    assert index.citation(plan) == ("(a)", "DISASTER RECOVERY")
    assert doc("12.3 Credits. Provider pays.\n(b) the second tier.").sections[1].citation == "12.3(b)"


def test_contents_entries_do_not_open_sections() -> None:
    """Read as headings, contents lines would open sections, and the last one ("Addendum 2: Maintenance")
    would hold the whole body, whose own clauses would then be cited as duplicates."""
    document = doc(
        "TABLE OF CONTENTS\n1. Services 1\n2. Fees 2\n3. Term 3\nExhibit A: Service Levels\n"
        "Addendum 2: Maintenance\n\n1. Services\n1.1 Provider shall provide the services.\n2. Fees\n"
        "2.1 Customer shall pay the fees.\n3. Term\n3.1 This Agreement runs for one year."
    )
    assert [s.id for s in document.sections] == ["1", "1.1", "2", "2.1", "3", "3.1"]
    fees = document.section_path(document.text.index("Customer shall pay"))
    assert [s.label for s in fees] == ["2 Fees", "2.1"]


def test_headings_with_an_ampersand_are_headings() -> None:
    document = doc(
        "5. Security & Data\n5.1 Provider shall encrypt Customer Data.\n6. Fees\n6.1 Customer pays."
    )
    assert [(s.id, s.heading) for s in document.sections if "." not in s.id] == [
        ("5", "Security & Data"),
        ("6", "Fees"),
    ]
    inline = doc("7. Term & Termination. Either party may terminate for breach.")
    assert inline.sections[0].heading == "Term & Termination"
    assert doc("(a) [***]; or\n(b) [***].").sections[0].heading is None  # a redaction is no title


def test_section_at_and_page_lookup() -> None:
    document = doc("1. Term\nThe term is one year.\n2. Fees\nFees are due monthly.")
    offset = document.text.index("monthly")
    section = document.section_at(offset)
    assert section is not None and section.id == "2" and section.heading == "Fees"
    assert document.page_at(offset) == 1


@needs_shared
def test_markdown_nested_lists_cite_full_path() -> None:
    document = mc.load(PUBLIC / "commonpaper-cloud-service-agreement.md")
    found = {s.id for s in document.sections}
    assert {"1", "1.1", "5.3", "5.3(a)", "12.1"} <= found
    assert "<span" not in document.text and "**" not in document.text


@needs_shared
def test_common_paper_ampersand_headings() -> None:
    document = mc.load(PUBLIC / "commonpaper-cloud-service-agreement.md")
    headings = {s.id: s.heading for s in document.sections}
    assert headings["2"] == "Restrictions & Obligations" and headings["5"] == "Term & Termination"
