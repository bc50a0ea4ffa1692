"""PDF parser: reading order, furniture, paragraphs, headings, tables, boxes and typed errors.

Every fixture PDF is drawn with reportlab into tmp_path, so each test states the layout it checks. Tests on
real files (Bonterms, CUAD) are marked ``shared`` and skipped when the shared data folder is absent.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

import msp_contract as mc
from msp_contract import (
    CorruptFileError,
    EncryptedFileError,
    InputError,
    Limits,
    NoTextLayerError,
    ResourceLimitError,
)
from msp_contract.parsers import parse

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="needs the shared data folder")

Draw = Callable[[Canvas], None]
HEIGHT = 792.0


def make_pdf(path: Path, *pages: Draw, encrypt: StandardEncryption | None = None) -> Path:
    canvas = Canvas(str(path), pagesize=(612, HEIGHT), encrypt=encrypt)
    for draw in pages:
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return path


def text_at(
    canvas: Canvas, x: float, top: float, text: str, font: str = "Helvetica", size: float = 11
) -> None:
    """Draw ``text`` with its baseline ``top`` points below the top edge (easier to read than PDF's y)."""
    canvas.setFont(font, size)
    canvas.drawString(x, HEIGHT - top, text)


def flat(text: str) -> str:
    return " ".join(text.split())


# -- reading order ---------------------------------------------------------------------------------------


def test_numbered_clauses_start_blocks_and_sections(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        text_at(c, 72, 100, "1. Services", "Helvetica-Bold")
        text_at(c, 72, 120, "1.1 The Provider shall provide the Services described in each Statement of Work")
        text_at(c, 72, 134, "in accordance with the Service Levels.")
        text_at(
            c,
            72,
            148,
            "1.2 The Customer shall cooperate with the Provider as reasonably required under Section",
        )
        text_at(c, 72, 162, "12.3 of this Agreement.")
        text_at(c, 72, 196, "2. Fees", "Helvetica-Bold")
        text_at(c, 72, 216, "(a) Fees are payable monthly in arrears.")

    doc = mc.load(make_pdf(tmp_path / "clauses.pdf", page))
    numbers = [s.number for s in doc.sections]
    assert numbers == ["1", "1.1", "1.2", "2", "(a)"]  # "12.3 of this Agreement" continues 1.2
    starts = [doc.text[b.start : b.end].split()[0] for b in doc.blocks]
    assert starts == ["1.", "1.1", "1.2", "2.", "(a)"]
    assert "under Section 12.3 of this Agreement." in doc.text


def test_detached_number_column_rejoins_its_line(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        # Content-stream order: the whole numbering column first, then the text (as EDGAR renders do).
        for i, top in enumerate((100, 130, 160), start=1):
            text_at(c, 72, top, f"{i}.")
        for top, words in ((100, "Overview"), (130, "Term of the Agreement"), (160, "Termination")):
            text_at(c, 108, top, words)

    doc = parse(make_pdf(tmp_path / "column.pdf", page))
    assert doc.text.split("\n") == ["1. Overview", "2. Term of the Agreement", "3. Termination"]


def test_two_column_page_reads_left_column_first(tmp_path: Path) -> None:
    left = [f"Left column sentence number {i} runs on here" for i in range(1, 7)]
    right = [f"Right column sentence number {i} runs on too" for i in range(1, 7)]

    def page(c: Canvas) -> None:
        text_at(c, 72, 80, "A Two Column Agreement Title Spanning Both Columns Of The Page Here", size=12)
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            text_at(c, 72, 110 + 14 * i, a, size=10)
            text_at(c, 320, 110 + 14 * i, b, size=10)

    doc = parse(make_pdf(tmp_path / "two.pdf", page))
    text = flat(doc.text)
    assert text.index("Title Spanning") < text.index("Left column sentence number 1")
    assert text.index("Left column sentence number 6") < text.index("Right column sentence number 1")
    assert " ".join(left) in text and " ".join(right) in text


def test_label_and_value_columns_read_as_rows(tmp_path: Path) -> None:
    # A term sheet or order form: labels in one column, their values in another. Read as two columns,
    # "Initial term end date:" would end up a column away from "1 April 2029".
    rows = [
        ("Customer legal name:", "Globex Corporation plc"),
        ("Service commencement date:", "1 April 2026"),
        ("Initial term end date:", "1 April 2029"),
        ("Monthly service fee:", "USD 20,000 per month, invoiced monthly in arrears"),
        ("Governing law of contract:", "State of New York"),
    ]

    def page(c: Canvas) -> None:
        text_at(c, 72, 80, "ORDER FORM No. 7 under the Master Services Agreement dated 1 March 2026")
        for i, (label, value) in enumerate(rows):
            text_at(c, 72, 110 + 16 * i, label)
            text_at(c, 250, 110 + 16 * i, value)

    doc = parse(make_pdf(tmp_path / "form.pdf", page))
    lines = doc.text.split("\n")
    for label, value in rows:
        assert f"{label} {value}" in lines  # each row pairs its label and value, and is an entry of its own


def test_side_by_side_signature_blocks_read_per_party(tmp_path: Path) -> None:
    left = ["ACME MANAGED SERVICES LTD", "By: /s/ Jane Smith", "Name: Jane Smith", "Title: Chief Executive"]
    right = ["GLOBEX CORPORATION PLC", "By: /s/ John Doe", "Name: John Doe", "Title: Chief Financial Officer"]

    def page(c: Canvas) -> None:
        text_at(c, 72, 100, "IN WITNESS WHEREOF the parties have signed this Agreement on the date above.")
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            text_at(c, 72, 140 + 16 * i, a)
            text_at(c, 320, 140 + 16 * i, b)

    doc = parse(make_pdf(tmp_path / "signatures.pdf", page))
    text = flat(doc.text)
    assert " ".join(left) in text and " ".join(right) in text
    assert text.index("Chief Executive") < text.index("GLOBEX")


def test_text_drawn_at_a_quarter_turn_reads_as_words(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        text_at(c, 72, 100, "The Provider shall keep the Services available.")
        c.saveState()
        c.translate(560, 200)
        c.rotate(90)  # reads bottom to top, as margin stamps and landscape schedules do
        c.drawString(0, 0, "Schedule 4 Service Level Table continued from the previous page")
        c.drawString(0, -14, "Availability is measured monthly by the Provider's monitoring")
        c.restoreState()

    doc = parse(make_pdf(tmp_path / "rotated.pdf", page))
    assert doc.text.split("\n") == [
        "The Provider shall keep the Services available.",
        "Schedule 4 Service Level Table continued from the previous page "
        "Availability is measured monthly by the Provider's monitoring",
    ]
    start = doc.text.index("Schedule")
    (box,) = doc.boxes(start, start + 8)
    x0, top, x1, bottom = box.bbox
    assert 545 < x0 < x1 < 565 and HEIGHT - 200 - 400 < top < bottom <= HEIGHT - 199


# -- furniture and page breaks ---------------------------------------------------------------------------


def test_running_header_footer_and_page_numbers_are_furniture(tmp_path: Path) -> None:
    def page(number: int, body: list[str]) -> Draw:
        def draw(c: Canvas) -> None:
            text_at(c, 72, 40, "ACME Managed Services Agreement - Confidential", size=9)
            for i, line in enumerate(body):
                text_at(c, 72, 100 + 14 * i, line)
            text_at(c, 300, 760, f"Page {number} of 3", size=9)
            text_at(c, 72, 775, f"Contract ref 2024-{number:03d}", size=8)

        return draw

    pages = [
        page(
            1,
            [
                "1. Payment. The Customer shall pay the fees set out in the Order Form within",
                "thirty days and the Customer shall pay",
            ],
        ),
        page(
            2,
            [
                "the remaining fees at the end of each quarter.",
                "2. Term. This Agreement runs for three years.",
            ],
        ),
        page(3, ["3. Law. The laws of England apply."]),
    ]
    doc = parse(make_pdf(tmp_path / "furniture.pdf", *pages))
    assert "Confidential" not in doc.text and "Page" not in doc.text and "Contract ref" not in doc.text
    assert doc.pages[1].furniture == (
        "ACME Managed Services Agreement - Confidential",
        "Page 2 of 3",
        "Contract ref 2024-002",
    )
    # The sentence cut by the page break reads on: only a newline sits between its halves.
    assert "the Customer shall pay\nthe remaining fees at the end" in doc.text
    first_of_page_2 = next(b for b in doc.blocks if b.page == 2)
    assert doc.text[first_of_page_2.start :].startswith("the remaining fees")


def test_a_footer_block_that_floats_with_the_text_is_furniture(tmp_path: Path) -> None:
    """EDGAR renders put a page's footer block right under its last line of text, so the block moves up and
    down from page to page: a bold "Proprietary and Confidential" there must not open a section."""

    def page(number: int, lines: int) -> Draw:
        def draw(c: Canvas) -> None:
            for i in range(lines):
                text_at(
                    c,
                    72,
                    100 + 14 * i,
                    f"{number}.{i + 1} The Provider shall perform task {i + 1} of part {number}.",
                )
            foot = 100 + 14 * lines + 20
            text_at(c, 72, foot, "Proprietary and Confidential", "Helvetica-Bold", 9)
            text_at(c, 72, foot + 10, "Not for use or disclosure outside the contracting parties.", size=8)
            text_at(c, 300, foot + 22, str(number), size=8)
            text_at(c, 72, 770, "Source: ACME CORP, 10-Q, 11/8/2019", size=8)

        return draw

    document = mc.load(make_pdf(tmp_path / "floating.pdf", *(page(n, 3 + 2 * n) for n in range(1, 6))))
    assert "Proprietary" not in document.text and "disclosure" not in document.text
    assert document.pages[2].furniture == (
        "Proprietary and Confidential",
        "Not for use or disclosure outside the contracting parties.",
        "3",
        "Source: ACME CORP, 10-Q, 11/8/2019",
    )
    assert all(s.heading != "Proprietary and Confidential" for s in document.sections)
    last = document.text.index("task 13 of part 5")
    assert document.section_at(last).number == "5.13"  # type: ignore[union-attr]


def test_a_last_body_line_that_merely_recurs_stays(tmp_path: Path) -> None:
    """Peeling a footer stops at the body: a line repeated at the foot of the text, but with no footer line
    at a fixed place below it, is body text."""

    def page(number: int, lines: int) -> Draw:
        def draw(c: Canvas) -> None:
            for i in range(lines):
                text_at(c, 72, 100 + 14 * i, f"The Provider shall perform task {i + 1} of part {number}.")
            text_at(c, 72, 100 + 14 * lines, "Initials of each party:")

        return draw

    document = mc.load(make_pdf(tmp_path / "initials.pdf", *(page(n, 3 + 2 * n) for n in range(1, 6))))
    assert document.text.count("Initials of each party:") == 5


def test_contents_page_entries_do_not_open_sections(tmp_path: Path) -> None:
    """A contents page's "Addendum 2: Maintenance" would otherwise hold the whole body as its sub-sections."""

    def contents(c: Canvas) -> None:
        text_at(c, 72, 90, "TABLE OF CONTENTS", "Helvetica-Bold")
        for i, title in enumerate(["Services 3", "Fees 3", "Term 4"]):
            text_at(c, 72, 120 + 14 * i, f"{i + 1}.1 {title}")
        text_at(c, 72, 180, "Exhibit A: Service Levels")
        text_at(c, 72, 194, "Addendum 2: Maintenance")

    def body(c: Canvas) -> None:
        for i, title in enumerate(["Services", "Fees", "Term"]):
            text_at(
                c,
                72,
                100 + 60 * i,
                f"{i + 1}.1 {title}. The Provider shall comply with this clause {i + 1}.1.",
            )

    document = mc.load(make_pdf(tmp_path / "contents.pdf", contents, body))
    assert [(s.citation, s.page) for s in document.sections if s.number] == [
        ("1.1", 2),
        ("2.1", 2),
        ("3.1", 2),
    ]
    assert all("#" not in s.id for s in document.sections)
    fees = document.section_path(document.text.index("clause 2.1"))
    assert [s.citation for s in fees] == ["2.1"]


def test_bare_page_number_on_single_page(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        text_at(c, 72, 100, "The Provider shall maintain the Services.")
        text_at(c, 300, 760, "- 7 -", size=9)

    doc = parse(make_pdf(tmp_path / "pageno.pdf", page))
    assert doc.text == "The Provider shall maintain the Services."
    assert doc.pages[0].furniture == ("- 7 -",)


# -- paragraphs, hyphens, headings, boxes ----------------------------------------------------------------


def test_paragraph_lines_join_and_hyphenated_compound_keeps_hyphen(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        text_at(c, 72, 100, "The Customer grants the Provider a non-")
        text_at(c, 72, 114, "exclusive licence to use the Customer Data.")
        text_at(c, 72, 150, "A second paragraph\u00a0with a no-break space.")

    doc = parse(make_pdf(tmp_path / "hyphen.pdf", page))
    assert doc.text.split("\n") == [
        "The Customer grants the Provider a non-exclusive licence to use the Customer Data.",
        "A second paragraph with a no-break space.",
    ]


def test_heading_from_size_and_weight_but_not_inline_lead_in(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        text_at(c, 72, 90, "Service Level Agreement", "Helvetica-Bold", 18)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(72, HEIGHT - 130, "12.3 Service Credits.")
        c.setFont("Helvetica", 11)
        lead = c.stringWidth("12.3 Service Credits. ", "Helvetica-Bold", 11)
        c.drawString(72 + lead, HEIGHT - 130, "If the Provider misses a Service Level in any month, it")
        text_at(c, 72, 144, "shall credit the Customer with the amount set out in the Service Level Table.")

    doc = parse(make_pdf(tmp_path / "heading.pdf", page))
    title, clause = doc.blocks
    assert doc.text[title.start : title.end] == "Service Level Agreement"
    assert title.kind == "heading" and title.bold and title.font_size == pytest.approx(18, abs=0.5)
    assert doc.text[clause.start : clause.end].startswith("12.3 Service Credits. If the Provider misses")
    assert clause.kind == "paragraph" and not clause.bold and clause.font_size == pytest.approx(11, abs=0.5)


def test_line_boxes_map_spans_to_page_and_position(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        text_at(c, 72, 100, "First line of the clause")
        text_at(c, 72, 114, "second line of the clause.")

    doc = parse(make_pdf(tmp_path / "boxes.pdf", make_blank, page))
    start = doc.text.index("second")
    (box,) = doc.boxes(start, start + 6)
    x0, top, x1, bottom = box.bbox
    assert box.page == 2
    assert x0 == pytest.approx(72, abs=1) and top < 114 < bottom and x1 > 150
    assert doc.text[box.start : box.end].strip() == "second line of the clause."


def make_blank(c: Canvas) -> None:
    text_at(c, 72, 100, "Cover page.")


# -- tables ----------------------------------------------------------------------------------------------


def test_ruled_table_is_a_table_in_reading_order_and_not_duplicated(tmp_path: Path) -> None:
    rows = [["Service", "Availability", "Credit"], ["Email", "99.9%", "5%"], ["Backup", "99.5%", "10%"]]
    xs, tops = [72, 200, 330, 460], [150, 170, 190, 210]

    def page(c: Canvas) -> None:
        text_at(c, 72, 100, "The Service Levels are set out below.")
        for x in xs:
            c.line(x, HEIGHT - tops[0], x, HEIGHT - tops[-1])
        for top in tops:
            c.line(xs[0], HEIGHT - top, xs[-1], HEIGHT - top)
        for r, row in enumerate(rows):
            for col, cell in enumerate(row):
                text_at(c, xs[col] + 4, tops[r] + 14, cell, size=10)
        text_at(c, 72, 250, "Credits are the sole remedy.")

    doc = parse(make_pdf(tmp_path / "table.pdf", page))
    (table,) = doc.tables
    assert table.rows(doc.text) == rows
    assert doc.text.split("\n") == [
        "The Service Levels are set out below.",
        "Service | Availability | Credit",
        "Email | 99.9% | 5%",
        "Backup | 99.5% | 10%",
        "Credits are the sole remedy.",
    ]


def test_page_frame_is_not_a_table(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        c.rect(36, 36, 540, 720)
        text_at(c, 72, 100, "Text inside a page frame.")

    doc = parse(make_pdf(tmp_path / "frame.pdf", page))
    assert doc.tables == () and doc.text == "Text inside a page frame."


def test_table_finder_failure_is_a_warning_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "grid.pdf"
    canvas = Canvas(str(path), pagesize=(612, HEIGHT), pageCompression=0)
    for x in (72, 200, 330):
        canvas.line(x, HEIGHT - 150, x, HEIGHT - 210)
    for top in (150, 180, 210):
        canvas.line(72, HEIGHT - top, 330, HEIGHT - top)
    text_at(canvas, 76, 170, "Cell one")
    text_at(canvas, 204, 170, "Cell two")
    text_at(canvas, 76, 200, "Cell three")
    text_at(canvas, 204, 200, "Cell four")
    canvas.showPage()
    canvas.save()
    # An odd entry in the page dictionary: pdfminer (under pdfplumber) refuses the page, pdfium reads it.
    path.write_bytes(path.read_bytes().replace(b"/Type /Page\n", b"/\xc5 /Type /Page\n", 1))
    doc = parse(path)
    assert "Cell one" in doc.text and "Cell four" in doc.text and doc.tables == ()
    assert doc.warnings == ("page 1: table detection failed (PdfminerException); tables read as text",)


# -- pages without text and bad input --------------------------------------------------------------------


def _image(c: Canvas) -> None:
    from PIL import Image

    c.drawImage(ImageReader(Image.new("RGB", (40, 40), "gray")), 72, 400, 200, 200)


def test_image_only_page_is_flagged(tmp_path: Path) -> None:
    doc = parse(make_pdf(tmp_path / "scan.pdf", make_blank, _image))
    assert [p.image_only for p in doc.pages] == [False, True]
    assert any("page 2" in w and "OCR" in w for w in doc.warnings)


def test_no_text_at_all_raises(tmp_path: Path) -> None:
    with pytest.raises(NoTextLayerError, match="ocrmypdf"):
        parse(make_pdf(tmp_path / "images.pdf", _image, _image))
    with pytest.raises(NoTextLayerError):
        parse(make_pdf(tmp_path / "blank.pdf", lambda c: c.line(0, 0, 10, 10)))


def test_encrypted_with_user_password_raises(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", make_blank, encrypt=StandardEncryption("secret", "owner"))
    with pytest.raises(EncryptedFileError) as info:
        parse(path)
    assert info.value.path == str(path)


def test_encrypted_with_empty_user_password_opens(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "open.pdf", make_blank, encrypt=StandardEncryption("", "owner"))
    assert parse(path).text == "Cover page."


def test_truncated_and_garbage_pdfs_raise_corrupt(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "whole.pdf", make_blank, make_blank).read_bytes()
    (tmp_path / "half.pdf").write_bytes(data[: len(data) // 2])
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    for name in ("half.pdf", "junk.pdf"):
        with pytest.raises(CorruptFileError) as info:
            parse(tmp_path / name)
        assert name in str(info.value)


def test_limits_pages_and_time(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "three.pdf", make_blank, make_blank, make_blank)
    with pytest.raises(ResourceLimitError, match="max_pages"):
        parse(path, Limits(max_pages=2))
    with pytest.raises(ResourceLimitError, match=r"three\.pdf"):
        parse(path, Limits(timeout_seconds=1e-6))


# -- real files ------------------------------------------------------------------------------------------


def _numbers(path: Path) -> Counter[str]:
    return Counter(s.number for s in mc.load(path).sections if s.number)


@pytest.mark.shared
@needs_shared
def test_bonterms_pdf_sections_agree_with_markdown() -> None:
    public = SHARED / "corpus" / "public"
    found = expected = common = 0
    for name in ("bonterms-sla-v1.0", "bonterms-cloud-terms-v1.0"):
        pdf, md = _numbers(public / f"{name}.pdf"), _numbers(public / f"{name}.md")
        both = sum((pdf & md).values())
        # Every number the PDF yields is one the Markdown yields too.
        assert both / sum(pdf.values()) >= 0.95, (name, pdf - md)
        found, expected, common = found + sum(pdf.values()), expected + sum(md.values()), common + both
    # The Markdown side adds one false "(a)" in the SLA: a hard-wrapped line of its .md starts with "(a)".
    assert common / expected >= 0.95


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def _recall(reference: Counter[str], text: str) -> float:
    return sum((reference & _tokens(text)).values()) / max(sum(reference.values()), 1)


@pytest.mark.shared
@needs_shared
def test_cuad_sample_keeps_every_word() -> None:
    pdfs = sorted((SHARED / "cuad" / "pdf").glob("*.pdf"))
    # The smaller half keeps the test fast; benchmarks/parse.py measures a 40-document sample of all sizes.
    limit = statistics.median(p.stat().st_size for p in pdfs)
    sample = random.Random(1).sample([p for p in pdfs if p.stat().st_size <= limit], 10)
    in_text, in_text_or_furniture = [], []
    for path in sample:
        doc = parse(path)
        assert doc.text.strip(), path
        reference = _tokens((SHARED / "cuad" / "txt" / f"{path.stem}.txt").read_text(errors="replace"))
        furniture = "\n".join(f for page in doc.pages for f in page.furniture)
        in_text.append(_recall(reference, doc.text))
        in_text_or_furniture.append(_recall(reference, doc.text + "\n" + furniture))
    # CUAD's .txt keeps running headers/footers ("Source: ACME INC, 10-K, 3/21/2005" on every page), which
    # we move to Page.furniture: no word is lost overall, and the body text alone keeps nearly all of them.
    assert statistics.median(in_text_or_furniture) >= 0.995
    assert min(in_text_or_furniture) >= 0.98
    assert statistics.median(in_text) >= 0.97


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=20))
def test_damaged_bytes_give_a_document_or_a_typed_error(
    tmp_path: Path, edits: list[tuple[float, int]]
) -> None:
    source = tmp_path / "source.pdf"
    if not source.exists():
        make_pdf(source, make_blank, _clause_page)
    data = bytearray(source.read_bytes())
    for where, value in edits:
        data[int(where * (len(data) - 1))] = value
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    try:
        parse(damaged)
    except InputError as error:
        assert error.path == str(damaged)


def _clause_page(c: Canvas) -> None:
    text_at(c, 72, 100, "1. Services. The Provider shall provide the Services.")


@needs_shared
def test_cuad_running_footer_and_contents_page_do_not_make_sections() -> None:
    """cuad-dev-017: a bold "Proprietary and Confidential" footer block floats with each page's text, and the
    contents pages (2-5) end with "Addendum 2: Maintenance"."""
    document = mc.load(SHARED / "cuad" / "pdf" / "cuad-dev-017.pdf")
    assert all(s.heading != "Proprietary and Confidential" for s in document.sections)
    assert "Proprietary and Confidential" in document.pages[40].furniture
    assert not [s.number for s in document.sections if s.number and 2 <= s.page <= 5]
    path = document.section_path(document.text.index("2.8 Change of Control"))
    assert path[-1].label == "2.8 Change of Control"
    assert not [s for s in path if s.number and s.number.startswith(("Addendum", "Exhibit A", "Exhibit C"))]
