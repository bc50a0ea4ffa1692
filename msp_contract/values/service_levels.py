"""Service-level measures: availability targets, response/resolution times by priority, service credits.

Each extractor reads any text (a sentence, clause or whole contract) and returns frozen values whose spans
index into that text. Each is deliberately narrow: a percentage is an availability target only inside
availability language, and a duration is a response time only next to respond/resolve/restore wording.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from ..budget import within_budget
from ._text import sentence_spans, sentences_matching
from .durations import Duration, find_durations
from .percent import Percentage, find_percentages
from .terms import DEFAULT_CALENDAR, BusinessCalendar, parse_hours, parse_weekdays

Window = Literal["day", "week", "month", "quarter", "year"]
TimeKind = Literal["response", "resolution", "restore", "update", "workaround"]

_AVAILABILITY = re.compile(
    r"\b(?:availab(?:le|ility)|up[\s-]?time|accessib(?:le|ility)|operational|downtime|service\s+level|"
    r"system\s+(?:is\s+)?up)\b",
    re.I,
)
# "99% of the shares", "a 99% discount": percentages about something other than service uptime.
_NOT_AVAILABILITY = re.compile(
    r"\s*(?:of\s+(?:the\s+)?(?:\w+\s+)?(?:shares?|stock|equity|voting|capital|interest|units?|outstanding|"
    r"fees?|price|revenue|amount|purchase|invoice|cost|charges?|payments?|sales?|tickets?|calls?|incidents?|"
    r"requests?|cases?)\b|discount|off\b|rebate|interest|commission|royalt|markup|of\s+all\s+(?:calls|tickets|"
    r"incidents|requests))",
    re.I,
)
_NOT_AVAILABILITY_BEFORE = re.compile(
    r"(?:discount|rebate|interest|royalty|commission|shares?|equity|own\w*)\W+(?:\w+\W+){0,3}$", re.I
)
# How far before a percentage _NOT_AVAILABILITY_BEFORE looks: its keyword and three words. Searching the whole
# sentence before each percentage made a long unpunctuated "sentence" quadratic.
_BEFORE_WINDOW = 120
_WINDOWS: tuple[tuple[str, Window], ...] = (
    (r"per\s+(?:calendar\s+)?month|each\s+(?:calendar\s+)?month|monthly|in\s+any\s+(?:calendar\s+)?month|"
     r"(?:calendar\s+)?month(?:ly)?\s+(?:basis|period|measurement)", "month"),
    (r"per\s+(?:calendar\s+)?quarter|each\s+(?:calendar\s+)?quarter|quarterly|in\s+any\s+(?:calendar\s+)?quarter", "quarter"),
    (r"per\s+(?:calendar\s+|contract\s+)?year|each\s+(?:calendar\s+|contract\s+)?year|annual(?:ly)?|per\s+annum|yearly", "year"),
    (r"per\s+week|each\s+week|weekly", "week"),
    (r"per\s+day|each\s+day|daily", "day"),
)  # fmt: skip
_EXCLUSIONS = {
    "scheduled maintenance": r"(?:scheduled|planned|routine|pre-?arranged)\s+(?:maintenance|downtime|outages?)",
    "emergency maintenance": r"emergency\s+(?:maintenance|changes?)",
    "force majeure": r"force\s+majeure",
    "customer-caused": r"(?:caused\s+by|attributable\s+to)\s+(?:the\s+)?(?:customer|client)|customer(?:'s)?\s+(?:acts?|"
                       r"omissions?|equipment|network|breach)",
    "third-party": r"third[\s-]part(?:y|ies)(?:\s+(?:services?|networks?|providers?|failures?))?",
    "internet/network outside control": r"(?:internet|network)s?\s+(?:outside|beyond)",
}  # fmt: skip
_MEASURED_BY = re.compile(
    r"\b(?:measured|monitored|calculated|determined|reported)\s+by\s+(?:the\s+)?(?P<who>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?|"
    r"customer|client|provider|supplier|vendor|contractor|service\s+provider|an?\s+independent\s+third\s+party)",
    re.I,
)
_PRIORITY = re.compile(
    r"\b(?:(?P<kind>priority|severity|sev|level|p|s|class|category)[\s-]*(?P<num>[1-5]|one|two|three|four|five|i{1,3}|iv)\b"
    r"|(?P<word>critical|urgent|emergency|high|medium|moderate|normal|low|minor|major)(?:\s+(?:priority|severity|"
    r"impact|incidents?|issues?|faults?|problems?|defects?))?\b)",
    re.I,
)
_KINDS: tuple[tuple[str, TimeKind], ...] = (
    (r"respon(?:d|ded|se|ses|ding)|acknowledg\w*|answer\w*|pick[\s-]?up|callback|call\s+back", "response"),
    (r"resol(?:ve|ved|ution|ving)|fix(?:ed|es)?|repair\w*|rectif\w+|clos(?:e|ed|ure)", "resolution"),
    (r"restor(?:e|ed|ation|ing)", "restore"),
    (r"work[\s-]?around", "workaround"),
    (r"updates?|status\s+reports?|progress\s+reports?", "update"),
)
_KINDS_BEFORE = tuple((re.compile(rf"\b(?:{pattern})\b", re.I), kind) for pattern, kind in _KINDS)
_KINDS_AFTER = tuple(
    # right after the duration, never across a conjunction: "4 hours to resolve", "4 hours (resolution)",
    # but not the next measure in "respond within 15 minutes and resolve within 4 hours"
    (re.compile(rf"[\s(:-]+(?:(?:to|for|of)\s+)?(?:the\s+)?(?:{pattern})\b", re.I), kind)
    for pattern, kind in _KINDS
)
_INCIDENT = re.compile(
    r"\b(?:incidents?|tickets?|faults?|outages?|defects?|problems?|service\s+requests?|requests?|calls?|"
    r"priority|severity|sev\s*\d|P[1-5]|critical|urgent|errors?|issues?|failures?)\b",
    re.I,
)
_NOT_INCIDENT = re.compile(
    r"\b(?:disputes?|RTO|RPO|recovery\s+(?:time|point)\s+objective|escalat\w+\s+(?:procedure|to\s+(?:the\s+)?"
    r"(?:steering|executive|senior))|not\s+(?:been\s+)?(?:resolved|fixed|responded\s+to|restored))\b",
    re.I,
)
_PAYMENT = re.compile(r"\b(?:invoice|payable|payment|paid|pay)\b", re.I)
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "i": "1", "ii": "2", "iii": "3",
                 "iv": "4"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class AvailabilityTarget:
    percent: float
    window: Window | None  # measurement period: "per calendar month" -> "month"
    exclusions: tuple[str, ...]  # normalized: "scheduled maintenance", "force majeure", ...
    measured_by: str | None
    start: int  # the percentage
    end: int
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class ResponseTime:
    priority: str | None  # normalized "P1".."P5", or "critical"/"high"/... as written
    kind: TimeKind
    duration: Duration
    coverage: str | None  # "24x7", "business hours (08:00-18:00 Mon-Fri)"
    start: int  # the sentence (or table row) stating it
    end: int


@dataclass(frozen=True, slots=True)
class CreditTier:
    threshold_percent: float | None  # upper bound of the tier: the credit applies below this service level
    credit_percent: float  # % of the (monthly) fees credited
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ServiceCredits:
    tiers: tuple[CreditTier, ...]
    cap_percent: float | None  # maximum credits / amount at risk, % of fees
    claim_deadline: Duration | None
    sole_remedy: bool
    start: int
    end: int


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, further split at semicolons and line breaks so list items and table-like lines stand alone."""
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        cursor = start
        for match in re.finditer(r";|\n", text[start:end]):
            out.append((cursor, start + match.start()))
            cursor = start + match.end()
        out.append((cursor, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _window(sentence: str) -> Window | None:
    for pattern, window in _WINDOWS:
        if re.search(pattern, sentence, re.I):
            return window
    return None


def _is_availability(line: str, pct: Percentage, offset: int) -> bool:
    """Whether a percentage of ``line`` (which speaks of availability) is an uptime target."""
    local_start, local_end = pct.start - offset, pct.end - offset
    if not 80 <= pct.value <= 100:
        return False
    before = line[max(0, local_start - _BEFORE_WINDOW) : local_start]
    return not (_NOT_AVAILABILITY.match(line, local_end) or _NOT_AVAILABILITY_BEFORE.search(before))


def availability_targets(text: str) -> tuple[AvailabilityTarget, ...]:
    """Uptime commitments: "99.9% availability per calendar month, excluding scheduled maintenance"."""
    found: list[AvailabilityTarget] = []
    for start, end in within_budget(sentences_matching(text, _AVAILABILITY)):
        sentence = text[start:end]
        exclusions = tuple(
            name for name, pattern in _EXCLUSIONS.items() if re.search(pattern, sentence, re.I)
        )
        who = _MEASURED_BY.search(sentence)
        window = _window(sentence)
        for line_start, line_end in _lines(sentence):
            line = sentence[line_start:line_end]
            if _is_credit_tier(line) or not _AVAILABILITY.search(line):
                continue
            for pct in find_percentages(line):
                offset = start + line_start
                shifted = Percentage(pct.value, pct.start + offset, pct.end + offset)
                if _is_availability(line, shifted, offset):
                    found.append(
                        AvailabilityTarget(
                            pct.value, window, exclusions, who.group("who") if who else None,
                            shifted.start, shifted.end, start, end,
                        )
                    )  # fmt: skip
    return tuple(found)


def _lines(sentence: str) -> list[tuple[int, int]]:
    """Line spans: a chart row ("Target Availability | 99.9%") is judged on its own."""
    spans, cursor = [], 0
    for match in re.finditer(r"\n", sentence):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(sentence)))
    return spans


def _is_credit_tier(line: str) -> bool:
    """A credit tier ("below 99.5%: 10% credit") states a remedy, not the target itself."""
    if not re.search(r"\bcredit", line, re.I):
        return False
    return not re.search(
        r"\b(?:shall|will|must)\b[^.]{0,60}\b(?:be\s+)?(?:available|availability)", line, re.I
    )


def normalize_priority(label: str) -> str:
    """ "Priority 1"/"Severity 1"/"Sev1"/"P1" -> "P1"; "Critical" -> "critical"."""
    match = _PRIORITY.search(label)
    if not match:
        return label.strip().lower()
    if match.group("num"):
        num = match.group("num").lower()
        return "P" + _NUMBER_WORDS.get(num, num)
    return match.group("word").lower()


def _kind_before(sentence: str, position: int, end: int) -> TimeKind | None:
    """The response/resolution keyword closest before the duration at ``position`` (or just after its ``end``,
    for "4 hours to resolve")."""
    best: tuple[int, TimeKind] | None = None
    window = sentence[max(0, position - 90) : position]  # a keyword further back belongs to another measure
    for pattern, kind in _KINDS_BEFORE:
        for match in pattern.finditer(window):
            if best is None or match.start() > best[0]:
                best = (match.start(), kind)
    if best is not None:
        return best[1]
    # matched in place, not on a slice: copying the rest of a long sentence for every duration is quadratic
    return next((kind for pattern, kind in _KINDS_AFTER if pattern.match(sentence, end)), None)


def _stated_coverage(sentence: str) -> tuple[str | None, bool]:
    """The coverage a sentence states ("24x7", "08:00-18:00 Mon-Fri"), and whether it speaks of business
    hours or days: read once per sentence, not once per duration in it."""
    if re.search(r"24\s*(?:x|/|×)\s*7|24\s+hours\s+a\s+day|round[\s-]the[\s-]clock", sentence, re.I):
        return "24x7", False
    hours, days = parse_hours(sentence), parse_weekdays(sentence)
    if hours and days:
        return BusinessCalendar(hours[0], hours[1], days).describe(), False
    return None, bool(re.search(r"business\s+hours|working\s+hours|business\s+days", sentence, re.I))


def _coverage(stated: tuple[str | None, bool], duration: Duration, calendar: BusinessCalendar) -> str | None:
    coverage, business_words = stated
    if coverage is not None:
        return coverage
    if duration.business or business_words:
        return f"business hours ({calendar.describe()})"
    return None


def response_times(text: str, calendar: BusinessCalendar = DEFAULT_CALENDAR) -> tuple[ResponseTime, ...]:
    """Response/resolution/restore/update times per priority from prose. Pass the contract's calendar
    (``find_definitions(text).calendar``) so coverage reads "business hours (08:00-18:00 Mon-Fri)"."""
    found: list[ResponseTime] = []
    for start, end in within_budget(_clauses(text)):
        sentence = text[start:end]
        if not _INCIDENT.search(sentence) or _NOT_INCIDENT.search(sentence):
            continue
        priorities = list(_PRIORITY.finditer(sentence))
        priority_starts = [p.start() for p in priorities]
        stated: tuple[str | None, bool] | None = None
        for duration in find_durations(sentence):
            if duration.unit in {"months", "years"}:
                continue
            if _PAYMENT.search(sentence[max(0, duration.start - 40) : duration.end + 30]):
                continue  # "payable within 30 days of invoice"
            kind = _kind_before(sentence, duration.start, duration.end)
            if kind is None:
                continue
            # the last priority named before the duration, else the first one after it
            before = bisect.bisect_left(priority_starts, duration.start)
            label = priorities[before - 1] if before else priorities[0] if priorities else None
            stated = stated or _stated_coverage(sentence)
            found.append(
                ResponseTime(
                    normalize_priority(label.group(0)) if label else None,
                    kind,
                    duration.shifted(start),
                    _coverage(stated, duration, calendar),
                    start,
                    end,
                )
            )
    return tuple(found)


_SOLE = re.compile(r"\bsole\s+(?:and\s+exclusive\s+)?(?:remedy|remedies|liability)|\bexclusive\s+remed", re.I)
_CAP = re.compile(
    r"(?:shall\s+not\s+exceed|not\s+to\s+exceed|maximum|capped\s+at|cap\s+of|up\s+to|at[\s-]risk|in\s+no\s+event|"
    r"limited\s+to|no\s+more\s+than|not\s+more\s+than|aggregate)",
    re.I,
)


def service_credits(text: str) -> ServiceCredits | None:
    """Credit regime: tiers (threshold -> credit %), cap / amount at risk, claim deadline, sole-remedy wording."""
    if not re.search(r"\bcredit", text, re.I):
        return None
    tiers: list[CreditTier] = []
    cap: float | None = None
    deadline: Duration | None = None
    for start, end in within_budget(_clauses(text)):
        clause = text[start:end]
        pcts = find_percentages(clause)
        cap_match = _CAP.search(clause)
        if re.search(r"credit", clause, re.I) and cap_match and pcts and cap is None:
            after_cap = [p for p in pcts if p.start >= cap_match.start() and p.value <= 100]
            if after_cap and re.search(r"\b(?:fees?|charges?)\b", clause, re.I) and after_cap[0].value < 80:
                cap = after_cap[0].value
                continue
        levels = [p for p in pcts if p.value >= 80]
        credits = [p for p in pcts if p.value < 80]
        # a tier names the credit, or continues a list of tiers ("below 99.0%, 10% of the monthly fees")
        credit_context = re.search(r"credit|rebate|reduction", clause, re.I) or (tiers and levels)
        if credits and credit_context and not cap_match:
            # the tier's upper bound: "99.00% - 99.89%" and "less than 99.9% but at least 99%" both start below it
            threshold = max(p.value for p in levels) if levels else None
            tiers.append(CreditTier(threshold, credits[-1].value, start, end))
        if (
            deadline is None
            and re.search(r"credit", clause, re.I)
            and re.search(r"\b(?:claim|request|notify|notice|submit|apply\s+for)", clause, re.I)
        ):
            deadline = next(
                (d.shifted(start) for d in find_durations(clause) if d.qualifier == "at_most"), None
            )
    sole = bool(_SOLE.search(text))
    if not tiers and cap is None and deadline is None and not sole:
        return None
    return ServiceCredits(tuple(tiers), cap, deadline, sole, 0, len(text))
