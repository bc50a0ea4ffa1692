"""Term, renewal and notice periods: the clock of the deal.

``term_and_renewal`` reads the initial term, the renewal term ("successive one (1) year periods"), whether
renewal is automatic and how much notice stops it. ``notice_periods`` classifies every "N days' notice" by
purpose, and refuses durations that are payment terms ("payable within 30 days of invoice").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from ..budget import within_budget
from ._text import sentence_spans, sentences_matching
from .durations import Duration, Unit, find_durations
from .numbers import NUMBER_PATTERN, parse_number

NoticePurpose = Literal[
    "non_renewal",
    "termination_for_convenience",
    "termination_for_breach",
    "cure_period",
    "termination",
    "other",
]

_RENEW = re.compile(
    r"\b(?:renew(?:s|ed|al|als|ing)?|extend(?:s|ed)?|extensions?|automatically\s+continue|"
    r"additional\s+(?:\w+\s+){0,2}(?:terms?|periods?)|continue(?:s|d)?\s+(?:automatically|thereafter|"
    r"on\s+a|in\s+(?:full\s+)?(?:force|effect)\s+thereafter))\b|\bmonth[\s-]+to[\s-]+month\b|"
    r"\byear[\s-]+to[\s-]+year\b",
    re.I,
)
_AUTO = re.compile(
    r"\bautomatic(?:ally)?\b|\btacit(?:ly)?\b|\bmonth[\s-]+to[\s-]+month\b|\byear[\s-]+to[\s-]+year\b|"
    r"\bunless\s+(?:either|one|a)\s+party\b|\bunless\s+(?:written\s+)?notice\b|\bcontinue\s+thereafter\b",
    re.I,
)
# Renewal phrased without a number: "successive annual periods", "renewed tacitly every year".
_IMPLICIT_PERIOD = re.compile(
    r"\b(?P<year>annual(?:ly)?|yearly|each\s+year|every\s+year|year[\s-]+to[\s-]+year|per\s+annum|"
    r"additional\s+year|further\s+year|one-year|one\s+year)\b|\b(?P<month>month[\s-]+to[\s-]+month|monthly)\b",
    re.I,
)
_SUCCESSIVE = re.compile(
    r"\b(?:successive|consecutive|subsequent\s+(?:\w+\s+){0,3}(?:periods|terms)|each\s+year|every\s+year|annually|"
    r"annual\s+(?:periods|terms|renewals)|year[\s-]+to[\s-]+year|month[\s-]+to[\s-]+month|one\s+or\s+more|"
    r"each\s+(?:renewal|anniversary|subsequent|successive)|each\s+of\s+the\s+(?:next|following|subsequent|succeeding)|on\s+each|(?:yearly|annual|monthly|quarterly)\s+basis|tacitly|renewals)\b",
    re.I,
)
_THEN_SUCCESSIVE = re.compile(
    r"[^.;]{0,40}?\b(?:and\s+)?thereafter\s+(?:\w+\s+){0,3}(?:successive|consecutive)\b",
    re.I,
)
_SINGLE = re.compile(
    r"\b(?:an|one|a|one\s+\(1\))\s+(?:additional|further|subsequent|extended|renewal|single)\b|"
    r"\bfor\s+a\s+(?:period|term)\s+of\b|\bone\s+(?:\(1\)\s+)?(?:time|occasion)\b",
    re.I,
)
_BEFORE_KEYWORD = re.compile(r"[\s-]*(?:\w+[\s-]+){0,2}\w+", re.I)
_PLURAL_PERIOD = re.compile(
    r"^[\s\-()\d]*(?:\w+\s+)?(?:periods|terms|renewals|extensions|renewal\s+terms)\b", re.I
)
_PERPETUAL = re.compile(
    r"\b(?:unlimited\s+period|perpetual(?:ly)?|indefinite(?:ly)?|in\s+perpetuity)\b", re.I
)
_NOTICE_AFTER = re.compile(
    r"^['’]?s?['’]?\s*(?:\(\s*\w+\s*\)\s*)?(?:prior|in\s+advance|advance|before|preceding|written\s+notice|"
    r"notice|(?:of\s+)?(?:its\s+)?(?:written\s+)?notice)\b",
    re.I,
)
# "upon the following written notice to the other specifying a termination date: sixty (60) days for ..."
# (and every later item of the list: "... and 180 days for ...").
_NOTICE_LIST = re.compile(
    r"\bnotice\b[^.;:]{0,100}:\s*(?:[^.;:]{0,40}?\b(?:days?|weeks?|months?)\b[^.;:]{0,100}(?:,|\band|\bor)\s+)?$",
    re.I,
)
# "no less than 120 prior to the expiry date": a notice period whose unit the drafter left out.
_UNITLESS_NOTICE = re.compile(
    rf"\b(?:at\s+least|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of)\s+(?P<phrase>(?P<num>{NUMBER_PATTERN})"
    r"(?:\s*\(\s*\d+\s*\))?)\s+(?:prior|before|in\s+advance)\b",
    re.I,
)
_NOTICE_BEFORE = re.compile(r"(?:notice|notif\w*|upon|by\s+giving|providing)\W+(?:\w+\W+){0,4}$", re.I)
_INITIAL = re.compile(
    r"initial\s+(?:\w+\s+)?(?:term|period)\s+(?:of|shall\s+be|is|will\s+be)\s+(?:\w+\s+){0,3}$", re.I
)
# "for two years from the date hereof": a period counted from signature is the initial term.
_FROM_START = re.compile(
    r"^\W*(?:from|after|commencing|following|beginning)\s+(?:the\s+|its\s+)?(?:date|effective|execution|"
    r"commencement|signing|launch)",
    re.I,
)
_NON_RENEWAL = re.compile(
    r"\bnot\s+(?:to\s+)?(?:renew|extend)|\bnon[\s-]?renewal\b|\bnot\s+be\s+renewed\b|\bintention\s+to\s+terminate\b|"
    r"\b(?:terminat\w+|cancel\w*)\b[^.;]{0,120}\b(?:end|expiration|expiry|expire)\b|\bunless\b[^.;]{0,80}\bnotice\b|"
    r"\b(?:prior\s+to|before)\s+(?:the\s+|its\s+|such\s+)?(?:end|expiration|expiry)\b|\belects?\s+not\s+to\b|\bto\s+the\s+contrary\b",
    re.I,
)
_PAYMENT = re.compile(r"\b(?:invoice[sd]?|payable|paid|payment|remit\w*|pay)\b", re.I)
_CURE = re.compile(r"\b(?:cure[sd]?|remed(?:y|ied)|rectif\w+)\b", re.I)
_BREACH = re.compile(r"\b(?:breach|default|fail(?:s|ure)?\s+to\s+perform)\b", re.I)
_CONVENIENCE = re.compile(
    r"\b(?:convenience|for\s+any\s+reason|without\s+cause|at\s+any\s+time|for\s+no\s+reason)\b", re.I
)
_TERMINATE = re.compile(r"\b(?:terminat\w+|cancel\w*)\b", re.I)

_NOTICE_WORDS = re.compile(r"\bnotice|notif|\bcure|\bremed", re.I)


@dataclass(frozen=True, slots=True)
class NoticePeriod:
    """A notice period and what it is for; ``text[start:end]`` is the sentence giving it."""

    duration: Duration
    purpose: NoticePurpose
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TermAndRenewal:
    """Initial term, renewal and non-renewal notice; spans are the sentences that state them."""

    initial_term: Duration | None = None
    renewal_term: Duration | None = None
    renewal_successive: bool = False
    renewal_perpetual: bool = False
    renewal_count: int | None = None  # "up to three (3) additional periods": how many renewals are allowed
    auto_renewal: bool | None = None  # None: no renewal clause found
    non_renewal_notice: Duration | None = None
    renewal_span: tuple[int, int] | None = None
    notice_span: tuple[int, int] | None = None
    initial_span: tuple[int, int] | None = None


def _is_notice(sentence: str, duration: Duration) -> bool:
    """True for "ninety (90) days prior ..." / "upon 30 days notice" / "upon the following notice ...: sixty
    (60) days for ...": time given in advance, not a period."""
    after = sentence[duration.end : duration.end + 40]
    before = sentence[max(0, duration.start - 60) : duration.start]
    listed = _NOTICE_LIST.search(sentence[max(0, duration.start - 220) : duration.start])
    return bool(_NOTICE_AFTER.match(after) or _NOTICE_BEFORE.search(before) or listed)


def _renewal_duration(sentence: str, keyword_end: int) -> Duration | None:
    """The renewal period after a renew/extend keyword: the first duration that is not a notice period,
    else an implicit one ("annual periods", "month to month")."""
    for duration in find_durations(sentence):
        if duration.end <= keyword_end and not _BEFORE_KEYWORD.fullmatch(
            sentence[duration.end : keyword_end]
        ):
            continue  # only "one-year renewal terms" may put the period before the keyword
        if _is_notice(sentence, duration):
            continue
        if _INITIAL.search(sentence[: duration.start]) or _FROM_START.match(sentence[duration.end :]):
            continue  # "an initial term of five (5) years ... will renew": five years is the initial term
        each = next((m for m in _EACH_OF.finditer(sentence) if m.end() == duration.end), None)
        if each is not None:  # "for each of the subsequent three years": one year at a time
            unit_each: Unit = "years" if each.group("unit").lower() == "year" else "months"
            return Duration(1.0, unit_each, None, None, each.start(), each.end())
        if duration.unit in {"days", "months", "years", "weeks"}:
            explicit = duration
            break
    else:
        explicit = None
    implicit = next(
        (
            m
            for m in _IMPLICIT_PERIOD.finditer(sentence, max(0, keyword_end - 40))
            if not _NOTICE_AFTER.match(sentence[m.end() : m.end() + 40])  # "sent one year before expiry"
            # "annual renewal" may precede the keyword; "for one year and shall continue thereafter" may not
            and (m.end() >= keyword_end or _BEFORE_KEYWORD.fullmatch(sentence[m.end() : keyword_end]))
        ),
        None,
    )
    if implicit and (explicit is None or implicit.start() < explicit.start):
        unit: Unit = "years" if implicit.group("year") else "months"
        return Duration(1.0, unit, None, None, implicit.start(), implicit.end())
    return explicit


def _successive(sentence: str, keyword_start: int, duration: Duration) -> bool:
    window = sentence[min(keyword_start, duration.start) : duration.end + 15]
    if _SUCCESSIVE.search(window):
        return True
    # "for an additional period of two (2) years, and thereafter for successive periods of two (2) years each"
    then = _THEN_SUCCESSIVE.match(sentence, duration.end)
    if then:  # unless "... and thereafter for successive one (1) year terms" is another period
        later = find_durations(sentence[then.end() : then.end() + 60])
        if not later or (later[0].value, later[0].unit) == (duration.value, duration.unit):
            return True
    if _SINGLE.search(sentence[keyword_start : duration.end]):
        return False
    if re.search(r"\b(?:periods|terms|renewals|extensions)\s+(?:\w+\s+){0,2}(?:of|each)\b", window, re.I):
        return True
    return bool(_PLURAL_PERIOD.match(sentence[duration.end : duration.end + 30]))


def _renewal_sentences(text: str) -> list[tuple[int, int, re.Match[str]]]:
    """Sentences that renew or extend the agreement, with the keyword that makes them one."""
    found = []
    for start, end in within_budget(sentences_matching(text, _RENEW)):
        keyword = _RENEW.search(text[start:end])
        if keyword:
            found.append((start, end, keyword))
    return found


_RENEWS_AGREEMENT = re.compile(
    r"\b(?:renew|extend)\w*\s+(?:the\s+(?:initial\s+)?term\s+of\s+)?this\s+agreement\b|"
    r"\b(?:this\s+agreement|the\s+term)\s+(?:\w+\s+){0,3}(?:renew|extend)",
    re.I,
)


_RENEW_FOR = re.compile(
    rf"\b(?:renew(?:ed|al)?|extend(?:ed)?)\s+(?:\w+\s+){{0,3}}"
    rf"(?:for|by\s+(?:(?:an?|one|additional|further|period|of)\s+){{0,3}}(?:{NUMBER_PATTERN}|year|month))\b",
    re.I,
)
_OPTION = re.compile(
    r"\b(?:option|right|elect(?:s|ion)?)\s+to\s+(?:renew|extend)\b[^.;]{0,160}?\bfor\s+(?:an?\s+|one\s+)?"
    r"(?:\w+\s+(?:\(\d+\)\s+)?)?(?:additional|further|successive|consecutive|subsequent|renewal)\b",
    re.I,
)


def _score(sentence: str) -> int:
    """Prefer sentences that are plainly renewal clauses over passing mentions of "renewal"."""
    score = 0 if re.search(r"\b(?:agreement|term|contract|period|this)\b", sentence, re.I) else -1
    if _AUTO.search(sentence):
        score += 2
    # "renew ... for", "extended by one further year": the sentence gives the renewal period. "You shall have
    # the option to renew the term of this Agreement, on ..., for four (4) additional ...": an optional renewal
    # is as much a renewal clause as an automatic one, however far the period is from the verb.
    if _RENEW_FOR.search(sentence) or _OPTION.search(sentence):
        score += 2
    if re.search(r"\brenewal\s+(?:term|period)\b|\bextension\s+(?:term|period)\b", sentence, re.I):
        score += 1
    if _RENEWS_AGREEMENT.search(sentence):
        score += 1
    if _COUNT.search(sentence):  # "for four (4) additional ten (10) year terms": unmistakably the renewal
        score += 1
    if re.search(
        r"\b(?:licen[cs]e|lease|patent|insurance|registration|permit|visa|exclusiv\w+)\b", sentence, re.I
    ):
        score -= 2
    return score


@dataclass(frozen=True, slots=True)
class _Candidate:
    score: int
    start: int
    end: int
    duration: Duration | None  # offsets already in the full text
    successive: bool
    perpetual: bool


def _candidate(text: str, start: int, end: int, keyword: re.Match[str]) -> _Candidate | None:
    """Read one renewal sentence: the period after the first renew/extend keyword that has one."""
    sentence = text[start:end]
    perpetual = bool(_PERPETUAL.search(sentence, keyword.start()))
    for match in _RENEW.finditer(sentence):
        duration = _renewal_duration(sentence, match.end())
        if duration is not None:
            successive = _successive(sentence, match.start(), duration)
            return _Candidate(_score(sentence), start, end, duration.shifted(start), successive, perpetual)
    return _Candidate(_score(sentence), start, end, None, False, True) if perpetual else None


def term_and_renewal(text: str) -> TermAndRenewal:
    """The contract's term and renewal mechanics: the best-scoring renewal sentence wins (first on ties)."""
    best: _Candidate | None = None
    for start, end, keyword in _renewal_sentences(text):
        candidate = _candidate(text, start, end, keyword)
        if candidate is not None and (best is None or candidate.score > best.score):
            best = candidate
    initial, initial_span = _initial_term(text)
    notice = _non_renewal_notice(text, [(best.start, best.end)] if best else [])
    base = TermAndRenewal(
        initial_term=initial,
        initial_span=initial_span,
        non_renewal_notice=notice[0] if notice else None,
        notice_span=notice[1] if notice else None,
    )
    if best is None:
        return base
    sentence = text[best.start : best.end]
    return replace(
        base,
        renewal_term=best.duration,
        renewal_successive=best.successive,
        renewal_perpetual=best.perpetual and (best.duration is None or bool(_UNLIMITED.search(sentence))),
        renewal_count=_renewal_count(sentence),
        auto_renewal=bool(_AUTO.search(sentence)),
        renewal_span=(best.start, best.end),
    )


_UNLIMITED = re.compile(r"\bunlimited\s+period", re.I)


_COUNT = re.compile(
    rf"(?:up\s+to\s+|for\s+)(?P<n>{NUMBER_PATTERN})\s+(?:additional|further|successive|consecutive)\s+"
    rf"(?:(?:renewal|extension)\s+)?(?:(?:terms|periods)\b|(?:{NUMBER_PATTERN})[\s-]*(?:year|month)s?[\s-]+(?:terms|periods))",
    re.I,
)


# "up to a maximum of three (3) renewals", "no more than two times"
_MAX_RENEWALS = re.compile(
    rf"\b(?:up\s+to\s+)?(?:a\s+maximum\s+of|no\s+more\s+than|not\s+more\s+than|up\s+to|a\s+total\s+of)\s+"
    rf"(?P<n>{NUMBER_PATTERN})(?:\s*\(\s*\d+\s*\))?\s+(?:(?:additional|further)\s+)?"
    r"(?:renewals|extensions|times|occasions|renewal\s+(?:terms|periods)|extension\s+(?:terms|periods))\b",
    re.I,
)
# "for each of the subsequent three years": N renewals of one year (or month) each.
_EACH_OF = re.compile(
    rf"\beach\s+of\s+the\s+(?:next|following|subsequent|succeeding|remaining)\s+(?P<n>{NUMBER_PATTERN})"
    rf"(?:\s*\(\s*\d+\s*\))?[\s-]+(?P<unit>year|month)s?\b",
    re.I,
)
# "extended on a yearly basis up to ten (10) years": renewals of one year, N of them at most.
_BASIS_UP_TO = re.compile(
    rf"\b(?:on\s+an?\s+)?(?P<basis>yearly|annual|monthly)\s+basis\b[^.;]{{0,40}}?\bup\s+to\s+(?:a\s+(?:total|maximum)\s+of\s+)?"
    rf"(?P<n>{NUMBER_PATTERN})(?:\s*\(\s*\d+\s*\))?[\s-]+(?P<unit>year|month)s?\b",
    re.I,
)


def _renewal_count(sentence: str) -> int | None:
    """ "for two (2) additional terms of ten (10) years", "for each of the subsequent three years", "on a yearly
    basis up to ten (10) years": the number of renewals, when limited."""
    match = _COUNT.search(sentence) or _EACH_OF.search(sentence) or _MAX_RENEWALS.search(sentence)
    if match is None:
        basis = _BASIS_UP_TO.search(sentence)
        if basis and (basis["basis"].lower() == "monthly") == (basis["unit"].lower() == "month"):
            match = basis
    value = parse_number(match.group("n")) if match else None
    return int(value) if value is not None and value > 1 else None


def _initial_term(text: str) -> tuple[Duration | None, tuple[int, int] | None]:
    pattern = re.compile(
        r"\b(?:initial\s+(?:\w+\s+)?term|term\s+of\s+this\s+agreement|(?:shall|will)\s+(?:continue|remain)\s+in\s+"
        r"(?:full\s+)?(?:force|effect)|commenc\w+)\b",
        re.I,
    )
    for start, end in within_budget(sentences_matching(text, pattern)):
        sentence = text[start:end]
        keyword = pattern.search(sentence)
        if not keyword:
            continue
        for duration in find_durations(sentence[keyword.start() :]):
            offset = start + keyword.start()
            if duration.unit in {"months", "years"} and not _is_notice(sentence[keyword.start() :], duration):
                return Duration(
                    duration.value,
                    duration.unit,
                    duration.business,
                    duration.qualifier,
                    duration.start + offset,
                    duration.end + offset,
                ), (start, end)
    return None, None


def _non_renewal_notice(text: str, near: list[tuple[int, int]]) -> tuple[Duration, tuple[int, int]] | None:
    """Notice needed to stop renewal: first in the renewal sentence or the two after it, then anywhere."""
    spans = list(sentence_spans(text))
    ordered: list[tuple[int, int]] = []
    for start, _end in near:
        index = next((i for i, span in enumerate(spans) if span[0] >= start), None)
        if index is not None:
            ordered.extend(spans[index : index + 3])
    for index, (start, end) in within_budget(enumerate(ordered + spans)):
        sentence = text[start:end]
        if _PAYMENT.search(sentence):
            continue
        # Next to the renewal clause, any termination notice is the one that stops renewal; elsewhere the
        # sentence itself must be about non-renewal or expiry.
        relevant = _NON_RENEWAL.search(sentence) or (
            index < len(ordered) and re.search(r"\bterminat|\bcancel|\bnotice|\bnotif", sentence, re.I)
        )
        if not relevant:
            continue
        for duration in find_durations(sentence):
            if _is_notice(sentence, duration):
                return Duration(
                    duration.value,
                    duration.unit,
                    duration.business,
                    duration.qualifier or "at_least",
                    duration.start + start,
                    duration.end + start,
                    duration.max_value,
                ), (start, end)
        unitless = _unitless_notice(sentence)
        if unitless is not None:
            return unitless.shifted(start), (start, end)
    return None


def _unitless_notice(sentence: str) -> Duration | None:
    """ "no less than 120 prior to the expiry date": days, the unit of almost every notice period, when the
    number is too large to be months (a bare "3 prior" stays unread)."""
    for match in _UNITLESS_NOTICE.finditer(sentence):
        value = parse_number(match["num"])
        if value is not None and value > 12:
            return Duration(value, "days", None, "at_least", match.start(), match.end("phrase"))
    return None


def _is_payment_term(sentence: str, duration: Duration) -> bool:
    """ "pay ... within 30 days" / "30 days of invoice": a due date, whatever else the sentence says."""
    before = sentence[max(0, duration.start - 40) : duration.start]
    after = sentence[duration.end : duration.end + 50]
    return bool(_PAYMENT.search(before) or re.search(r"\binvoice", after, re.I))


def _purpose(sentence: str) -> NoticePurpose:
    if _NON_RENEWAL.search(sentence) and re.search(
        r"renew|expir|end\s+of\s+the\s+(?:then|initial|current)", sentence, re.I
    ):
        return "non_renewal"
    if _CURE.search(sentence):
        return "cure_period"
    if _TERMINATE.search(sentence) and _BREACH.search(sentence):
        return "termination_for_breach"
    if _TERMINATE.search(sentence) and _CONVENIENCE.search(sentence):
        return "termination_for_convenience"
    if _TERMINATE.search(sentence):
        return "termination"
    return "other"


def notice_periods(text: str) -> tuple[NoticePeriod, ...]:
    """Every notice (or cure) period, classified. Payment terms and response times are not notice periods."""
    found: list[NoticePeriod] = []
    for start, end in within_budget(sentences_matching(text, _NOTICE_WORDS)):
        sentence = text[start:end]
        for duration in find_durations(sentence):
            local = sentence[max(0, duration.start - 80) : duration.end + 60]
            if _is_payment_term(sentence, duration):
                continue  # "payable within 30 days of invoice"
            if not (_is_notice(sentence, duration) or _CURE.search(local)):
                continue
            shifted = duration.shifted(start)
            purpose = _purpose(local) if _CURE.search(local) else _purpose(sentence)
            found.append(NoticePeriod(shifted, purpose, start, end))
        unitless = _unitless_notice(sentence)
        if unitless is not None:
            found.append(NoticePeriod(unitless.shifted(start), _purpose(sentence), start, end))
    return tuple(found)
