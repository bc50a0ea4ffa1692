"""Survival clauses that keep numbered sections in force after the agreement ends.

Contracts rarely say how long confidentiality lasts inside the confidentiality clause; they list it in a
general clause instead: "Sections 7, 9.2 and 12 shall survive any termination or expiration of this
Agreement". A requirement about how long an obligation lasts (``survival: true`` in its ``detect``) is met
when such a clause names, by number, the section that holds the element's provisions or a section above it.
"""

from __future__ import annotations

import re

from ..model import Section
from .detect import Hit
from .index import DocumentIndex

_SURVIVES = re.compile(r"\bsurviv", re.IGNORECASE)
# Where the list of sections starts: "Sections 6, 9 and 15", "Articles 1, 5", "paragraphs 2 (c), 7", "§ 7".
_REFERENCE = re.compile(r"\b(?:sections?|articles?|clauses?|paragraphs?)(?![a-z])|§", re.IGNORECASE)
# A section number in that list ("7", "7.05", "11.4"; also run into the plural, "Sections7.05", as some PDFs
# print it), not a count in parentheses ("five (5) years") and not a period ("for 5 years").
_NUMBER = re.compile(
    r"(?<![\d.(a-rt-zA-RT-Z_])(\d{1,3}(?:\.\d{1,3})*)\.?(?!\d)(?!\s*(?:\(\d+\)\s*)?(?:days?|weeks?|months?|years?|%|percent)\b)",
    re.IGNORECASE,
)
_SECTION_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*")
_ANNEXES = ("schedule", "exhibit", "annex", "appendix", "attachment", "addendum")  # numbered apart


def survival_hits(index: DocumentIndex, scope: list[tuple[int, int]]) -> list[Hit]:
    """The document's survival sentences that name a section holding part of ``scope`` (the element's
    clauses), or one of that section's parents, in document order."""
    held = _numbers_holding(index, scope)
    if not held:
        return []
    text = index.text
    hits: list[Hit] = []
    for i in _survival_sentences(index):
        sentence = index.sentences[i]
        named = _named_sections(text[sentence.start : sentence.end])
        if any(_covers(number, section) for number in named for section in held):
            hits.append(Hit(sentence.start, sentence.end, sentence.start, sentence.end, "survival"))
    return hits


def _survival_sentences(index: DocumentIndex) -> list[int]:
    if index.prefilter_usable:  # str.find on the lowered text: a case-insensitive scan costs ~1 ms a contract
        starts = index.positions(frozenset({"surviv"}), 0, len(index.text))
    else:
        starts = [m.start() for m in _SURVIVES.finditer(index.text)]
    found = {index.sentence_at(start) for start in starts}
    return sorted(i for i in found if i is not None)


def _named_sections(sentence: str) -> list[str]:
    """Section numbers a sentence lists after its first 'Section(s)', 'Article(s)', 'paragraph(s)' or '§'."""
    start = _REFERENCE.search(sentence)
    if start is None:
        return []
    return [m.group(1) for m in _NUMBER.finditer(sentence, start.end())]


def _numbers_holding(index: DocumentIndex, scope: list[tuple[int, int]]) -> set[str]:
    """Numbers ("7", "7.2") of the sections the scope's sentences sit in, and of every section above them."""
    seen: set[str] = set()
    numbers: set[str] = set()
    for start, end in scope:
        for i in index.sentences_in(start, end):
            section: Section | None = index.sentences[i].section
            if section is None or section.id in seen:
                continue
            seen.add(section.id)
            for above in index.ancestry(section):
                printed = (above.number or "").lower()
                number = _SECTION_NUMBER.search(printed)
                if number is not None and not printed.startswith(_ANNEXES):
                    numbers.add(number.group())
    return numbers


def _covers(named: str, section: str) -> bool:
    """Whether keeping section ``named`` alive keeps ``section`` alive: the same section, or one inside it."""
    return section == named or section.startswith(named + ".")
