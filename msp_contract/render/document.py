"""``msp-contract parse``: how a contract was read (pages, sections, tables), as JSON or annotated text."""

from __future__ import annotations

from typing import Any

from ..model import Document, Section


def document_json(document: Document) -> dict[str, Any]:
    src = document.source
    return {
        "source": {
            "path": src.path,
            "format": src.format,
            "sha256": src.sha256,
            "size_bytes": src.size_bytes,
            "page_count": src.page_count,
        },
        "chars": len(document.text),
        "warnings": list(document.warnings),
        "pages": [
            {
                "number": p.number,
                "start": p.start,
                "end": p.end,
                "width": p.width,
                "height": p.height,
                "image_only": p.image_only,
                "furniture": list(p.furniture),
            }
            for p in document.pages
        ],
        "sections": [
            {
                "id": s.id,
                "number": s.number,
                "citation": s.citation,
                "heading": s.heading,
                "level": s.level,
                "page": s.page,
                "start": s.start,
                "end": s.end,
                "parent": s.parent,
            }
            for s in document.sections
        ],
        "tables": [
            {"page": t.page, "start": t.start, "end": t.end, "rows": t.rows(document.text)}
            for t in document.tables
        ],
    }


def _marker(section: Section) -> str:
    label = f"§{section.number}" if section.number else ""
    heading = section.heading or ("" if section.number else section.id)
    return f"[{' '.join(x for x in (label, heading) if x)} | p.{section.page}]"


def document_text(document: Document) -> str:
    """The canonical text with a ``[§12.3 Service Credits | p.4]`` marker where each section starts and a
    ``--- page N ---`` line where each page starts."""
    marks: dict[int, list[str]] = {}
    for page in document.pages:
        marks.setdefault(page.start, []).append(f"--- page {page.number} ---")
    for section in document.sections:
        marks.setdefault(section.start, []).append(_marker(section))
    out: list[str] = []
    cursor = 0
    for offset in sorted(marks):
        out.append(document.text[cursor:offset])
        if out[-1] and not out[-1].endswith("\n"):
            out.append("\n")
        out.append("\n".join(marks[offset]) + "\n")
        cursor = offset
    out.append(document.text[cursor:])
    text = "".join(out)
    return text if text.endswith("\n") else text + "\n"
