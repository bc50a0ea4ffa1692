"""Word automatic numbering rendered as printed, from numbering.xml (+ styles.xml for style-bound lists).

Word stores "12.3" nowhere in the text: a paragraph says "list 5, level 1" and the number is computed from
the level definitions (``lvlText`` "%1.%2", ``numFmt``, ``start``) and running counters. Clause references
in the contract ("see 12.3") only match if we compute the same numbers, so this module mirrors Word:

* counters belong to the abstract list, so several ``w:num`` instances of one abstractNum continue one
  sequence, except that a ``w:num`` with ``startOverride`` restarts the overridden levels the first time it
  is used (how Word's "Restart numbering" is stored);
* using a level resets the deeper levels, unless their ``lvlRestart`` says otherwise;
* ``%N`` of a level not used yet shows that level's start value; ``isLgl`` shows every ``%N`` in decimal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from lxml import etree

from .docx_package import w, wattr
from .docx_styles import NumRef, Styles, is_on

_LEVELS = 9
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_NO_NUMBER_FORMATS = {"bullet", "none"}


@dataclass(frozen=True, slots=True)
class Level:
    ilvl: int
    start: int = 0  # the spec's default when w:start is absent
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None when the level prints nothing
    restart: int | None = None  # lvlRestart as written (1-based level that restarts this one; 0 = never)
    legal: bool = False  # isLgl
    style: str | None = None  # pStyle: the paragraph style bound to this level
    suffix: str = "tab"  # what follows the number: tab, space or nothing


@dataclass
class _Abstract:
    levels: dict[int, Level]
    style_link: str | None = None  # numStyleLink: the levels live in another list, via a numbering style


@dataclass
class _Num:
    abstract_id: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # w:lvl inside lvlOverride


@dataclass(frozen=True, slots=True)
class ListLabel:
    """What Word prints before a list paragraph: ``printed`` "1.1"; ``number`` None for bullets."""

    printed: str
    number: str | None
    suffix: str
    ilvl: int


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _child_val(element: etree._Element, tag: str) -> str | None:
    child = element.find(w(tag))
    return wattr(child, "val") if child is not None else None


def _read_level(element: etree._Element) -> Level:
    text_el = element.find(w("lvlText"))
    restart = _child_val(element, "lvlRestart")
    return Level(
        ilvl=_int(wattr(element, "ilvl"), 0),
        start=_int(_child_val(element, "start"), 0),
        fmt=_child_val(element, "numFmt") or "decimal",
        text=wattr(text_el, "val") if text_el is not None else None,
        restart=_int(restart, 0) if restart is not None else None,
        legal=bool(is_on(element.find(w("isLgl")))),
        style=_child_val(element, "pStyle"),
        suffix=_child_val(element, "suff") or "tab",
    )


# Letters repeat ("z", "aa", "bb"), so a label's length grows with the counter: a 1 KB file declaring
# <w:start w:val="2000000000"/> would print a 77-million-letter label per paragraph (1.3 GB, a minute).
# 30 repeats is far beyond any real list; past it the counter is printed in decimal.
_MAX_LETTER_VALUE = 26 * 30


def format_number(value: int, fmt: str) -> str:
    """One counter in a numFmt; unknown formats fall back to decimal as Word does for missing fonts."""
    if fmt in {"lowerLetter", "upperLetter"} and 0 < value <= _MAX_LETTER_VALUE:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # z, aa, bb: Word repeats
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"} and 0 < value < 4000:
        out, rest = "", value
        for amount, numeral in _ROMAN:
            while rest >= amount:
                out, rest = out + numeral, rest - amount
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    return str(value)


class Numbering:
    """Definitions from numbering.xml plus the running counters of one pass over the document."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used_nums: set[str] = set()
        if root is not None:
            self._read(root)

    def _read(self, root: etree._Element) -> None:
        for element in root.iter(w("abstractNum")):
            levels = {lvl.ilvl: lvl for lvl in map(_read_level, element.iter(w("lvl")))}
            link = _child_val(element, "numStyleLink")
            self._abstracts[wattr(element, "abstractNumId", "") or ""] = _Abstract(levels, link)
        for element in root.iter(w("num")):
            num = _Num(_child_val(element, "abstractNumId") or "")
            for override in element.iter(w("lvlOverride")):
                ilvl = _int(wattr(override, "ilvl"), 0)
                if (start := _child_val(override, "startOverride")) is not None:
                    num.starts[ilvl] = _int(start, 0)
                if (lvl := override.find(w("lvl"))) is not None:
                    num.levels[ilvl] = replace(_read_level(lvl), ilvl=ilvl)
            self._nums[wattr(element, "numId", "") or ""] = num

    # -- definitions ---------------------------------------------------------------------------------------
    def _abstract_id(self, num_id: str) -> str | None:
        """The abstractNum whose levels a ``w:num`` uses, following one numStyleLink hop."""
        num = self._nums.get(num_id)
        if num is None or num.abstract_id not in self._abstracts:
            return None
        abstract = self._abstracts[num.abstract_id]
        if abstract.style_link and not abstract.levels:
            ref = self._styles.num_ref_of_style(abstract.style_link)
            linked = self._nums.get(ref.num_id) if ref else None
            if linked is not None and linked.abstract_id in self._abstracts:
                return linked.abstract_id
        return num.abstract_id

    def _level(self, num_id: str, abstract_id: str, ilvl: int) -> Level | None:
        num = self._nums[num_id]
        return num.levels.get(ilvl) or self._abstracts[abstract_id].levels.get(ilvl)

    def _start(self, num_id: str, abstract_id: str, ilvl: int) -> int:
        num = self._nums[num_id]
        if ilvl in num.starts:
            return num.starts[ilvl]
        level = self._level(num_id, abstract_id, ilvl)
        return level.start if level else 0

    def resolve(self, direct: NumRef | None, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph: its own numPr, completed or supplied by its style chain."""
        inherited = self._styles.num_ref(style_id)
        num_id = direct.num_id if direct and direct.num_id else (inherited[0].num_id if inherited else "")
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None  # numId 0 is how Word switches inherited numbering off
        if direct is not None and direct.ilvl is not None:
            return num_id, direct.ilvl
        if inherited is not None and inherited[0].ilvl is not None:
            return num_id, inherited[0].ilvl
        return num_id, self._level_of_style(num_id, inherited[1] if inherited else style_id)

    def _level_of_style(self, num_id: str, style_id: str | None) -> int:
        """A style-bound list with no ilvl uses the level whose ``w:pStyle`` names the style."""
        abstract_id = self._abstract_id(num_id)
        if abstract_id is not None and style_id is not None:
            for level in self._abstracts[abstract_id].levels.values():
                if level.style == style_id:
                    return level.ilvl
        return 0

    # -- counting ------------------------------------------------------------------------------------------
    def next_label(self, num_id: str, ilvl: int) -> ListLabel | None:
        """Advance the counters for one list paragraph and return what Word prints before it."""
        abstract_id = self._abstract_id(num_id)
        ilvl = min(max(ilvl, 0), _LEVELS - 1)
        if abstract_id is None:
            return None
        level = self._level(num_id, abstract_id, ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(abstract_id, [None] * _LEVELS)
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            for overridden in self._nums[num_id].starts:
                if 0 <= overridden < _LEVELS:
                    counters[overridden] = None
        current = counters[ilvl]
        counters[ilvl] = self._start(num_id, abstract_id, ilvl) if current is None else current + 1
        self._reset_deeper(num_id, abstract_id, counters, ilvl)
        return self._label(num_id, abstract_id, counters, level)

    def _reset_deeper(self, num_id: str, abstract_id: str, counters: list[int | None], ilvl: int) -> None:
        for deeper in range(ilvl + 1, _LEVELS):
            level = self._level(num_id, abstract_id, deeper)
            restart = level.restart if level else None
            # lvlRestart="n": restart only when level n (1-based) or a higher one is used; "0": never.
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None

    def _label(self, num_id: str, abstract_id: str, counters: list[int | None], level: Level) -> ListLabel:
        printed = level.text or ""
        for index in range(_LEVELS - 1, -1, -1):  # %10 does not exist, but go high-to-low anyway
            token = f"%{index + 1}"
            if token not in printed:
                continue
            shown = self._level(num_id, abstract_id, index)
            value = counters[index]
            value = self._start(num_id, abstract_id, index) if value is None else value
            fmt = (
                "decimal"
                if level.legal and shown and shown.fmt not in _NO_NUMBER_FORMATS
                else (shown.fmt if shown else "decimal")
            )
            printed = printed.replace(token, "" if fmt in _NO_NUMBER_FORMATS else format_number(value, fmt))
        printed = printed.strip()
        is_number = level.fmt not in _NO_NUMBER_FORMATS and any(ch.isalnum() for ch in printed)
        number = printed.rstrip(".") if is_number else None
        return ListLabel(printed, number or None, level.suffix, level.ilvl)
