"""DOCX parser: Word numbering as printed, tracked changes, content controls, fields, tables, notes, safety.

The test documents are built here with python-docx (package, styles, header/footer, comment part) and raw
XML edits for what python-docx cannot write (numbering definitions, w:ins/w:del, w:sdt, fields, footnotes).
"""

from __future__ import annotations

import functools
import io
import re
import tempfile
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import msp_contract as mc
from msp_contract.limits import Limits
from msp_contract.parsers.builder import TextBuilder
from msp_contract.parsers.docx_numbering import Numbering, format_number
from msp_contract.parsers.docx_styles import Styles
from msp_contract.parsers.docx_text import normalize_text, normalize_with_offsets

SHARED = Path(__file__).resolve().parents[2] / "shared"
PUBLIC = SHARED / "corpus" / "public"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="10">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>
      <w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Clause"/>
      <w:lvlText w:val="%1.%2"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="20"/></w:num>
</w:numbering>"""

STYLES_EXTRA = """
<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="SubHead"><w:name w:val="Sub Head"/><w:basedOn w:val="Heading2"/></w:style>
"""

FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {NS}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> FOOTNOTE-TEXT applies.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""

ENDNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:endnotes {NS}>
  <w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>
  <w:endnote w:id="2"><w:p><w:r><w:t>ENDNOTE-TEXT here.</w:t></w:r></w:p></w:endnote>
</w:endnotes>"""


def p(text: str, style: str | None = None, num: tuple[int, int] | None = None, extra: str = "") -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{props}{extra}</w:pPr>{run}</w:p>"


def cell(inner: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


TABLE = (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr>"
    + cell(p("SLA HEADER"), '<w:gridSpan w:val="2"/>')
    + cell(p("MERGED DOWN"), '<w:vMerge w:val="restart"/>')
    + "</w:tr><w:tr>"
    + cell(p("Availability"))
    + cell(p("99.9%"))
    + cell("<w:p/>", "<w:vMerge/>")
    + "</w:tr><w:tr>"
    + cell(p("Response"))
    + cell(p("4 hours") + p("P1 only"))
    + cell(
        "<w:tbl><w:tr>" + cell(p("NESTED A")) + cell(p("NESTED B")) + "</w:tr></w:tbl><w:p/>",
    )
    + "</w:tr></w:tbl>"
)

BODY = "".join(
    [
        p("Definitions", "Heading1"),
        p("The Services are the managed services.", "Clause"),
        p("first item;", num=(1, 2)),
        p("second item.", num=(1, 2)),
        p("Service Levels", "Heading1"),
        '<w:p><w:pPr><w:pStyle w:val="Clause"/></w:pPr><w:r><w:t xml:space="preserve">The monthly fee is </w:t>'
        '</w:r><w:ins w:id="1" w:author="Bob" w:date="2024-01-01T00:00:00Z"><w:r><w:t>USD 500</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="Bob"><w:r><w:delText>USD 900</w:delText></w:r></w:del>'
        '<w:r><w:t xml:space="preserve"> per month.</w:t></w:r></w:p>',
        p("alpha;", num=(1, 2)),
        p("beta.", num=(1, 2)),
        p("A plain paragraph between two lists."),
        p("gamma restarted.", num=(2, 2)),
        p("A bullet point", num=(3, 0)),
        p("Sub heading from basedOn", "SubHead"),
        p("Outline heading", extra='<w:outlineLvl w:val="2"/>'),
        '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>'
        + p("BLOCKSDT control text.")
        + "</w:sdtContent></w:sdt>",
        '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Customer</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
        '<w:r><w:t xml:space="preserve"> named </w:t></w:r>'
        "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>INLINESDT</w:t></w:r></w:sdtContent></w:sdt>"
        '<w:r><w:t xml:space="preserve"> signs on </w:t></w:r>'
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>FLDSIMPLE</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> per </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF clause_x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>COMPLEXRESULT</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:tab/><w:t>at</w:t><w:br/></w:r><w:hyperlink w:anchor="x"><w:r><w:t>LINKTEXT</w:t></w:r></w:hyperlink>'
        '<w:smartTag w:uri="u" w:element="e"><w:r><w:t xml:space="preserve"> SMARTTAG</w:t></w:r></w:smartTag>'
        '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r></w:p>',
        TABLE,
        p("Numbering switched off by numId 0.", "Clause", num=(0, 0)),
        '<w:p><w:pPr><w:pStyle w:val="Clause"/></w:pPr><w:r><w:t>Closing words.</w:t></w:r>'
        '<w:r><w:endnoteReference w:id="2"/></w:r></w:p>',
    ]
)


def build_docx(
    path: Path, body: str = BODY, *, numbering: str = NUMBERING, footnotes: str | None = FOOTNOTES
) -> Path:
    """A real python-docx package (header, footer, comment part) with the body and lists swapped in."""
    document = docx.Document()
    para = document.add_paragraph("placeholder")
    document.add_comment(para.runs, text="COMMENT-TEXT please check", author="Alice")
    document.sections[0].header.paragraphs[0].text = "HEADERMARK confidential"
    document.sections[0].footer.paragraphs[0].text = "FOOTERMARK page"
    buffer = io.BytesIO()
    document.save(buffer)
    parts = {}
    with zipfile.ZipFile(buffer) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = _swap_body(parts["word/document.xml"], body)
    parts["word/numbering.xml"] = numbering.encode()
    parts["word/styles.xml"] = _add_styles(parts["word/styles.xml"])
    if footnotes is not None:
        _add_part(parts, "footnotes", footnotes)
        _add_part(parts, "endnotes", ENDNOTES)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _add_part(parts: dict[str, bytes], kind: str, xml: str) -> None:
    """Add word/<kind>.xml with its relationship and content type, as Word would (python-docx cannot)."""
    parts[f"word/{kind}.xml"] = xml.encode()
    rel = (
        f'<Relationship Id="rId{kind}" Target="{kind}.xml" Type="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/relationships/{kind}"/>'
    )
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>"
    ).encode()
    override = (
        f'<Override PartName="/word/{kind}.xml" ContentType="application/vnd.openxmlformats-'
        f'officedocument.wordprocessingml.{kind}+xml"/>'
    )
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()


def _swap_body(xml: bytes, body: str) -> bytes:
    root = etree.fromstring(xml)
    body_el = root.find(f"{{{W}}}body")
    assert body_el is not None
    for child in list(body_el):
        if child.tag != f"{{{W}}}sectPr":  # keep sectPr: it links the header and footer
            body_el.remove(child)
    fragment = etree.fromstring(f"<w:body {NS}>{body}</w:body>")
    for index, child in enumerate(fragment):
        body_el.insert(index, child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_styles(xml: bytes) -> bytes:
    text = xml.decode()
    # Heading 1 carries the list, as house styles do: the number comes from the style, not the paragraph.
    heading = text.index('w:styleId="Heading1"')
    ppr = text.index("<w:pPr>", heading) + len("<w:pPr>")
    text = text[:ppr] + '<w:numPr><w:numId w:val="1"/></w:numPr>' + text[ppr:]
    styles_close = text.rindex("</w:styles>")
    extra = STYLES_EXTRA.replace("<w:style ", f"<w:style {NS} ")
    return (text[:styles_close] + extra + text[styles_close:]).encode()


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> mc.Document:
    return mc.load(build_docx(tmp_path_factory.mktemp("docx") / "features.docx"))


def _block_texts(document: mc.Document) -> list[str]:
    return [document.text[b.start : b.end] for b in document.blocks if b.kind != "table_cell"]


def _block(document: mc.Document, needle: str) -> mc.Block:
    return next(b for b in document.blocks if needle in document.text[b.start : b.end])


# -- numbering and headings --------------------------------------------------------------------------------
def test_numbers_rendered_as_printed(features: mc.Document) -> None:
    texts = _block_texts(features)
    assert texts[:10] == [
        "1. Definitions",
        "1.1 The Services are the managed services.",
        "(a) first item;",
        "(b) second item.",
        "2. Service Levels",
        "2.1 The monthly fee is USD 500 per month.",
        "(a) alpha;",
        "(b) beta.",
        "A plain paragraph between two lists.",
        "(a) gamma restarted.",  # second w:num with startOverride restarts level 3
    ]
    assert "2.2 Closing words." in texts
    assert "Numbering switched off by numId 0." in texts


def test_number_hints_headings_and_kinds(features: mc.Document) -> None:
    heading = _block(features, "Definitions")
    assert (heading.number, heading.heading_level, heading.kind) == ("1", 1, "heading")
    clause = _block(features, "The Services")
    assert (clause.number, clause.heading_level, clause.kind) == ("1.1", None, "paragraph")
    bullet = _block(features, "A bullet point")
    assert (bullet.kind, bullet.number) == ("list_item", None)
    assert features.text[bullet.start : bullet.end] == "A bullet point"
    assert _block(features, "Sub heading").heading_level == 2  # style basedOn Heading 2
    assert _block(features, "Outline heading").heading_level == 3  # direct w:outlineLvl 2


def test_sections_follow_word_numbering(features: mc.Document) -> None:
    ids = [s.id for s in features.sections]
    for expected in ["1", "1.1", "1.1(a)", "1.1(b)", "2", "2.1", "2.1(a)", "2.1(b)", "2.2"]:
        assert expected in ids
    by_id = {s.id: s for s in features.sections}
    assert by_id["1.1"].parent == "1"
    assert by_id["1.1(a)"].parent == "1.1"
    assert by_id["2"].heading is not None and "Service Levels" in by_id["2"].heading


def test_numbering_engine_edge_cases() -> None:
    xml = f"""<w:numbering {NS}>
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Article %1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlRestart w:val="0"/>
          <w:lvlText w:val="(%3)"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/>
        </w:lvlOverride></w:num>
    </w:numbering>"""
    numbering = Numbering(etree.fromstring(xml), Styles(None))

    def printed(num: str, ilvl: int) -> str:
        label = numbering.next_label(num, ilvl)
        assert label is not None
        return label.printed

    assert printed("1", 0) == "Article I"
    assert printed("1", 1) == "1.1"  # isLgl: the upper-roman level prints as decimal
    assert printed("1", 2) == "(i)"
    assert printed("1", 0) == "Article II"
    assert printed("1", 2) == "(ii)"  # lvlRestart 0: never restarts
    assert printed("1", 1) == "2.1"
    assert printed("2", 0) == "Article IV"  # startOverride on first use of num 2
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(14, "upperRoman") == "XIV"


# -- text content ------------------------------------------------------------------------------------------
def test_tracked_changes_accepted_and_recorded(features: mc.Document) -> None:
    assert "USD 500" in features.text
    assert "USD 900" not in features.text
    kinds = {(r.kind, r.text) for r in features.revisions}
    assert kinds == {("insertion", "USD 500"), ("deletion", "USD 900")}
    insertion = next(r for r in features.revisions if r.kind == "insertion")
    assert insertion.start is not None and insertion.end is not None
    assert features.text[insertion.start : insertion.end] == "USD 500"
    assert insertion.author == "Bob"
    assert features.has_unresolved_revisions
    assert any("tracked changes" in warning for warning in features.warnings)


def test_controls_fields_links_and_whitespace(features: mc.Document) -> None:
    line = features.text[_block(features, "INLINESDT").start : _block(features, "INLINESDT").end]
    assert line == "Customer named INLINESDT signs on FLDSIMPLE per COMPLEXRESULT at LINKTEXT SMARTTAG."
    assert "BLOCKSDT control text." in _block_texts(features)
    assert "REF clause_x" not in features.text


def test_notes_kept_out_of_body(features: mc.Document) -> None:
    notes = {n.kind: n for n in features.notes}
    assert set(notes) == {"comment", "footnote", "endnote"}
    assert notes["endnote"].text == "ENDNOTE-TEXT here."
    endnote_at = notes["endnote"].anchor
    assert endnote_at is not None and features.text[:endnote_at].endswith("2.2 Closing words.")
    assert notes["comment"].text == "COMMENT-TEXT please check"
    assert notes["comment"].author == "Alice"
    assert notes["footnote"].text == "FOOTNOTE-TEXT applies."
    for marker in ("COMMENT-TEXT", "FOOTNOTE-TEXT", "ENDNOTE-TEXT"):
        assert marker not in features.text
    comment_at, footnote_at = notes["comment"].anchor, notes["footnote"].anchor
    assert comment_at is not None and features.text[comment_at:].startswith("Customer named")
    assert footnote_at is not None and features.text[footnote_at - 8 : footnote_at] == "SMARTTAG"


def test_header_footer_are_furniture_not_body(features: mc.Document) -> None:
    assert "HEADERMARK" not in features.text and "FOOTERMARK" not in features.text
    assert features.pages[0].furniture == ("HEADERMARK confidential", "FOOTERMARK page")


def test_table_cells_merged_once(features: mc.Document) -> None:
    assert len(features.tables) == 1
    table = features.tables[0]
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert table.rows(features.text) == [
        ["SLA HEADER", "", "MERGED DOWN"],
        ["Availability", "99.9%", ""],
        ["Response", "4 hours P1 only", "NESTED A NESTED B"],
    ]
    merged = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert merged[(0, 0)] == (1, 2) and merged[(0, 2)] == (2, 1)
    assert features.text.count("SLA HEADER") == 1


# -- safety and errors -------------------------------------------------------------------------------------
def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_entity_documents_are_refused(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f"<w:document {NS}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<w:document {NS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    for index, xml in enumerate((laughs, external)):
        path = _zip(tmp_path / f"evil{index}.docx", {"word/document.xml": xml.encode()})
        with pytest.raises(mc.CorruptFileError, match="DTD"):
            mc.load(path)


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.docx", {"word/document.xml": b"<a/>", "word/zeros.bin": bytes(20_000_000)})
    assert path.stat().st_size < 100_000
    with pytest.raises(mc.ResourceLimitError, match="zip bomb"):
        mc.load(path)
    with pytest.raises(mc.ResourceLimitError, match="max_uncompressed_bytes"):
        mc.load(path, limits=Limits(max_uncompressed_bytes=1_000_000, max_compression_ratio=1e9))


def test_broken_containers_give_typed_errors(tmp_path: Path) -> None:
    not_zip = tmp_path / "fake.docx"
    not_zip.write_bytes(b"PK\x03\x04 this is not really a zip archive at all")
    with pytest.raises(mc.CorruptFileError, match="zip"):
        mc.load(not_zip)
    no_document = _zip(tmp_path / "nodoc.docx", {"word/other.xml": b"<a/>"})
    with pytest.raises(mc.CorruptFileError, match=re.escape("word/document.xml is missing")):
        mc.load(no_document)
    good = build_docx(tmp_path / "good.docx").read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(mc.CorruptFileError, match=re.escape(str(truncated))):
        mc.load(truncated)
    malformed = _zip(tmp_path / "malformed.docx", {"word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(mc.CorruptFileError, match="malformed XML"):
        mc.load(malformed)


def test_plain_text_named_docx_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("just some text, not a Word file")
    with pytest.raises(mc.InputError):
        mc.load(path)


# -- real documents ----------------------------------------------------------------------------------------
@pytest.mark.shared
@pytest.mark.parametrize(
    "name", ["bonterms-cloud-terms-cover-page-example.docx", "bonterms-cloud-terms-and-sla-playbook.docx"]
)
def test_real_bonterms_documents(name: str) -> None:
    path = PUBLIC / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    started = time.perf_counter()
    document = mc.load(path)
    assert time.perf_counter() - started < 2.0
    assert document.source.format == "docx"
    assert len(document.text) > 1000
    assert document.tables and all(t.n_rows >= 1 and t.n_cols >= 1 for t in document.tables)
    assert document.sections
    assert document.pages[0].furniture  # both carry running footers
    assert "Bonterms" in document.text


# -- smaller documents: a bare package with document.xml only -------------------------------------------------
def _bare(path: Path, body: str, ns: str = W) -> Path:
    xml = f'<w:document xmlns:w="{ns}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>'
    return _zip(path, {"word/document.xml": xml.encode()})


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TEXT_BOX = (
    '<w:p><w:r><w:t>Anchor paragraph.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
    "<w:drawing><w:txbxContent>"
    + p("BOXTEXT inside a text box.")
    + "</w:txbxContent></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><w:txbxContent>" + p("BOXTEXT inside a text box.") + "</w:txbxContent></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def test_moves_hidden_text_and_text_boxes(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Visible </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r>"
        '<w:moveFrom w:id="1" w:author="A"><w:r><w:t>MOVEDAWAY</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="2" w:author="A"><w:r><w:t>MOVEDHERE</w:t></w:r></w:moveTo></w:p>' + TEXT_BOX
    )
    document = mc.load(_bare(tmp_path / "extras.docx", body))
    assert document.text == "Visible MOVEDHERE\nAnchor paragraph.\nBOXTEXT inside a text box."
    assert {(r.kind, r.text) for r in document.revisions} == {
        ("insertion", "MOVEDHERE"),
        ("deletion", "MOVEDAWAY"),
    }
    assert any("text boxes" in warning for warning in document.warnings)


def test_strict_ooxml_namespace_is_read(tmp_path: Path) -> None:
    path = _bare(
        tmp_path / "strict.docx",
        p("Strict Open XML text."),
        ns="http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    assert mc.load(path).text == "Strict Open XML text."


def test_timeout_is_enforced(tmp_path: Path) -> None:
    path = _bare(tmp_path / "long.docx", p("A clause.") * 200)
    with pytest.raises(mc.ResourceLimitError, match="timeout_seconds"):
        mc.load(path, limits=Limits(timeout_seconds=1e-6))


@given(st.text(alphabet=st.sampled_from("ab \t\n\u00a0\u00ad\ufb01\x07."), max_size=40))
def test_normalized_text_is_stored_unchanged(raw: str) -> None:
    text, offsets = normalize_with_offsets(raw)
    assert text == normalize_text(raw)
    builder = TextBuilder()
    span = builder.add_block(text)
    if span is not None:
        assert "".join(builder.parts) == text
    assert len(offsets) == len(raw) + 1
    assert offsets == sorted(offsets) and all(0 <= o <= len(text) for o in offsets)


def test_bold_paragraphs(tmp_path: Path) -> None:
    bold = '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'
    body = (
        f"<w:p>{bold.format('Fully Bold Heading')}</w:p>"
        f"<w:p>{bold.format('A B C D E F G ')}<w:r><w:t>and plain text</w:t></w:r></w:p>"
    )
    document = mc.load(_bare(tmp_path / "bold.docx", body))
    assert [b.bold for b in document.blocks] == [True, False]


def test_table_of_contents_left_out(tmp_path: Path) -> None:
    styles = (
        f'<w:styles {NS}><w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'
        "</w:styles>"
    )
    toc = '<w:pPr><w:pStyle w:val="TOC1"/></w:pPr>'
    body = (
        f'<w:p>{toc}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1. Service Credits 3</w:t></w:r></w:p>'
        f'<w:p>{toc}<w:r><w:t>2. Fees 4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        + p("1. Service Credits apply.")
    )
    xml = f"<w:document {NS}><w:body>{body}</w:body></w:document>"
    path = _zip(
        tmp_path / "toc.docx", {"word/document.xml": xml.encode(), "word/styles.xml": styles.encode()}
    )
    document = mc.load(path)
    assert document.text == "1. Service Credits apply."  # the field ended inside the TOC: body text shows
    assert any("table of contents" in warning for warning in document.warnings)


@functools.lru_cache(maxsize=1)
def _feature_bytes() -> bytes:
    return build_docx(Path(tempfile.mkdtemp()) / "base.docx").read_bytes()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=12))
def test_corrupted_bytes_never_escape_as_raw_errors(edits: list[tuple[int, int]]) -> None:
    data = bytearray(_feature_bytes())
    for position, value in edits:
        data[position % len(data)] = value
    path = Path(tempfile.mkdtemp()) / "corrupt.docx"
    path.write_bytes(bytes(data))
    try:
        document = mc.load(path)
    except mc.InputError as error:
        assert str(path) in str(error)
    else:
        assert document.text


def test_broken_field_does_not_hide_the_rest(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>BROKEN</w:instrText></w:r></w:p>" + p("After the broken field.")
    )
    assert mc.load(_bare(tmp_path / "field.docx", body)).text == "Before\nAfter the broken field."
