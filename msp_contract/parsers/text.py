"""Plain text and Markdown → canonical text with blocks.

Paragraphs are separated by blank lines; hard-wrapped lines inside a paragraph are joined with a space.
A line that starts with a clause number, a Markdown heading or a list marker starts a new block even without
a blank line, because many plain-text contracts put one clause per line. In plain text converted from a PDF,
a gap of three or more spaces stands for a line break of the page. Markdown markup and stray HTML tags
are removed so quotes read as the rendered document does.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from ..errors import ResourceLimitError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import BlockKind
from .builder import TextBuilder

# Every inline pattern below is linear in the line length: a contract is untrusted input, and Python's ``re``
# cannot be interrupted, so a pattern that rescans the rest of the line from each start (".*?" up to a
# closing mark that never comes) would let a 200 KB Markdown file hang the parser for minutes.
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")  # closing #s are stripped in code, not by backtracking
_LIST_MARKER = re.compile(
    r"^\s*(?:[-*+•]\s+|\d{1,3}(?:\.\d{1,3})*[.)]?\s+|\([a-z0-9ivx]{1,4}\)\s+|[a-z][.)]\s+)"
)
_NUMBERED_LINE = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})+\.?\s|\d{1,3}(?:\.\d{1,3})*(?:\([a-z0-9ivx]{1,4}\))+\s|\d{1,3}[.)]\s|\([a-z0-9ivx]{1,4}\)\s|(?:ARTICLE|Article|SECTION|Section|"
    r"SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex|APPENDIX|Appendix)\s+\S)"
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")  # comments: see _strip_comments
# Link text stops at the next bracket and the target at the next parenthesis, so each scan ends where the
# next candidate starts (nested brackets in link text are not supported; contracts do not use them).
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
# Emphasis content may not contain its own delimiter: a scan stops at the next '*' or '_'. Nested emphasis
# ("**a *b* c**", "***x***") still resolves because strip_markdown applies the pattern twice.
_MD_EMPHASIS = re.compile(
    r"\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*"
    r"|__(?=[^\s_])([^_]+?)(?<=[^\s_])__"
    r"|(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![\w_])"
)
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_PAREN_ITEM = re.compile(r"^\s*\([a-z0-9ivx]{1,4}\)\s")
_ORDERED_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s+(?P<rest>.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Text converted from a PDF often runs its lines together and keeps each line break as a wide gap:
# "... 18 months.     2. SEV's Obligations     In consideration of ...". Read such a gap as a line break,
# so the clause number and the heading start their own lines as they did on the page.
_LINE_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")


def strip_markdown(line: str) -> str:
    """Inline Markdown and HTML removed: what a reader of the rendered page sees."""
    line = _HTML_TAG.sub("", _strip_comments(line))
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis such as ***bold italic***
        line = _MD_EMPHASIS.sub(lambda m: next((g for g in m.groups() if g), ""), line)
    line = _MD_ESCAPE.sub(r"\1", line)
    return line.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def _strip_comments(line: str) -> str:
    """``<!-- ... -->`` removed with ``str.find``: once no "-->" follows, no later comment can close either."""
    parts: list[str] = []
    start = 0
    while (opening := line.find("<!--", start)) != -1:
        closing = line.find("-->", opening + 4)
        if closing == -1:
            break
        parts.append(line[start:opening])
        start = closing + 3
    parts.append(line[start:])
    return "".join(parts)


def _heading(line: str) -> tuple[int, str] | None:
    """A Markdown ATX heading's level and text, without its optional closing '#'s."""
    match = _MD_HEADING.match(line)
    if match is None:
        return None
    return len(match.group(1)), match.group(2).rstrip().rstrip("#").rstrip()


class _ListNumbering:
    """Markdown nested ordered lists: a "1." indented under "2." is clause 2.1, an "a." under it 2.1(a).

    Rendered HTML would show each level's own counter, but the contract's authors (and its PDF edition)
    cite the full path, so the canonical text carries the number a lawyer would cite.
    """

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []  # (indent, full number) of the open list items

    def reset(self) -> None:
        self.stack.clear()

    def renumber(self, line: str) -> str:
        match = _ORDERED_ITEM.match(line)
        if match is None:
            return line
        indent = len(match.group("indent").expandtabs(4))
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        marker = match.group("marker")
        parent = self.stack[-1][1] if self.stack else None
        if parent is None:
            full = marker if marker.isdigit() else f"({marker})"
        elif marker.isdigit():
            full = f"{parent}.{marker}"
        else:
            full = f"{parent}({marker})"
        self.stack.append((indent, full))
        printed = f"{full}." if parent is None and marker.isdigit() else full  # "1." at the top, as written
        return f"{printed} {match.group('rest')}"


_TIME_CHECK_EVERY = 1024  # lines between two looks at the clock


def parse_text(
    text: str, *, markdown: bool, path: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> TextBuilder:
    started = time.monotonic()
    builder = TextBuilder()
    builder.start_page(1)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    gap_lines: set[int] = set()  # indexes of the lines that followed a wide gap (see _split_at_gaps)
    if not markdown:
        lines, gap_lines = _split_at_gaps(lines)
    index = 0
    paragraph: list[str] = []
    kind: BlockKind = "paragraph"
    numbering = _ListNumbering()

    def flush() -> None:
        nonlocal paragraph, kind
        if paragraph:
            builder.add_block(" ".join(part.strip() for part in paragraph), kind=kind)
        paragraph, kind = [], "paragraph"

    while index < len(lines):
        raw = lines[index]
        index += 1
        if index % _TIME_CHECK_EVERY == 0:
            _check_time(started, path, limits)
        if markdown and "|" in raw and index < len(lines) and _TABLE_RULE.match(lines[index]):
            flush()
            index = _add_markdown_table(builder, raw, lines, index)
            continue
        line = strip_markdown(raw) if markdown else raw
        if not line.strip():
            flush()
            continue
        if markdown and (heading := _heading(line)):
            flush()
            numbering.reset()
            builder.add_block(heading[1], kind="heading", heading_level=heading[0])
            continue
        if markdown and re.match(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", raw):
            flush()
            continue
        if markdown and _ORDERED_ITEM.match(line):
            line = numbering.renumber(line)
        starts_item = bool(_NUMBERED_LINE.match(line) or (markdown and _LIST_MARKER.match(line)))
        if starts_item and index - 1 in gap_lines and paragraph and _continues_sentence(paragraph[-1]):
            starts_item = False  # "at least     (30) days": a gap inside a sentence, not a new clause
        if markdown and starts_item and paragraph and _is_wrapped_enumeration(paragraph[-1], line):
            starts_item = False
        if paragraph and _starts_block(paragraph, line, starts_item, markdown):
            flush()
        if markdown and starts_item and re.match(r"^\s*[-*+•]\s+", line):
            line = re.sub(r"^\s*[-*+•]\s+", "", line)
            kind = "list_item"
        if markdown:
            line = line.lstrip("> ")
        paragraph.append(line)
    flush()
    return builder


def _starts_block(paragraph: list[str], line: str, starts_item: bool, markdown: bool) -> bool:
    """Whether ``line`` starts a block of its own after the lines of ``paragraph``, no blank line between."""
    if starts_item or (len(paragraph) == 1 and _is_heading_line(paragraph[0])):
        return True
    # Markdown renders a capitalised line as part of the paragraph above; a plain-text reader sees a heading.
    return not markdown and _is_caps_heading_after(paragraph[-1], line)


def _split_at_gaps(lines: list[str]) -> tuple[list[str], set[int]]:
    """Lines split at wide gaps, and the indexes of the pieces that followed a gap."""
    out: list[str] = []
    after_gap: set[int] = set()
    for line in lines:
        for n, piece in enumerate(_LINE_GAP.split(line)):
            if n:
                after_gap.add(len(out))
            out.append(piece)
    return out, after_gap


def _continues_sentence(previous: str) -> bool:
    """Whether text after ``previous`` still belongs to its sentence: it neither ends a sentence or a list
    lead-in nor is a heading."""
    return not previous.rstrip().endswith((".", ":", ";", "?", "!")) and not _is_heading_line(previous)


def _check_time(started: float, path: Path | None, limits: Limits) -> None:
    if limits.out_of_time(started):
        raise ResourceLimitError(
            path or "<text>",
            f"parsing took over {limits.timeout_seconds:g} s (timeout_seconds)",
            "raise the limit for very large documents",
        )


def _is_wrapped_enumeration(previous: str, line: str) -> bool:
    """Markdown: "(a) ..." on a wrapped line is inline text unless the line before ended a clause.

    CommonMark does not treat "(a)" as a list marker, so "excluding unavailability caused by\n(a) ..."
    renders as one paragraph; only a line ending in ":" or ";" (or ".") introduces sub-items.
    """
    return bool(_PAREN_ITEM.match(line)) and not previous.rstrip().endswith((":", ";", "."))


def _is_heading_line(line: str) -> bool:
    """A short line standing alone above its text: "2. Fees", "TERMINATION", "Article IV".

    Plain-text contracts put a heading on its own line with the body right below it; joining the two would
    bury the heading inside the first sentence.
    """
    stripped = line.strip()
    if (
        not stripped
        or len(stripped) > 70
        or (stripped.endswith((".", ",", ";", ":")) and not stripped.isupper())
    ):
        return False
    body = _NUMBERED_LINE.sub("", stripped, count=1).strip() if _NUMBERED_LINE.match(stripped) else stripped
    words = body.split()
    if not words or len(words) > 8:
        return False
    letters = [c for c in body if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    title_case = all(w[0].isupper() or not w[0].isalpha() or (w.islower() and len(w) <= 4) for w in words)
    return all_caps or (title_case and body is not stripped)


# Words a heading does not end with, and verbs a heading does not contain: "IN NO EVENT SHALL EITHER" or
# "THE SERVICES ARE PROVIDED" is the first line of a capitalised paragraph, not a heading.
_NOT_A_HEADING = re.compile(
    r"\b(?:SHALL|WILL|MUST|MAY|IS|ARE|BE|BEEN|HAS|HAVE|DOES|WAS)\b"
    r"|\b(?:THE|A|AN|OF|AND|OR|TO|FOR|IN|ON|BY|WITH|ANY|ALL|SUCH|THAT|ITS|NOT|NO)\s*$"
)
_CLAUSE_END = re.compile(r"[^\W\d][)\]\"”’]?[.;:]\s*$")  # a word, maybe a closing mark, then . ; or :
# "2.", "ARTICLE IV.", "(a)": a clause number alone on its line
_BARE_NUMBER = re.compile(
    r"^\s*(?:(?:ARTICLE|Article|SECTION|Section|CLAUSE|Clause|PART|Part)\s+)?"
    r"\(?[0-9A-Za-z]{1,6}(?:\.[0-9A-Za-z]{1,3})*[.):]?\s*$"
)


def _is_caps_heading_after(previous: str, line: str) -> bool:
    """Plain text: an ALL-CAPS heading line right under the end of a clause, with no blank line between.

    Without a blank line the reader still sees a heading ("...within 15 minutes." / "DISASTER RECOVERY");
    joined to the clause above, it would be lost and the clauses under it filed under the previous heading.
    """
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters) or not _is_heading_line(stripped):
        return False
    label = ":" in stripped.rstrip(":") or (stripped.endswith(":") and len(stripped.split()) == 1)
    if label or stripped.endswith(",") or stripped.startswith(('"', "“")):
        return False  # a form's label ("PURCHASER:", "PAGE: 1 / 1") or a quoted name in a list of marks
    if _NOT_A_HEADING.search(stripped):
        return False
    # A clause ends with a word and a full stop; "2." or "ARTICLE IV." on the line above (its heading cut
    # off by a wide gap) is the heading's own number, and "Page 1." or "6 2." an entry of a contents list.
    return bool(_CLAUSE_END.search(previous)) and not _BARE_NUMBER.match(previous)


def _add_markdown_table(builder: TextBuilder, header: str, lines: list[str], index: int) -> int:
    """A GitHub-style pipe table starting at ``header``; returns the index after it."""
    rows = [_split_row(header)]
    index += 1  # skip the |---| rule
    while index < len(lines) and "|" in lines[index] and lines[index].strip():  # GFM rows need no outer pipes
        rows.append(_split_row(lines[index]))
        index += 1
    builder.add_table([[(strip_markdown(cell), 1, 1) for cell in row] for row in rows])
    return index


def _split_row(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [cell.strip() for cell in cells]
