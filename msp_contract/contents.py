"""Table-of-contents runs in a text or PDF contract: clause numbers, headings and page numbers in a row.

A contents line names a clause without being it ("Section 11.02. Dispute Resolution 14 Section 11.03.
Governing Law; Jurisdiction 15"), so a match inside one is no evidence: a lawyer sent there finds a page
number, not a provision. The DOCX parser drops contents lines by their Word style; plain text and PDF have
no styles, so the runs are recognised by their shape instead. An index of defined terms ("Abandoned
Development 4.2.7.1 Achaogen Preamble ...") has the same shape with the number after the term.

The same shape tells structure.py which blocks make up a table of contents, so that an entry there does not
open a section: read as a heading, "Addendum 2: Maintenance" on the contents page would hold the whole body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CONNECTIVES = r"(?:(?:of|and|or|the|to|for|in|on|by|with|a|an|&)\s+)*"
# Title words: capitalised, not "Section 8.6" (a list of cross-references, "Section 8.4 (Prosecution), Section 8.5.1
# (Disclosure)", has the same rhythm as contents but names sections in brackets, with no page numbers).
_TITLE_WORDS = (
    rf"(?:(?!(?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\b)[A-Z][\w'’&/;,.-]*\s+{_CONNECTIVES}){{1,10}}"
)
# "4.1 Default 19", "Section 9.3 Notices 27", "ARTICLE IV EXCLUDED AGREEMENTS 12": number, title, page.
# Plain-text exports of EDGAR filings often lose the space after a long number: "2.10Change Order 2".
_ENTRY = re.compile(
    rf"(?:\b(?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\s+)?\b(?:\d+(?:\.\d+)*|[IVX]+)"
    rf"(?:\.?\s+|(?<=\d)(?=[A-Z][a-z])){_TITLE_WORDS}"
    r"(?P<page>\d{1,3})\b(?![.)]?\d)(?!\s*(?:%|percent|per\s+cent|days?|hours?|weeks?|months?|years?|business)\b)"
)
# "Abandoned Development 4.2.7.1", "Back-up Supplier 2.15": a term, then the section defining it.
_TERM_ENTRY = re.compile(rf"{_TITLE_WORDS}(?:Section\s+)?\d+(?:\.\d+)+\b")
# A provision states a duty or a right; a contents line states neither (capitals too: "IN NO EVENT SHALL").
_OPERATIVE = re.compile(r"\b(?:shall|will|must|may|agrees?|hereby|is|are)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_MIN_ENTRIES = 3  # each with a clause number and a page number: at least 6 numbers
_MIN_TERM_ENTRIES = 4  # each with a section number: at least 4 numbers
_MIN_NUMBERS = min(2 * _MIN_ENTRIES, _MIN_TERM_ENTRIES)  # fewer, and neither kind of run can be there


def looks_like_contents(text: str) -> bool:
    """Whether ``text`` (one sentence of the index) is a run of contents or defined-term index entries.

    The cheap tests come first (this runs on every sentence a rule hits): every entry carries a number, and
    the entry patterns are only tried on text with no operative word."""
    if len(_NUMBER.findall(text)) < _MIN_NUMBERS or _OPERATIVE.search(text):
        return False
    return len(_ENTRY.findall(text)) >= _MIN_ENTRIES or len(_TERM_ENTRY.findall(text)) >= _MIN_TERM_ENTRIES


# A contents entry alone in its block, dot leaders aside: "ARTICLE 1 Definitions .... 1", "1.1 Scope 1".
_LEADER = re.compile(r"(?:\.\s?){2,}|…+")
_TITLE = re.compile(r"\b(?:(?i:table of contents|contents)|INDEX)\b")
# A line of its own may have a title in sentence case ("1.1 Standard service 4"), which _ENTRY, made to
# find entries inside running text, does not accept.
_LINE_ENTRY = re.compile(
    r"(?:(?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\s+)?(?:\d+(?:\.\d+)*|[IVX]+)\.?\s+[A-Z][^.:]{0,100}?"
    r"\s(?P<page>\d{1,3})"
)
# "Exhibit A: Government Flow Downs", "Schedule 2.4(a) RemainCo Ownership": the annexes a contents page
# lists after its numbered entries, often without page numbers.
_ANNEX = re.compile(
    r"^(?P<name>(?:EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment|"
    r"ADDENDUM|Addendum)\s+[\w.()-]+)"
)
# Entries that make a contents list under a "TABLE OF CONTENTS" title, and without one (a page that
# continues the list): fewer could be a short list of prices or dates.
_ANNEX_HEADING = re.compile(
    r"(?i:schedules|exhibits|annexes|appendices|attachments|addenda)(?:\s+and\s+\w+)?:?"
)
_ANNEX_WORDS = 40  # a line may list several annexes: "Appendix D ... Calculation Appendix E ..."
_MIN_RUN = 3
_MIN_UNTITLED_RUN = 5
# Other short lines between two entries: "Page", "ARTICLE I DEFINITIONS", a running header, or an entry
# whose page number was cut onto a line of its own.
_MAX_GAP = 4
_MINOR_WORDS = 20
_PAGE_END = re.compile(r"\s(?:\d{1,3}|[ivx]{1,5})$")
_COVERED = 0.7
_START_CHARS = 300
_WORDS_PER_NUMBER = 8  # "1.2 Transmission of Original Signatures and Executing Multiple Counterparts 64"
_TITLE_REACH = 3  # blocks between a "TABLE OF CONTENTS" title and the first entry


def _pages_listed(text: str) -> list[int]:
    """The page numbers of the contents entries ``text`` consists of (empty when it is not such a run)."""
    # This runs on every block, so the cheap test comes first, on the block's start: every entry has two
    # numbers in a few words. Then no entry has a duty or a right.
    start = text[:_START_CHARS]
    if len(_NUMBER.findall(start)) * _WORDS_PER_NUMBER < start.count(" ") or _OPERATIVE.search(text):
        return []
    flat = _LEADER.sub(" ", text).strip()
    if whole := _LINE_ENTRY.fullmatch(flat):
        return [int(whole.group("page"))]
    entries = list(_ENTRY.finditer(flat))
    # Mostly entries ("5.1 Reports 13 5.2 Review 14"), or enough of them after a title ("TABLE OF CONTENTS
    # Page 1.1 Scope 1 ..."); a stray redacted entry ("5.4 [***] 5") does not break a run.
    covered = sum(m.end() - m.start() for m in entries)
    if entries and (covered >= _COVERED * len(flat) or looks_like_contents(flat)):
        return [int(m.group("page")) for m in entries]
    return []


def _minor(text: str) -> bool:
    """A short line with no duty or right in it, or one that ends with a page number ("17.17 Timing Is
    Important 48"): it may sit inside a contents list."""
    return len(text.split()) <= _MINOR_WORDS and (not _OPERATIVE.search(text) or bool(_PAGE_END.search(text)))


def contents_blocks(texts: Sequence[str]) -> set[int]:
    """Indexes of the blocks (given by their text, in order) that make up a table of contents."""
    listed = [_pages_listed(text) for text in texts]
    found: set[int] = set()
    i = 0
    while i < len(texts):
        if not listed[i]:
            i += 1
            continue
        run_end = _run_end(texts, listed, i)
        entries = sum(len(listed[k]) for k in range(i, run_end + 1))
        first = _title_before(texts, i)
        if entries >= (_MIN_RUN if first < i or _TITLE.search(texts[i]) else _MIN_UNTITLED_RUN):
            found.update(range(first, _annexes_after(texts, run_end) + 1))
        i = run_end + 1
    return found


def _run_end(texts: Sequence[str], listed: list[list[int]], start: int) -> int:
    """The last entry of the list starting at ``start``: entries in page order, a few short lines between."""
    end, page = start, listed[start][-1]
    for k in range(start + 1, len(texts)):
        if listed[k]:
            if listed[k][0] < page:
                break  # the pages go back: another list (or prose) starts
            end, page = k, listed[k][-1]
        elif k - end > _MAX_GAP or not _minor(texts[k]):
            break
    return end


def _title_before(texts: Sequence[str], start: int) -> int:
    """The first block of the contents: its "TABLE OF CONTENTS" title when that comes just before."""
    for k in range(start - 1, max(start - 1 - _TITLE_REACH, -1), -1):
        if not _minor(texts[k]):
            break
        if _TITLE.search(texts[k]):
            return k
    return start


def _annexes_after(texts: Sequence[str], end: int) -> int:
    """The last block of the contents: the annexes listed after the numbered entries belong to it, up to
    one the list already named (the body starting over) or anything else."""
    named: set[str] = set()
    for k in range(end + 1, len(texts)):
        text = texts[k]
        if _ANNEX_HEADING.fullmatch(text.strip()):
            continue  # "SCHEDULES": the heading of the list of annexes
        match = _ANNEX.match(text)
        listing = match is not None and len(text.split()) <= _ANNEX_WORDS and not _OPERATIVE.search(text)
        if match is None or not listing or match.group("name").lower() in named:
            break
        named.add(match.group("name").lower())
        end = k
    return end
