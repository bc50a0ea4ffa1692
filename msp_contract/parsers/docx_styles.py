"""Paragraph styles from styles.xml: heading levels, inherited list numbering and bold, via basedOn chains.

Contracts rarely number clauses by hand: they apply a "Heading 1" or a house clause style whose definition
carries ``w:numPr``, so the printed "12.3" only exists once the style chain is resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .docx_package import w, wattr

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^toc\s*(?:[1-9]|heading)$", re.IGNORECASE)
_MAX_CHAIN = 20  # basedOn loops exist in damaged files; Word itself stops following them


@dataclass(frozen=True, slots=True)
class NumRef:
    """A reference to a list: ``num_id`` of a ``w:num`` and the level; ``ilvl`` None means "not given"."""

    num_id: str
    ilvl: int | None


@dataclass(frozen=True, slots=True)
class _Style:
    style_id: str
    name: str
    based_on: str | None
    num: NumRef | None
    outline: int | None  # outlineLvl 0..8, as written
    bold: bool | None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def is_on(element: etree._Element | None) -> bool | None:
    """A toggle property such as ``<w:b/>`` or ``<w:b w:val="0"/>``; None when absent."""
    if element is None:
        return None
    return wattr(element, "val", "true") not in {"0", "false", "off", "none"}


def num_ref(ppr: etree._Element | None) -> NumRef | None:
    """``w:numPr`` of a paragraph or style property block, as written (either part may be missing)."""
    if ppr is None:
        return None
    numpr = ppr.find(w("numPr"))
    if numpr is None:
        return None
    num_id_el, ilvl_el = numpr.find(w("numId")), numpr.find(w("ilvl"))
    num_id = wattr(num_id_el, "val") if num_id_el is not None else None
    ilvl = _int(wattr(ilvl_el, "val")) if ilvl_el is not None else None
    if num_id is None and ilvl is None:
        return None
    return NumRef(num_id or "", ilvl)


def outline_level(ppr: etree._Element | None) -> int | None:
    if ppr is None:
        return None
    element = ppr.find(w("outlineLvl"))
    return _int(wattr(element, "val")) if element is not None else None


class Styles:
    """Resolved lookups over the paragraph styles of one document."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self._numbering_styles: dict[str, NumRef | None] = {}
        self.default_id: str | None = None
        if root is None:
            return
        for element in root.iter(w("style")):
            kind = wattr(element, "type", "paragraph")
            if kind == "numbering":
                self._numbering_styles[wattr(element, "styleId", "") or ""] = num_ref(element.find(w("pPr")))
            if kind != "paragraph":
                continue
            style = _read_style(element)
            self._styles[style.style_id] = style
            if wattr(element, "default") in {"1", "true", "on"}:
                self.default_id = style.style_id

    def _chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        current = style_id if style_id in self._styles else self.default_id
        while current is not None and current in self._styles and len(chain) < _MAX_CHAIN:
            style = self._styles[current]
            if style in chain:
                break
            chain.append(style)
            current = style.based_on
        return chain

    def is_toc(self, style_id: str | None) -> bool:
        """Word's table-of-contents styles ("toc 1".."toc 9", "TOC Heading"), directly or by inheritance."""
        return any(_TOC_NAME.match(style.name) for style in self._chain(style_id))

    def heading_level(self, style_id: str | None) -> int | None:
        """1..9 for Heading N / Title and styles based on them, or a style's outline level; else None."""
        for style in self._chain(style_id):
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline <= 8 else None
            if m := _HEADING_NAME.match(style.name):
                return int(m.group(1))
            if style.name.lower() == "title":
                return 1
        return None

    def num_ref(self, style_id: str | None) -> tuple[NumRef, str] | None:
        """The list a style applies (its own or inherited) and the id of the style that declared it."""
        for style in self._chain(style_id):
            if style.num is not None:
                return style.num, style.style_id
        return None

    def bold(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            if style.bold is not None:
                return style.bold
        return False

    def num_ref_of_style(self, style_id: str) -> NumRef | None:
        """numPr of a numbering style (what an abstractNum's ``w:numStyleLink`` points at)."""
        return self._numbering_styles.get(style_id)


def _read_style(element: etree._Element) -> _Style:
    ppr = element.find(w("pPr"))
    rpr = element.find(w("rPr"))
    name_el, based_el = element.find(w("name")), element.find(w("basedOn"))
    return _Style(
        style_id=wattr(element, "styleId", "") or "",
        name=(wattr(name_el, "val", "") or "") if name_el is not None else "",
        based_on=wattr(based_el, "val") if based_el is not None else None,
        num=num_ref(ppr),
        outline=outline_level(ppr),
        bold=is_on(rpr.find(w("b"))) if rpr is not None else None,
    )
