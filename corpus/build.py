"""Render the sample contracts in sources/*.md to DOCX and PDF (python -m corpus.build, or python corpus/build.py).

The Markdown sources are written for this project (no third-party text). The DOCX uses Word heading styles
and real tables; the PDF has a running header, page-numbered footers and a ruled SLA table, so the samples
exercise the same parser paths real contracts do. The outputs are committed; rebuild after editing a source.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as WordDocument
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE / "samples"


def _blocks(markdown: str) -> list[tuple[str, object]]:
    """('h1'|'h2'|'p', text) and ('table', rows) in order."""
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
        if line.startswith("## "):
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:]))
        elif line:
            blocks.append(("p", line))
        i += 1
    return blocks


def build_docx(blocks: list[tuple[str, object]], path: Path) -> None:
    document = WordDocument()
    document.sections[0].header.paragraphs[0].text = "CONFIDENTIAL – sample contract for msp-contract"
    for kind, content in blocks:
        if kind == "h1":
            document.add_heading(str(content), level=0)
        elif kind == "h2":
            document.add_heading(str(content), level=1)
        elif kind == "p":
            document.add_paragraph(str(content))
        else:
            rows = list(content)  # type: ignore[call-overload]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.core_properties.title = path.stem
    document.save(str(path))


def _footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(72, A4[1] - 40, "CONFIDENTIAL – sample contract for msp-contract")
    canvas.drawRightString(A4[0] - 72, 30, f"Page {doc.page}")
    canvas.restoreState()


def build_pdf(blocks: list[tuple[str, object]], path: Path) -> None:
    styles = getSampleStyleSheet()
    story: list[object] = []
    for kind, content in blocks:
        if kind == "h1":
            story.append(Paragraph(str(content), styles["Title"]))
        elif kind == "h2":
            story.append(Paragraph(str(content), styles["Heading2"]))
        elif kind == "p":
            story.append(
                Paragraph(str(content).replace("&", "&amp;").replace("<", "&lt;"), styles["BodyText"])
            )
        else:
            table = Table(list(content))  # type: ignore[call-overload]
            table.setStyle(
                TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTSIZE", (0, 0), (-1, -1), 8)])
            )
            story.extend([Spacer(1, 6), table, Spacer(1, 6)])
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=path.stem, invariant=1)
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for source in sorted(SOURCES.glob("*.md")):
        blocks = _blocks(source.read_text(encoding="utf-8"))
        build_docx(blocks, OUT / f"{source.stem}.docx")
        build_pdf(blocks, OUT / f"{source.stem}.pdf")
        print(f"built {source.stem}.docx and .pdf")


if __name__ == "__main__":
    main()
