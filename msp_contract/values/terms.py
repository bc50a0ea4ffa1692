"""A contract's own defined terms, and the business calendar ("Business Hours", "Business Day") they set.

Contracts redefine ordinary words: "Business Hours means 8:00 a.m. to 6:00 p.m. Monday to Friday" makes
"4 Business Hours" and "2 Business Days" mean something specific to that contract, so duration conversion
and coverage descriptions read the calendar from here rather than assuming 9-to-5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..budget import within_budget
from ._text import sentence_spans

_Q = "\"“”'‘’"
# "Business Day" means ... / “Business Hours” shall mean ... / Business Hours means ... / "X": ...
_MEANS = re.compile(
    rf"(?:(?<=^)|(?<=[\s(]))[{_Q}]?(?P<term>[A-Z][\w&/-]*(?:\s+(?:of\s+|and\s+|[A-Z][\w&/-]*)){{0,5}}?)[{_Q}]?"
    r"(?:\s+or\s+[\"“]?[A-Z][\w\s-]{0,40}?[\"”]?)?\s*(?:\(\w+\)\s*)?"
    r"(?:shall\s+mean|means|shall\s+have\s+the\s+meaning|has\s+the\s+meaning|is\s+defined\s+as|:)\s",
)
# (the "Initial Term") / (each, a “Renewal Term”) — inline definitions name the preceding phrase.
_INLINE = re.compile(
    rf"\((?:[^()]{{0,40}}?\b(?:the|a|an|each|as)\b\s*)?[{_Q}](?P<term>[A-Z][^{_Q}]{{1,60}})[{_Q}]\)"
)

_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY = r"(?:mon|tues?|wed|thu(?:rs)?|fri|sat|sun)[a-z]*\.?"
_DAY_RANGE = re.compile(rf"\b(?P<a>{_DAY})\s*(?:to|through|thru|until|-|–|—)\s*(?P<b>{_DAY})", re.I)
_TIME = r"(?P<h{n}>\d{{1,2}})(?:[:.](?P<m{n}>\d{{2}}))?\s*(?P<ap{n}>a\.?\s?m\.?|p\.?\s?m\.?|hrs|h)?"
_TIME_RANGE = re.compile(_TIME.format(n=1) + r"\s*(?:to|until|through|-|–|—)\s*" + _TIME.format(n=2), re.I)


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined term and its definition sentence; ``text[start:end]`` is that sentence."""

    term: str
    body: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Working time: minutes after midnight for opening/closing and weekdays (0=Monday)."""

    open_minute: int = 9 * 60
    close_minute: int = 17 * 60
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    excludes_holidays: bool = True
    defined: bool = False  # False: the default assumption, not read from the contract
    start: int | None = None
    end: int | None = None

    @property
    def hours_per_day(self) -> float:
        return (self.close_minute - self.open_minute) / 60

    @property
    def days_per_week(self) -> int:
        return len(self.weekdays)

    def describe(self) -> str:
        """'08:00-18:00 Mon-Fri' (or '24x7')."""
        if self.hours_per_day >= 24 and self.days_per_week == 7:
            return "24x7"
        names = [d[:3].title() for d in _DAYS]
        days = self.weekdays
        contiguous = list(days) == list(range(days[0], days[-1] + 1)) if days else False
        day_text = (
            f"{names[days[0]]}-{names[days[-1]]}"
            if contiguous and len(days) > 1
            else ",".join(names[d] for d in days)
        )
        open_h, open_m = divmod(self.open_minute, 60)
        close_h, close_m = divmod(self.close_minute, 60)
        return f"{open_h:02d}:{open_m:02d}-{close_h:02d}:{close_m:02d} {day_text}"


DEFAULT_CALENDAR = BusinessCalendar()


@dataclass(frozen=True, slots=True)
class Definitions:
    items: tuple[Definition, ...]
    calendar: BusinessCalendar

    def get(self, term: str) -> Definition | None:
        """The definition of ``term`` (case-insensitive, singular or plural)."""
        key = _key(term)
        for item in self.items:
            if _key(item.term) == key:
                return item
        return None


def _key(term: str) -> str:
    return re.sub(r"\(s\)|s$", "", term.strip().lower())


def find_definitions(text: str) -> Definitions:
    """Defined terms ("X means ...", '(the "X")') and the business calendar they imply."""
    items: list[Definition] = []
    seen: set[str] = set()
    for start, end in within_budget(sentence_spans(text)):
        sentence = text[start:end]
        for term, body in _definitions_in(sentence):
            if _key(term) not in seen:
                seen.add(_key(term))
                items.append(Definition(term, body, start, end))
    found = tuple(items)
    return Definitions(found, business_calendar(found))


def _definitions_in(sentence: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    head = _MEANS.match(sentence.lstrip("0123456789.() \t"))
    if head:
        body_start = head.end()
        out.append((head.group("term").strip(), sentence.lstrip("0123456789.() \t")[body_start:].strip()))
    for match in _INLINE.finditer(sentence):
        out.append((match.group("term").strip(), sentence[: match.start()].strip()))
    return out


def parse_hours(text: str) -> tuple[int, int] | None:
    """(open, close) minutes after midnight from "8:00 a.m. to 6:00 p.m.", "08:00-18:00", "9am-5pm"."""
    if re.search(r"24\s*(?:x|/|×|\*)\s*7|twenty-four\s+hours?\s+a\s+day|24\s+hours\s+a\s+day", text, re.I):
        return 0, 24 * 60
    match = _TIME_RANGE.search(text)
    if not match:
        return None
    first = _minutes(match.group("h1"), match.group("m1"), match.group("ap1"))
    second = _minutes(match.group("h2"), match.group("m2"), match.group("ap2"))
    if first is None or second is None or second <= first:
        return None
    return first, second


def _minutes(hour: str, minute: str | None, meridian: str | None) -> int | None:
    h, m = int(hour), int(minute or 0)
    mer = (meridian or "").lower().replace(".", "").replace(" ", "")
    if mer == "pm" and h < 12:
        h += 12
    if mer == "am" and h == 12:
        h = 0
    if h > 24 or m > 59:
        return None
    return h * 60 + m


def parse_weekdays(text: str) -> tuple[int, ...] | None:
    """Weekdays from "Monday to Friday", "Mon-Fri", "seven days a week", "other than Saturday, Sunday"."""
    low = text.lower()
    if re.search(r"seven\s+days|7\s+days\s+a\s+week|24\s*(?:x|/|×)\s*7|every\s+day", low):
        return tuple(range(7))
    match = _DAY_RANGE.search(text)
    if match:
        a, b = _day_index(match.group("a")), _day_index(match.group("b"))
        if a is not None and b is not None and a <= b:
            return tuple(range(a, b + 1))
    if re.search(
        r"week\s?days?|other\s+than\s+(?:a\s+)?saturday|excluding\s+saturdays?|not\s+a\s+saturday", low
    ):
        return (0, 1, 2, 3, 4)
    return None


def _day_index(name: str) -> int | None:
    low = name.lower()[:3]
    for index, day in enumerate(_DAYS):
        if day.startswith(low):
            return index
    return None


def business_calendar(items: tuple[Definition, ...]) -> BusinessCalendar:
    """The working calendar defined by "Business Hours"/"Business Day"/"Working Hours" definitions, if any."""
    calendar = DEFAULT_CALENDAR
    for item in items:
        key = _key(item.term)
        if key not in {
            "business hour",
            "working hour",
            "business day",
            "working day",
            "support hour",
            "service hour",
            "normal business hour",
            "standard support hour",
        }:
            continue
        hours = parse_hours(item.body)
        days = parse_weekdays(item.body)
        if hours is None and days is None:
            continue
        calendar = BusinessCalendar(
            open_minute=hours[0] if hours else calendar.open_minute,
            close_minute=hours[1] if hours else calendar.close_minute,
            weekdays=days or calendar.weekdays,
            excludes_holidays=bool(re.search(r"holiday", item.body, re.I)) or calendar.excludes_holidays,
            defined=True,
            start=item.start if calendar.start is None else calendar.start,
            end=item.end,
        )
    return calendar
