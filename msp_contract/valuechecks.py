"""The closed set of value checks a rule may name (``value:`` in a rule file).

Each takes the text of one sentence and returns the values it states, with spans relative to that text.
``number`` is the comparable quantity in the unit the check documents (percent, hours, days), so a policy
threshold can be applied to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FoundValue:
    display: str  # normalized, e.g. "99.5%", "90 days", "New York"
    number: float | None  # comparable quantity (percent, hours, days), None for names
    start: int
    end: int


ValueCheck = Callable[[str], list[FoundValue]]

VALUE_CHECKS: dict[str, ValueCheck] = {}
