"""The matching primitive every rule uses: where in a document do these signals fire?

A hit is one sentence (or one headed section) that matches. Structure is respected: hits inside sections
whose heading says they are about something else (force majeure, say) are dropped, and so are hits
negated in their own clause ("no service credits shall apply") and hits in a definition that only points
to another section ('"Remedial Plan" has the meaning set forth in Section 5.4').
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from ..contents import looks_like_contents
from ..model import Section
from ..rulebook.patterns import CompiledSignals, finditer, match_at, search
from .index import DocumentIndex, bits

_NEGATION = regex.compile(r"\b(?:no|not|never|neither|nor|without|none|cannot|n't)\b", regex.I)
# Phrases that contain a negation word but state a positive quantity or scope.
_NOT_NEGATION = regex.compile(
    r"\b(?:no|not)\s+(?:later|less|more|fewer|greater|earlier|sooner|longer)\s+than\b|\bnot\s+(?:to\s+)?exceed\w*"
    r"|\bnot\s+(?:be\s+)?limited\s+to\b|\bwhether\s+or\s+not\b|\bif\s+not\b|\bnot\s+only\b"
    r"|\bnot\s+(?:be\s+)?unreasonably\b|\bno\s+event\b|\bnotwithstanding\b"
    # a condition on what follows, not a negation of it: "disputes not resolved within 30 days shall be referred"
    r"|\bnot\s+(?:been\s+|so\s+)?(?:resolved|settled|cured|remedied|corrected)\s+(?:within|by|through|after|amicably)\b",
    regex.I,
)
# A defined term that only points elsewhere ('"Remedial Plan" has the meaning set forth in Section 5.4.3') is
# not a provision: the hit belongs to the section it points to, if that section says anything.
_CROSS_REFERENCE = regex.compile(
    r"(?:[\"“][^\"”]{1,80}[\"”]|\b[\w&\s-]{1,80}\.\s+the\s+term|\b(?:[\w&-]+\s+){0,5}[\w&-]+)"
    r"\s+(?:shall\s+)?(?:has|have)\s+the\s+meanings?\s+"
    r"(?:set\s+(?:forth|out)|given|ascribed|assigned|specified|provided|defined)\s+"
    r"(?:(?:to\s+(?:it|them|such\s+terms?|the\s+terms?)|thereto)\s+)?(?:in|under|by)\s+(?:\S+\s+){0,3}?"
    r"(?:(?:sections?|articles?|clauses?|schedules?|exhibits?|paragraphs?|appendi(?:x|ces)|annex(?:es)?)\s+[\w.()-]+"
    r"(?:\s*\([^)]{0,60}\))?|preamble|recitals?)(?:\s+(?:of|to|hereof|below|above)(?:\s+this\s+agreement)?)?",
    regex.I,
)
_POINTER_ENTRY_MAX = 400  # a definition entry is short; longer sections hold provisions of their own
_CLAUSE_BREAK = regex.compile(r"[,;:(]|\band\b|\bor\b|\bbut\b|\bprovided\b", regex.I)
_NEGATION_WINDOW = 80
# Measured: a full-text scan costs about as much as searching one sentence in eight separately (patterns
# anchored at their leading literals are cheap per sentence and never switch to a scan).
_SCAN_BREAK_EVEN = 8


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # evidence span (a sentence, or a heading plus its first sentence)
    end: int
    match_start: int  # what matched inside it
    match_end: int
    via: str  # "pattern", "heading" or "clause:<type>"


def _negated(text: str, sentence_start: int, match_start: int) -> bool:
    """Whether the match is negated within its own clause ("shall not provide ...", "no credits")."""
    window = text[max(sentence_start, match_start - _NEGATION_WINDOW) : match_start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    window = _NOT_NEGATION.sub(" ", window)
    return _NEGATION.search(window) is not None


def _cross_references(index: DocumentIndex, start: int, end: int) -> Iterator[regex.Match[str]]:
    """Definitions in ``text[start:end]`` that only point to another section (a scan for "meaning" rules
    out nearly every sentence first)."""
    text = index.match_text
    if text.find("meaning", start, end) == -1:
        return iter(())
    return _CROSS_REFERENCE.finditer(text, start, end)


def _in_cross_reference(
    index: DocumentIndex, sentence_start: int, sentence_end: int, match_start: int
) -> bool:
    """Whether the match sits inside a definition that only points to another section."""
    return any(
        found.start() <= match_start < found.end()
        for found in _cross_references(index, sentence_start, sentence_end)
    )


def _points_elsewhere(index: DocumentIndex, start: int, end: int) -> bool:
    """Whether the text from ``start`` to ``end`` (a numbered definition) says nothing but where its term is
    defined: "1.53 Term. The term shall have the meaning set forth in Section 2."."""
    found = next(_cross_references(index, start, end), None)
    text = index.match_text
    return (
        found is not None
        and not text[start : found.start()].strip(" \t\n\r\"“”'0123456789.()")
        and not text[found.end() : end].strip(" \t\n\r.;,")
    )


def _pointer_entry(index: DocumentIndex, section: Section | None) -> bool:
    """Whether a short numbered entry ("1.2 Disaster Recovery. The term shall have the meaning set forth in
    Section 12.") only says where its term is defined: its heading is no more a provision than its body."""
    return (
        section is not None
        and section.end - section.start <= _POINTER_ENTRY_MAX
        and _points_elsewhere(index, section.start, section.end)
    )


def _in_excluded_section(
    index: DocumentIndex, sentence_index: int, outside: Iterable[regex.Pattern[str]]
) -> bool:
    patterns = tuple(outside)
    if not patterns:
        return False
    for section in index.ancestry(index.sentences[sentence_index].section):
        if section.heading and any(search(p, section.heading) for p in patterns):
            return True
    return False


def _sentence_ok(
    index: DocumentIndex, signals: CompiledSignals, i: int, outside: tuple[regex.Pattern[str], ...]
) -> bool:
    sentence = index.sentences[i]
    text = index.match_text
    for pattern, plan in zip(signals.all, signals.all_plans, strict=True):
        if not index.may_match(plan, i) or (
            search(pattern, text, sentence.start, sentence.end) is None
            and not (i in index.header_of and _matches_with_header(index, pattern, i))
        ):
            return False
    return not _vetoed(index, signals, i) and not _in_excluded_section(index, i, outside)


def _vetoed(index: DocumentIndex, signals: CompiledSignals, i: int) -> bool:
    """Whether one of the rule's ``not`` patterns matches sentence ``i``."""
    sentence = index.sentences[i]
    for pattern, plan in zip(signals.not_, signals.not_plans, strict=True):
        if index.may_match(plan, i) and search(pattern, index.match_text, sentence.start, sentence.end):
            return True
    return False


def sentence_allowed(
    index: DocumentIndex,
    signals: CompiledSignals,
    guard: CompiledSignals | None,
    i: int,
    outside: tuple[regex.Pattern[str], ...],
) -> bool:
    """Whether sentence ``i`` may stand as evidence for a rule it was not matched by (the sentence model's
    pick): not a contents line, not a pointer to another section, none of the rule's ``not`` patterns nor
    the ``guard``'s, and not under a heading the rule or the blueprint excludes."""
    sentence = index.sentences[i]
    if index.in_contents(i) or _pointer_entry(index, sentence.section):
        return False
    if _points_elsewhere(index, sentence.start, sentence.end):
        return False
    if _vetoed(index, signals, i) or (guard is not None and _vetoed(index, guard, i)):
        return False
    return not _in_excluded_section(index, i, (*outside, *signals.outside))


def _within(ranges: list[tuple[int, int]] | None, start: int) -> bool:
    return ranges is None or any(a <= start < b for a, b in ranges)


def _sentence_matches(
    index: DocumentIndex, pattern: regex.Pattern[str], leading: frozenset[str] | None, i: int
) -> list[tuple[int, int]]:
    """Every match of ``pattern`` inside sentence ``i``, as (start, end).

    When every match must start with one of ``leading``, the pattern is anchored (``match``) at each place
    one occurs, instead of being searched from every position of the sentence.
    """
    sentence = index.sentences[i]
    if leading is None or not index.prefilter_usable:
        return [
            (m.start(), m.end()) for m in finditer(pattern, index.match_text, sentence.start, sentence.end)
        ]
    spans: list[tuple[int, int]] = []
    for position in index.positions(leading, sentence.start, sentence.end):
        if spans and position < spans[-1][1]:
            continue  # inside the previous match: finditer would not report an overlapping one either
        if found := match_at(pattern, index.match_text, position, sentence.end):
            spans.append((found.start(), found.end()))
    return spans


def _candidates(
    index: DocumentIndex,
    pattern: regex.Pattern[str],
    mask: int | None,
    ranges: list[tuple[int, int]] | None,
    leading: frozenset[str] | None = None,
) -> Iterator[tuple[int, int, int]]:
    """(sentence index, match start, match end) for each sentence where ``pattern`` matches.

    ``mask``: the candidate sentences (a bitset: those inside ``ranges`` that hold the pattern's literals),
    or None when the pattern has no literal to filter on.
    """
    if mask is None:
        yield from _scan(index, pattern, ranges)
        return
    if leading is None and mask.bit_count() * _SCAN_BREAK_EVEN > len(index.sentences):
        # a common literal: one pass over the text beats many per-sentence searches
        yield from _scan(index, pattern, ranges)
        return
    for i in bits(mask):  # only sentences containing every required literal can match
        matches = _sentence_matches(index, pattern, leading, i)
        for start, end in matches:  # every match: the first may be negated where a later one is not
            yield i, start, end
        if not matches and i in index.header_of and _matches_with_header(index, pattern, i):
            sentence = index.sentences[i]
            yield i, sentence.start, sentence.end


def _scan(
    index: DocumentIndex, pattern: regex.Pattern[str], ranges: list[tuple[int, int]] | None
) -> Iterator[tuple[int, int, int]]:
    text = index.match_text
    seen: set[int] = set()
    retried: set[int] = set()
    for lo, hi in ranges or [(0, len(text))]:
        for match in finditer(pattern, text, lo, hi):
            at = index.sentence_at(match.start())
            if at is None:
                continue
            if match.end() > index.sentences[at].end:
                # The match ran across a sentence boundary and consumed text a real match may start in:
                # search each sentence it touched on its own.
                last = index.sentence_at(match.end() - 1)
                for i in range(at, (last if last is not None else at) + 1):
                    if i in retried:
                        continue
                    retried.add(i)
                    sentence = index.sentences[i]
                    for inner in finditer(pattern, text, sentence.start, sentence.end):
                        seen.add(i)
                        yield i, inner.start(), inner.end()
                continue
            seen.add(at)
            yield at, match.start(), match.end()
    for i in index.header_of:
        if (
            i not in seen
            and _within(ranges, index.sentences[i].start)
            and _matches_with_header(index, pattern, i)
        ):
            yield i, index.sentences[i].start, index.sentences[i].end


def _matches_with_header(index: DocumentIndex, pattern: regex.Pattern[str], row: int) -> bool:
    """Read a table row with its header: "P1 | 15 minutes" under "Priority | Response time"."""
    header, body = index.sentences[index.header_of[row]], index.sentences[row]
    text = index.match_text
    return search(pattern, f"{text[header.start : header.end]} | {text[body.start : body.end]}") is not None


def pattern_hits(
    index: DocumentIndex,
    signals: CompiledSignals,
    ranges: list[tuple[int, int]] | None = None,
    outside: tuple[regex.Pattern[str], ...] = (),
) -> list[Hit]:
    """One hit per sentence that matches any pattern (first pattern wins), in document order."""
    text = index.match_text
    outside = (*outside, *signals.outside)
    found: dict[int, Hit] = {}
    found_mask = 0  # the sentences already hit: a later pattern need not be matched against them
    allowed = index.range_mask(ranges) if ranges is not None else None
    required = _required_mask(index, signals)
    if required is not None:
        # a sentence without the literals of every ``all`` pattern fails _sentence_ok whatever it matches
        allowed = required if allowed is None else allowed & required
    if allowed == 0:
        return []
    for pattern, plan, leading in zip(signals.any, signals.any_plans, signals.any_leading, strict=True):
        mask = index.candidate_mask(plan)
        if mask is not None:
            mask &= ~found_mask if allowed is None else allowed & ~found_mask
        if mask == 0:
            continue  # no sentence holds the pattern's literals: so for most patterns in most documents
        for i, match_start, match_end in _candidates(index, pattern, mask, ranges, leading):
            if i in found:
                continue
            sentence = index.sentences[i]
            if signals.negation and _negated(text, sentence.start, match_start):
                continue
            if _in_cross_reference(index, sentence.start, sentence.end, match_start) or _pointer_entry(
                index, sentence.section
            ):
                continue
            if index.in_contents(i):
                continue  # a table-of-contents line names the clause; the clause itself is the evidence
            if _sentence_ok(index, signals, i, outside):
                found[i] = Hit(sentence.start, sentence.end, match_start, match_end, "pattern")
                found_mask |= 1 << i
    return [found[i] for i in sorted(found)]


def _required_mask(index: DocumentIndex, signals: CompiledSignals) -> int | None:
    """The sentences that hold the literals of every ``all`` pattern (None: nothing to filter on)."""
    required: int | None = None
    for plan in signals.all_plans:
        mask = index.plan_mask(plan)
        if mask is not None:
            required = mask if required is None else required & mask
    return required


def _heading_match(
    patterns: list[tuple[regex.Pattern[str], frozenset[int] | None]], position: int, heading: str
) -> regex.Match[str] | None:
    for pattern, holding in patterns:
        if holding is not None and position not in holding:
            continue  # the heading lacks the pattern's literals: it cannot match
        if match := search(pattern, heading):
            return match
    return None


def heading_hits(
    index: DocumentIndex,
    signals: CompiledSignals,
    ranges: list[tuple[int, int]] | None = None,
    outside: tuple[regex.Pattern[str], ...] = (),
) -> list[Hit]:
    """Sections whose heading matches and that have a body; evidence is the heading and first sentence."""
    patterns: list[tuple[regex.Pattern[str], frozenset[int] | None]] = []
    positions: set[int] = set()
    for pattern, literals in zip(signals.headings, signals.heading_literals, strict=True):
        holding = index.headings_with(literals) if literals is not None else None
        if holding is None:
            positions.update(range(len(index.headed_sections)))
        elif holding:
            positions.update(holding)
        else:
            continue
        patterns.append((pattern, holding))
    hits: list[Hit] = []
    excluded = (*outside, *signals.outside)
    for position in sorted(positions):
        section, heading = index.headed_sections[position]
        if not _within(ranges, section.start):
            continue
        match = _heading_match(patterns, position, heading)
        if match is None or any(search(p, heading) for p in signals.not_):
            continue
        if any(s.heading and search(p, s.heading) for s in index.ancestry(section) for p in excluded):
            continue  # "Exclusions" under an Indemnification heading is about indemnities
        body = index.sentences_in(section.start, section.end)
        if len(body) < 2 and section.end - section.start < 120:
            continue  # a heading with nothing under it is a table-of-contents line, not a provision
        if _pointer_entry(index, section):
            continue  # a definition pointing to the section that has the provision
        first = index.sentences[body[0]] if body else None
        end = index.sentences[body[1]].end if len(body) > 1 else (first.end if first else section.end)
        if looks_like_contents(index.text[section.start : min(end, section.end)]):
            continue  # a heading of the table of contents: what follows it is more contents lines
        offset = index.text.find(section.heading or heading, section.start, section.end)  # same length
        match_start = offset + match.start() if offset >= 0 else section.start
        hits.append(
            Hit(
                section.start, min(end, section.end), match_start, match_start + len(match.group()), "heading"
            )
        )
    return hits
