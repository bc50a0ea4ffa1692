"""The visible text of one paragraph, read from the XML (never python-docx ``paragraph.text``).

python-docx only reads a paragraph's direct runs and hyperlinks, so tracked insertions, content controls
and simple fields vanish silently; on a redlined contract that is the newly agreed text. This walker
descends every inline container, keeps the "accept all changes" view (``w:ins``/``w:moveTo`` in,
``w:del``/``w:moveFrom`` out), keeps field results and drops field instructions, and remembers where
insertions and note references sit so they can be located in the canonical text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from .builder import normalize_chars
from .docx_package import w, wattr
from .docx_styles import is_on

# Inline wrappers whose content is ordinary visible text.
_TRANSPARENT = {w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdtContent")}
_INSERTED = {w("ins"), w("moveTo")}
_DELETED = {w("del"), w("moveFrom")}
_NOTE_REFS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
_COMMENT_MARKS = {w("commentRangeStart"), w("commentReference")}
_SPACE_LIKE = {w("tab"), w("br"), w("cr"), w("ptab")}
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE = f"{{{_MC_NS}}}AlternateContent"
_GRAPHICS = {w("drawing"), w("pict"), w("object"), _ALTERNATE}
_T, _DEL_TEXT, _INSTR = w("t"), w("delText"), w("instrText")


@dataclass
class Insertion:
    start: int
    end: int
    author: str | None
    date: str | None


@dataclass
class Deletion:
    text: str
    author: str | None
    date: str | None


@dataclass
class ParagraphText:
    """Raw visible text of a paragraph with the raw offsets of insertions and note anchors."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    bold_chars: int = 0
    insertions: list[Insertion] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    anchors: list[tuple[str, str, int]] = field(default_factory=list)  # (note kind, note id, raw offset)
    boxes: list[etree._Element] = field(default_factory=list)  # w:txbxContent anchored in this paragraph

    def add(self, text: str, bold: bool = False) -> None:
        self.parts.append(text)
        self.length += len(text)
        if bold:
            self.bold_chars += len(text) - text.count(" ")

    @property
    def raw(self) -> str:
        return "".join(self.parts)


class InlineWalker:
    """Reads paragraphs in document order. Complex-field state spans paragraphs (a TOC field does)."""

    def __init__(self) -> None:
        self._fields: list[bool] = []  # one entry per open w:fldChar; True while in its instruction part

    def paragraph(self, p: etree._Element) -> ParagraphText:
        out = ParagraphText()
        for child in p:
            if child.tag != w("pPr"):
                self._inline(child, out)
        # A field result may run over many paragraphs (a TOC), its instruction never does in practice: a
        # field still in its instruction part here is broken, and left open it would hide the rest of the
        # document. Closing it limits the damage to this paragraph.
        while self._fields and self._fields[-1]:
            self._fields.pop()
        return out

    def _inline(self, element: etree._Element, out: ParagraphText) -> None:
        tag = element.tag
        if tag == w("r"):
            self._run(element, out)
        elif tag in _TRANSPARENT or tag == w("sdt"):
            for child in element:
                self._inline(child, out)
        elif tag in _INSERTED:
            start = out.length
            for child in element:
                self._inline(child, out)
            if out.length > start:
                out.insertions.append(
                    Insertion(start, out.length, wattr(element, "author"), wattr(element, "date"))
                )
        elif tag in _DELETED:
            text = "".join(_deleted_text(element))
            if text.strip():
                out.deletions.append(Deletion(text, wattr(element, "author"), wattr(element, "date")))
        elif tag in _COMMENT_MARKS:
            _comment_anchor(element, out)
        elif tag in _GRAPHICS:
            out.boxes += text_boxes(element)
        # Everything else (pPr, rPr, bookmarks, proofErr, sdtPr, math, drawings) prints no body text.

    def _run(self, run: etree._Element, out: ParagraphText) -> None:
        rpr = run.find(w("rPr"))
        hidden = rpr is not None and bool(is_on(rpr.find(w("vanish"))))
        bold = rpr is not None and bool(is_on(rpr.find(w("b"))))
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                self._field_char(wattr(child, "fldCharType"))
            elif hidden or (self._fields and any(self._fields)) or tag in {_DEL_TEXT, _INSTR}:
                continue  # hidden text, or inside a field instruction: not printed
            elif tag == _T:
                out.add(child.text or "", bold)
            elif tag in _SPACE_LIKE:
                out.add(" ")
            elif tag == w("noBreakHyphen"):
                out.add("-", bold)
            elif tag == w("sym"):
                out.add(_symbol(child), bold)
            elif tag in _NOTE_REFS:
                out.anchors.append((_NOTE_REFS[tag], wattr(child, "id") or "", out.length))
            elif tag in _COMMENT_MARKS:
                _comment_anchor(child, out)
            elif tag in _GRAPHICS:
                out.boxes += text_boxes(child)

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(True)
        elif kind == "separate" and self._fields:
            self._fields[-1] = False
        elif kind == "end" and self._fields:
            self._fields.pop()


def text_boxes(graphic: etree._Element) -> list[etree._Element]:
    """Text-box contents inside a drawing. Of ``mc:AlternateContent`` only the first branch counts:
    Word writes the same box twice (DrawingML choice, VML fallback) and it must be read once."""
    if graphic.tag == _ALTERNATE and len(graphic):
        graphic = graphic[0]
    return list(graphic.iter(w("txbxContent")))


def _comment_anchor(mark: etree._Element, out: ParagraphText) -> None:
    """A comment is anchored where its range starts; its reference mark (at the range end) is a fallback."""
    note_id = wattr(mark, "id")
    if note_id is not None and not any(a[0] == "comment" and a[1] == note_id for a in out.anchors):
        out.anchors.append(("comment", note_id, out.length))


def _deleted_text(element: etree._Element) -> list[str]:
    return [node.text or "" for node in element.iter(_DEL_TEXT, _T)]


def _symbol(sym: etree._Element) -> str:
    """``w:sym`` gives a code point in a symbol font; private-use code points have no meaning as text."""
    try:
        code = int(wattr(sym, "char", "") or "", 16)
    except ValueError:
        return ""
    return "" if 0xE000 <= code <= 0xF8FF else chr(code)


_SPACE_RUN = re.compile(" {2,}")


def normalize_text(raw: str) -> str:
    """Normalize as the TextBuilder does, also collapsing runs of spaces (tabs and breaks become spaces).

    The result is a fixed point of the builder's own normalization, so ``add_block`` stores it unchanged.
    """
    return _SPACE_RUN.sub(" ", normalize_chars(raw).replace("\n", " ")).strip(" ")


@lru_cache(maxsize=4096)
def _char(ch: str) -> str:
    return normalize_chars(ch).replace("\n", " ")


def normalize_with_offsets(raw: str) -> tuple[str, list[int]]:
    """``normalize_text(raw)`` plus a raw→final offset map, for paragraphs with insertions or notes.

    ``offsets[i]`` is where raw character ``i`` lands (``offsets[len(raw)]`` is the end), so insertion and
    note-reference positions survive normalization. Slower than ``normalize_text``: one step per character.
    """
    out: list[str] = []
    offsets: list[int] = []
    for ch in raw:
        offsets.append(len(out))
        for mapped in _char(ch):
            if mapped == " " and (not out or out[-1] == " "):
                continue  # leading or repeated space
            out.append(mapped)
    offsets.append(len(out))
    while out and out[-1] == " ":
        out.pop()
    size = len(out)
    return "".join(out), [min(offset, size) for offset in offsets]
