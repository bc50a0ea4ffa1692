"""Table-of-contents runs in a text or PDF contract: clause numbers, headings and page numbers in a row.

A contents line names a clause without being it ("Section 11.02. Dispute Resolution 14 Section 11.03.
Governing Law; Jurisdiction 15"), so a match inside one is no evidence: a lawyer sent there finds a page
number, not a provision. The DOCX parser drops contents lines by their Word style; plain text and PDF have
no styles, so the runs are recognised by their shape instead. An index of defined terms ("Abandoned
Development 4.2.7.1 Achaogen Preamble ...") has the same shape with the number after the term.
"""

from __future__ import annotations

import re

_CONNECTIVES = r"(?:(?:of|and|or|the|to|for|in|on|by|with|a|an|&)\s+)*"
# Title words: capitalised, not "Section 8.6" (a list of cross-references, "Section 8.4 (Prosecution), Section 8.5.1
# (Disclosure)", has the same rhythm as contents but names sections in brackets, with no page numbers).
_TITLE_WORDS = (
    rf"(?:(?!(?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\b)[A-Z][\w'’&/;,.-]*\s+{_CONNECTIVES}){{1,10}}"
)
# "4.1 Default 19", "Section 9.3 Notices 27", "ARTICLE IV EXCLUDED AGREEMENTS 12": number, title, page.
_ENTRY = re.compile(
    rf"(?:\b(?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\s+)?\b(?:\d+(?:\.\d+)*|[IVX]+)\.?\s+{_TITLE_WORDS}"
    r"\d{1,3}\b(?![.)]?\d)(?!\s*(?:%|percent|per\s+cent|days?|hours?|weeks?|months?|years?|business)\b)"
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
