"""Percentages: "99.9%", "99.5 per cent", "ninety-nine percent (99%)", "five percent (5%)"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import DIGITS_PATTERN, NUMBER_PATTERN, format_number, parse_number

_PCT = r"(?:\s?%|\s*per\s*cent\b|\s*percent(?:age)?\b|\s*pct\b)"
# "ninety-nine point nine percent (99.9%)": words then the figure in brackets is one percentage.
_PERCENT = re.compile(
    rf"(?P<num>{NUMBER_PATTERN}|{DIGITS_PATTERN}){_PCT}(?:\s*\(\s*(?P<fig>{DIGITS_PATTERN})\s*%?\s*\))?", re.I
)


@dataclass(frozen=True, slots=True)
class Percentage:
    value: float  # 99.9 for "99.9%"
    start: int
    end: int

    @property
    def normalized(self) -> str:
        return f"{format_number(self.value)}%"


def find_percentages(text: str) -> tuple[Percentage, ...]:
    """Every percentage in ``text`` with its span."""
    found: list[Percentage] = []
    for match in _PERCENT.finditer(text):
        figure = match.group("fig")
        value = float(figure) if figure else parse_number(match.group("num"))
        if value is not None:
            found.append(Percentage(value, match.start(), match.end()))
    return tuple(found)
