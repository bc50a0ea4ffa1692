"""The closed set of value checks a rule may name (``value:`` in a rule file).

Each takes the text of one sentence (or clause) and returns the values it states, with spans relative to
that text. ``number`` is the comparable quantity in the unit the check documents (percent, hours, days), so
a policy threshold can be applied to it. The extraction itself lives in ``msp_contract.values``; this
module only adapts it to the engine's one shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .values.deal import incident_notification, recovery_objectives
from .values.durations import Duration, find_durations
from .values.law import find_governing_law
from .values.renewal import term_and_renewal
from .values.service_levels import availability_targets, service_credits


@dataclass(frozen=True, slots=True)
class FoundValue:
    display: str  # normalized, e.g. "99.5%", "90 days", "New York"
    number: float | None  # comparable quantity (percent, hours, days), None for names
    start: int
    end: int


ValueCheck = Callable[[str], list[FoundValue]]


def _governing_law(text: str) -> list[FoundValue]:
    return [FoundValue(law.jurisdiction, None, law.start, law.end) for law in find_governing_law(text)]


def _renewal_term(text: str) -> list[FoundValue]:
    """CUAD's format: "successive 1 year" for evergreen renewals, "1 year" for a single one, "perpetual"."""
    terms = term_and_renewal(text)
    if terms.renewal_term is not None:
        duration = terms.renewal_term
        display = f"successive {duration.normalized}" if terms.renewal_successive else duration.normalized
        return [FoundValue(display, duration.to_days(), duration.start, duration.end)]
    if terms.renewal_perpetual and terms.renewal_span:
        return [FoundValue("perpetual", None, *terms.renewal_span)]
    return []


_CALENDAR_DAYS = {"months": 30, "years": 365}  # as contracts and day-counted policies count them


def _policy_days(duration: Duration) -> float:
    """A duration in days for a policy in days: "three months' notice" is the 90-day window, not the 91.3 days
    of an average month, which would fail a 90-day policy."""
    per_unit = _CALENDAR_DAYS.get(duration.unit)
    return duration.value * per_unit if per_unit is not None else duration.to_days()


def _non_renewal_notice(text: str) -> list[FoundValue]:
    notice = term_and_renewal(text).non_renewal_notice
    return [FoundValue(notice.normalized, _policy_days(notice), notice.start, notice.end)] if notice else []


def _as_hours(duration: Duration) -> FoundValue:
    return FoundValue(duration.normalized, duration.to_hours(), duration.start, duration.end)


def _duration_hours(text: str) -> list[FoundValue]:
    """Any stated duration, compared in hours (response times, RTO, notification deadlines)."""
    return [_as_hours(d) for d in find_durations(text)]


def _duration_days(text: str) -> list[FoundValue]:
    """Any stated duration, compared in days (notice periods, transition assistance, data return)."""
    return [FoundValue(d.normalized, _policy_days(d), d.start, d.end) for d in find_durations(text)]


def _availability_percent(text: str) -> list[FoundValue]:
    """Availability targets as percent, with their window ("99.9% per month")."""
    found = []
    for target in availability_targets(text):
        window = f" per {target.window}" if target.window else ""
        found.append(FoundValue(f"{target.percent:g}%{window}", target.percent, target.start, target.end))
    return found


def _incident_notice_hours(text: str) -> list[FoundValue]:
    """Security-incident notification deadlines in hours; "without undue delay" alone states no number."""
    return [_as_hours(n.deadline) for n in incident_notification(text) if n.deadline is not None]


def _rto_hours(text: str) -> list[FoundValue]:
    rto = recovery_objectives(text).rto
    return [_as_hours(rto)] if rto is not None else []


def _credit_cap_percent(text: str) -> list[FoundValue]:
    """The share of fees at risk as service credits ("up to 15% of the monthly fees")."""
    credits = service_credits(text)
    if credits is None or credits.cap_percent is None:
        return []
    return [FoundValue(f"{credits.cap_percent:g}% of fees", credits.cap_percent, credits.start, credits.end)]


VALUE_CHECKS: dict[str, ValueCheck] = {
    "availability_percent": _availability_percent,
    "incident_notice_hours": _incident_notice_hours,
    "rto_hours": _rto_hours,
    "credit_cap_percent": _credit_cap_percent,
    "governing_law": _governing_law,
    "renewal_term": _renewal_term,
    "notice_period_to_terminate_renewal": _non_renewal_notice,
    "duration_hours": _duration_hours,
    "duration_days": _duration_days,
}
