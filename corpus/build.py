"""Render the sample contracts in sources/*.md to DOCX and PDF (python -m corpus.build, or python corpus/build.py).

    python corpus/build.py [--corpus corpus/blind]    # another folder with sources/ (default: corpus/)

The Markdown sources are written for this project (no third-party text). The DOCX uses Word heading styles
and real tables; the PDF has a running header, page-numbered footers and a ruled SLA table, so the samples
exercise the same parser paths real contracts do. The outputs are committed; rebuild after editing a source.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as WordDocument
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
HEADER = "CONFIDENTIAL – sample contract for msp-contract"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^[-*] ")


def _blocks(markdown: str) -> list[tuple[str, object]]:
    """('h1'|'h2'|'h3'|'p', text) and ('table', rows) in order; Markdown bold and list bullets are kept in
    the text (plain() and pdf_markup() render them)."""
    blocks: list[tuple[str, object]] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(("table", rows))
            continue
        if line.startswith("### "):
            blocks.append(("h3", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line:
            blocks.append(("p", line))
        i += 1
    return blocks


def _bulleted(text: str) -> str:
    """A Markdown list item's "- " or "* " as the bullet a printed contract shows."""
    return _BULLET.sub("• ", text)


def plain(text: str) -> str:
    """Markdown text as printed: no bold markers, a bullet for a list item."""
    return _bulleted(_BOLD.sub(r"\1", text))


def pdf_markup(text: str) -> str:
    """Markdown text as reportlab paragraph markup: escaped, bold kept as bold."""
    return _BOLD.sub(r"<b>\1</b>", escape(_bulleted(text)))


def build_docx(blocks: list[tuple[str, object]], path: Path) -> None:
    document = WordDocument()
    document.sections[0].header.paragraphs[0].text = HEADER
    for kind, content in blocks:
        if kind in {"h1", "h2", "h3"}:
            document.add_heading(plain(str(content)), level={"h1": 0, "h2": 1, "h3": 2}[kind])
        elif kind == "p":
            document.add_paragraph(plain(str(content)))
        else:
            rows = list(content)  # type: ignore[call-overload]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = plain(cell)
    document.core_properties.title = path.stem
    document.save(str(path))


def _footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(72, A4[1] - 40, HEADER)
    canvas.drawRightString(A4[0] - 72, 30, f"Page {doc.page}")
    canvas.restoreState()


def build_pdf(blocks: list[tuple[str, object]], path: Path) -> None:
    styles = getSampleStyleSheet()
    story: list[object] = []
    for kind, content in blocks:
        if kind in {"h1", "h2", "h3"}:
            style = {"h1": "Title", "h2": "Heading2", "h3": "Heading3"}[kind]
            story.append(Paragraph(escape(plain(str(content))), styles[style]))
        elif kind == "p":
            story.append(Paragraph(pdf_markup(str(content)), styles["BodyText"]))
        else:
            table = Table(_cells(list(content), styles["BodyText"]))  # type: ignore[call-overload]
            table.setStyle(
                TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTSIZE", (0, 0), (-1, -1), 8)])
            )
            story.extend([Spacer(1, 6), table, Spacer(1, 6)])
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=path.stem, invariant=1)
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)


def _cells(rows: list[list[str]], style: ParagraphStyle) -> list[list[object]]:
    """Table rows for reportlab: short cells as text (as the original samples were built), long ones as
    paragraphs that wrap inside the page."""
    small = ParagraphStyle("cell", parent=style, fontSize=8, leading=9.5)
    return [[Paragraph(pdf_markup(c), small) if len(c) > 40 else plain(c) for c in row] for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=HERE, help="folder with sources/ (default: corpus/)")
    out = parser.parse_args().corpus / "samples"
    out.mkdir(exist_ok=True)
    for source in sorted((out.parent / "sources").glob("*.md")):
        blocks = _blocks(source.read_text(encoding="utf-8"))
        build_docx(blocks, out / f"{source.stem}.docx")
        build_pdf(blocks, out / f"{source.stem}.pdf")
        print(f"built {source.stem}.docx and .pdf")


if __name__ == "__main__":
    main()
