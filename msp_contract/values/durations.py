"""Durations: "within four (4) Business Hours", "not less than ninety (90) days", "2-4 hours", "one year".

A Duration carries its unit as written (so "12 months" stays "12 months"), whether it counts business or
calendar time, and the bound the drafting puts on it ("no later than" = at most, "at least" = at least).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from .numbers import DIGITS_PATTERN, NUMBER_PATTERN, format_number, parse_number
from .terms import DEFAULT_CALENDAR, BusinessCalendar

Unit = Literal["minutes", "hours", "days", "weeks", "months", "years"]
Qualifier = Literal["at_least", "at_most", "exactly"]

_HOURS_PER: dict[str, float] = {
    "minutes": 1 / 60, "hours": 1.0, "days": 24.0, "weeks": 168.0, "months": 730.5, "years": 8766.0,
}  # fmt: skip
_UNIT_WORDS = {
    "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months", "year": "years", "years": "years",
}  # fmt: skip
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b"
_KIND = r"(?:(?P<kind>business|working|calendar|consecutive|clock|elapsed|full|additional|further)[\s-]+)?"
_NUM = NUMBER_PATTERN
_AT_MOST = (
    r"within|no\s+later\s+than|not\s+later\s+than|not\s+more\s+than|no\s+more\s+than|up\s+to|"
    r"a\s+maximum\s+of|maximum\s+of|at\s+most|not\s+to\s+exceed|not\s+exceeding|less\s+than|"
    r"in\s+no\s+event\s+more\s+than|no\s+longer\s+than"
)
_AT_LEAST = r"at\s+least|not\s+less\s+than|no\s+less\s+than|a\s+minimum\s+of|minimum\s+of|not\s+fewer\s+than|more\s+than"
_EXACTLY = r"exactly|precisely|for\s+a\s+(?:period|term)\s+of|period\s+of|term\s+of"

_DURATION = re.compile(
    rf"(?:(?P<qual>{_AT_MOST}|{_AT_LEAST}|{_EXACTLY})\s+(?:the\s+|a\s+|an\s+)?)?"
    rf"(?:between\s+(?P<lo>{_NUM})\s+and\s+|(?P<lo2>{DIGITS_PATTERN})\s*[-–—]\s*(?=\d)|(?P<lo3>{_NUM})\s+(?:to|or)\s+)?"
    rf"(?P<num>{_NUM})(?:\s*\(\s*\d+\s*\))?[\s~-]*\)?[\s-]*{_KIND}(?P<unit>{_UNIT})",
    re.IGNORECASE,
)
# Every duration ends in a unit word, and each spelling of _UNIT starts with one of these: text without any
# is skipped in one quick scan (the full pattern is tried at every position: most of its cost).
_UNIT_HINT = re.compile(r"min|hour|hr|day|week|month|year", re.IGNORECASE)
_AFTER_PRIOR = re.compile(
    r"^['’]?\s*(?:s['’]\s*)?(?:\(\s*\w+\s*\)\s*)?(?:prior|in\s+advance|advance|before|preceding)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time found in text; ``text[start:end]`` is the phrase including its qualifier."""

    value: float
    unit: Unit
    business: bool | None  # True: business/working time; False: explicitly calendar; None: not said
    qualifier: Qualifier | None
    start: int
    end: int
    max_value: float | None = None  # upper bound of a range ("2-4 hours": value 2, max_value 4)

    def to_hours(self, calendar: BusinessCalendar = DEFAULT_CALENDAR) -> float:
        """Length in hours. Business days count the contract's business hours per day (working time)."""
        if self.business and self.unit == "days":
            return self.value * calendar.hours_per_day
        if self.business and self.unit == "weeks":
            return self.value * calendar.hours_per_day * calendar.days_per_week
        return self.value * _HOURS_PER[self.unit]

    def to_days(self, calendar: BusinessCalendar = DEFAULT_CALENDAR) -> float:
        """Length in days. Business hours become business days using the contract's hours per day."""
        if self.business and self.unit == "hours":
            return self.value / calendar.hours_per_day
        if self.business and self.unit in {"days", "weeks"}:
            return self.value * (calendar.days_per_week if self.unit == "weeks" else 1)
        return self.value * _HOURS_PER[self.unit] / 24

    @property
    def normalized(self) -> str:
        """'90 days', '1 year', '4 business hours', '2-4 hours'."""
        number = format_number(self.value)
        if self.max_value is not None:
            number = f"{number}-{format_number(self.max_value)}"
        plural = self.max_value is not None or self.value != 1
        unit = self.unit if plural else self.unit[:-1]
        return f"{number} business {unit}" if self.business else f"{number} {unit}"

    def __str__(self) -> str:
        return self.normalized

    def shifted(self, offset: int) -> Duration:
        """The same duration with its span moved by ``offset`` (from a sentence into the whole text)."""
        return dataclasses.replace(self, start=self.start + offset, end=self.end + offset)


def find_durations(text: str) -> tuple[Duration, ...]:
    """Every duration phrase in ``text``, with qualifier, business/calendar flag and range."""
    if _UNIT_HINT.search(text) is None:
        return ()
    found: list[Duration] = []
    for match in _DURATION.finditer(text):
        duration = _from_match(text, match)
        if duration is not None:
            found.append(duration)
    return tuple(found)


def parse_duration(phrase: str) -> Duration | None:
    """The first duration in a short phrase ("thirty (30) calendar days")."""
    found = find_durations(phrase)
    return found[0] if found else None


def _from_match(text: str, match: re.Match[str]) -> Duration | None:
    value = parse_number(match.group("num"))
    if value is None:
        return None
    low_text = match.group("lo") or match.group("lo2") or match.group("lo3")
    low = parse_number(low_text) if low_text else None
    unit: Unit = _UNIT_WORDS[match.group("unit").lower()]  # type: ignore[assignment]
    kind = (match.group("kind") or "").lower()
    business = True if kind in {"business", "working"} else False if kind == "calendar" else None
    if business is None and re.match(
        r"\s*business\s+hours", text[match.end() - len(match.group("unit")) :], re.I
    ):
        business = True
    qualifier = _qualifier(match.group("qual"), text[match.end() : match.end() + 30])
    if low is not None and low < value:
        return Duration(low, unit, business, qualifier, match.start(), match.end(), max_value=value)
    return Duration(value, unit, business, qualifier, match.start(), match.end())


def _qualifier(word: str | None, after: str) -> Qualifier | None:
    if word:
        low = re.sub(r"\s+", " ", word.lower())
        if re.fullmatch(_AT_MOST, low):
            return "at_most"
        if re.fullmatch(_AT_LEAST, low):
            return "at_least"
        return "exactly"
    # "ninety (90) days prior written notice": notice given in advance is a minimum.
    if _AFTER_PRIOR.match(after):
        return "at_least"
    return None
