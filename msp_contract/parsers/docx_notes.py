"""Comments, footnotes, endnotes and running headers/footers: read from their own parts, kept out of the body.

A footnote's text is not part of the clause it annotates, and a reviewer's comment is certainly not part
of the contract, so both become ``Note`` objects anchored where their reference mark sits. Headers and
footers become the page's ``furniture`` (DOCX has one logical page), like PDF running headers.
"""

from __future__ import annotations

from typing import Literal

from lxml import etree

from ..model import Note
from .docx_package import DocxPackage, w, wattr
from .docx_text import InlineWalker, normalize_text

# Footnote "notes" that only draw the separator line above the notes area.
_SEPARATOR_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
NoteKind = Literal["comment", "footnote", "endnote"]
_NOTE_PARTS: tuple[tuple[NoteKind, str, str, str], ...] = (
    ("comment", "comments", "word/comments.xml", "comment"),
    ("footnote", "footnotes", "word/footnotes.xml", "footnote"),
    ("endnote", "endnotes", "word/endnotes.xml", "endnote"),
)


def block_text(container: etree._Element) -> str:
    """Visible text of every paragraph under ``container``, joined by a space (no list numbers)."""
    walker = InlineWalker()
    pieces = [normalize_text(walker.paragraph(p).raw) for p in container.iter(w("p"))]
    return " ".join(piece for piece in pieces if piece)


def read_notes(package: DocxPackage, anchors: dict[tuple[str, str], int]) -> list[Note]:
    notes: list[Note] = []
    for kind, rel_type, default, tag in _NOTE_PARTS:
        root = package.related_xml(rel_type, default)
        if root is None:
            continue
        for element in root.iter(w(tag)):
            if wattr(element, "type") in _SEPARATOR_TYPES:
                continue
            note_id = wattr(element, "id", "") or ""
            text = block_text(element)
            if not text and kind != "comment":
                continue
            author = wattr(element, "author") if kind == "comment" else None
            notes.append(Note(kind, note_id, text, author, anchors.get((kind, note_id))))
    return notes


def read_furniture(package: DocxPackage) -> tuple[str, ...]:
    """Distinct non-empty header and footer texts, in relationship order (headers first)."""
    seen: list[str] = []
    for rel_type in ("header", "footer"):
        for name in package.related.get(rel_type, []):
            root = package.xml(name)
            text = block_text(root) if root is not None else ""
            if text and text not in seen:
                seen.append(text)
    return tuple(seen)
