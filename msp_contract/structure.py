"""Find the section/clause tree of a parsed document from its numbering and headings.

Parsers give blocks (paragraphs) with optional hints (Word numbering, heading styles, bold, Markdown '#').
This module decides which blocks open a section, what number and heading they carry, and how sections nest.
It never changes the text, so every span stays valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .contents import contents_blocks
from .model import Block, Document, Section

_ROMAN = r"(?:M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
# "Article IV", "ARTICLE 4", "Schedule 2", "Exhibit A", "Annex B-1", "Part 3", "Appendix 1"
_CONTAINER = re.compile(
    rf"^(?P<num>(?:ARTICLE|Article|SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex|APPENDIX|Appendix|"
    rf"ATTACHMENT|Attachment|PART|Part|ADDENDUM|Addendum)\s+(?:{_ROMAN}|\d+(?:[.-]\d+)*|[A-Z](?:-\d+)?)\b\.?)"
    rf"(?=\s|$|[:.\-–—])"
)
# "Section 12.3" used as a heading prefix
_SECTION_WORD = re.compile(r"^(?P<num>(?:SECTION|Section|§)\s*\d+(?:\.\d+)*[a-z]?\.?)(?=\s|$)")
# "12.", "12.3", "12.3.1.", "12.3(b)", "4.2.a" — decimal numbering, optionally with a lettered tail
_DECIMAL = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*(?:\.|\)|(?:\([a-z]{1,3}\))+)?)(?=\s|[A-Z(\"“])")
# "(a)", "a)", "(iv)", "iv.", "A." — list-style sub-clause markers
_PAREN = re.compile(
    r"^(?P<num>\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2}|[A-Z])\)|(?:[a-z]|[ivx]{1,5})\)|[A-Z]\.)(?=\s)"
)

_MAX_HEADING_CHARS = 120
# A stand-alone capitalised line printed this often ("CONFIDENTIAL" on every page, a party's name in each
# page header) is page furniture, not a heading: read as one, it would close the clause it interrupts.
_RUNNING_LINE_MIN = 3
_JOINERS = frozenset({"&", "/", "+", "-", "–", "—"})
_INLINE_HEADING = re.compile(r"^(?P<h>[A-Z][^.:;\n]{1,80}?)[.:](?=\s|$)")


@dataclass
class _Node:
    number: str | None
    heading: str | None
    rank: float
    start: int
    page: int
    parent: _Node | None = None
    end: int = -1
    full: str | None = None  # citation path, e.g. "12.3(b)"


def _number_of(text: str) -> tuple[str, float] | None:
    """The clause number printed at the start of ``text`` and its nesting rank (lower = outer)."""
    if m := _CONTAINER.match(text):
        return m.group("num").rstrip("."), 0.0
    if m := _SECTION_WORD.match(text):
        num = m.group("num").rstrip(".")
        depth = num.count(".")
        return num, 2.0 + depth
    if m := _DECIMAL.match(text):
        num = m.group("num")
        core = num.rstrip(".)")
        head = core.split("(")[0]
        if not head.replace(".", "").isdigit():
            return None
        if "." not in head and not num.endswith((".", ")")) and "(" not in num:
            return None  # a bare "30 days..." is prose, not a clause number
        if "." not in head and int(head) > 300:
            return None  # a year or an amount
        depth = head.count(".") + core.count("(")
        if num.endswith(")") and "(" not in num:
            return num, 10.0  # "1)" is a list marker, nested like "(1)"
        return num.rstrip(".") if num.endswith(".") else num, 2.0 + depth
    if m := _PAREN.match(text):
        return m.group("num"), 10.0  # resolved against the open stack in _paren_rank
    return None


def _paren_rank(number: str, stack: list[_Node]) -> float:
    """Rank of '(a)' / '(i)' markers: nested below the innermost numbered clause, roman below alpha."""
    inner = number.strip("().")
    is_roman = (bool(re.fullmatch(r"[ivxlc]+", inner)) and inner not in {"c", "l", "v", "x"}) or inner == "i"
    base = 2.0
    for node in reversed(stack):
        if node.number and not node.number.endswith(")"):
            base = node.rank
            break
    if is_roman:
        return base + 2.5
    if inner.isdigit():
        return base + 3.5
    return base + 1.5


def _heading_of(block: Block, text: str, number: str | None) -> str | None:
    """The heading printed with the block, if any: the whole short block, or an inline 'Title.' lead-in."""
    rest = text[len(number) :].lstrip(" .:-–—\t") if number else text
    stripped = rest.strip()
    if block.heading_level is not None or block.kind == "heading":
        return stripped.rstrip(".:") or None
    lead = _INLINE_HEADING.match(rest)
    if lead and lead.end() < len(stripped) and _looks_like_title(lead.group("h").strip()):
        return lead.group("h").strip()  # "Service Credits. If Provider fails..." -> "Service Credits"
    candidate = stripped.rstrip(".:")
    short = len(rest) <= _MAX_HEADING_CHARS and len(rest.split()) <= 12 and "," not in candidate
    if short and (_looks_like_title(candidate) or (block.bold and candidate[:1].isupper())):
        return candidate or None
    return None


def _looks_like_title(lead: str) -> bool:
    """'Service Credits', 'LIMITATION OF LIABILITY', 'Use of Customer Data', 'Security & Data' — not a
    sentence. "&", "/" and dashes join title words as "and" would."""
    words = lead.split()
    if not words or len(words) > 10:
        return False
    return lead.isupper() or all(
        w[0].isupper() or (w.islower() and len(w) <= 4) or w in _JOINERS for w in words
    )


def _is_unnumbered_heading(block: Block, text: str) -> bool:
    if block.kind == "table_cell":
        return False
    if block.heading_level is not None or block.kind == "heading":
        return True
    stripped = text.strip()
    if not stripped or len(stripped) > 90 or stripped.endswith((",", ";")):
        return False
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 4:
        return False
    all_caps = sum(c.isupper() for c in letters) / len(letters) > 0.9
    return (all_caps and not stripped.endswith(".")) or (block.bold and len(stripped.split()) <= 8)


def _running_lines(document: Document) -> set[int]:
    """Start offsets of the unnumbered heading-like lines that recur verbatim. Headings the source marks as
    such (a style, an outline level, bold) are excepted: a template may repeat "Service Description" under
    every service."""
    starts: dict[str, list[int]] = {}
    for block in document.blocks:
        if block.heading_level is None and block.kind == "paragraph" and not block.bold:
            line = document.text[block.start : block.end].strip()
            if _number_of(line) is None and _is_unnumbered_heading(block, line):
                starts.setdefault(line, []).append(block.start)
    return {start for found in starts.values() if len(found) >= _RUNNING_LINE_MIN for start in found}


def _open_node(block: Block, text: str, stack: list[_Node]) -> _Node | None:
    found = _number_of(text)
    hinted = block.number
    if hinted and (found is None or not text.startswith(found[0].rstrip(".)"))):
        found = (hinted, 2.0 + hinted.count("."))  # a number the source supplies but does not print first
    if found is not None and block.kind != "table_cell":
        number, rank = found
        if rank == 10.0:
            rank = _paren_rank(number, stack)
        if block.heading_level is not None and rank > 1:
            rank = min(rank, 1.0 + block.heading_level)
        printed = number if text.startswith(number) else None
        return _Node(number, _heading_of(block, text, printed), rank, block.start, block.page)
    if _is_unnumbered_heading(block, text):
        level = block.heading_level
        rank = 0.5 + level if level is not None else 1.0
        return _Node(None, _heading_of(block, text, None), rank, block.start, block.page)
    return None


def _citation(node: _Node) -> str | None:
    """'(b)' under '12.3' is cited as '12.3(b)'; anything else is cited as printed."""
    if node.number is None:
        return None
    if node.number.startswith("(") or re.fullmatch(r"[a-z0-9]{1,4}\)", node.number):
        parent = node.parent
        while parent is not None and parent.full is None:
            parent = parent.parent
        if parent is not None and parent.full and not parent.full.startswith(("Article", "ARTICLE")):
            marker = node.number if node.number.startswith("(") else f"({node.number.rstrip(')')})"
            return f"{parent.full}{marker}"
    return node.number


def segment(document: Document) -> Document:
    """Return ``document`` with its section tree filled in."""
    text = document.text
    nodes: list[_Node] = []
    stack: list[_Node] = []
    running = _running_lines(document)
    contents = contents_blocks([text[block.start : block.end] for block in document.blocks])
    for position, block in enumerate(document.blocks):
        if position in contents:
            continue  # a contents entry names a section without being it
        node = _open_node(block, text[block.start : block.end], stack)
        if node is None or (node.number is None and block.start in running):
            continue
        while stack and stack[-1].rank >= node.rank:
            stack.pop().end = node.start
        node.parent = stack[-1] if stack else None
        node.full = _citation(node)
        stack.append(node)
        nodes.append(node)
    for node in stack:
        node.end = len(text)
    return replace(document, sections=_to_sections(nodes))


def _to_sections(nodes: list[_Node]) -> tuple[Section, ...]:
    ids: dict[int, str] = {}
    seen: dict[str, int] = {}
    sections: list[Section] = []
    for index, node in enumerate(nodes):
        # Parents are found by id, so an id must be unique: a number printed again ("(a)" under a second
        # heading) gets "#2". Readers see the citation, never the id.
        base = node.full or f"s{index + 1}"
        count = seen.get(base, 0)
        seen[base] = count + 1
        ident = base if count == 0 else f"{base}#{count + 1}"
        ids[id(node)] = ident
        depth, parent = 1, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        parent_id = ids.get(id(node.parent)) if node.parent is not None else None
        sections.append(
            Section(
                ident, node.number, node.heading, depth, node.start, node.end, node.page, parent_id, node.full
            )
        )
    return tuple(sections)
