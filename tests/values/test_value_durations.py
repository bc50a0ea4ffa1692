import re

import pytest

from msp_contract.values.durations import Duration, find_durations, parse_duration
from msp_contract.values.terms import find_definitions


def _one(text: str) -> Duration:
    found = find_durations(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "normalized", "qualifier", "business"),
    [
        ("within four (4) Business Hours", "4 business hours", "at_most", True),
        ("not less than ninety (90) days", "90 days", "at_least", None),
        ("at least 30 days", "30 days", "at_least", None),
        ("no later than 72 hours", "72 hours", "at_most", None),
        ("thirty (30) calendar days", "30 days", None, False),
        ("one (1) year", "1 year", None, None),
        ("twenty-four hours", "24 hours", None, None),
        ("two (2) Business Days", "2 business days", None, True),
        ("5 working days", "5 business days", None, True),
        ("for a period of twelve (12) months", "12 months", "exactly", None),
        ("15 mins", "15 minutes", None, None),
    ],
)
def test_durations(text: str, normalized: str, qualifier: str | None, business: bool | None) -> None:
    duration = _one(text)
    assert (duration.normalized, duration.qualifier, duration.business) == (normalized, qualifier, business)


def test_prior_to_means_at_least() -> None:
    assert _one("sixty (60) days prior to the expiration").qualifier == "at_least"
    assert _one("90 days' prior written notice").qualifier == "at_least"


def test_hyphenated_adjective_forms() -> None:
    assert _one("a thirty-day notice").normalized == "30 days"
    assert _one("successive one-year terms").normalized == "1 year"
    assert _one("five (5)-year terms").normalized == "5 years"


def test_ranges() -> None:
    hyphen = _one("2-4 hours")
    assert (hyphen.value, hyphen.max_value, hyphen.normalized) == (2, 4, "2-4 hours")
    between = _one("between 30 and 60 days")
    assert (between.value, between.max_value, between.normalized) == (30, 60, "30-60 days")


def test_span_includes_qualifier() -> None:
    text = "Supplier will respond within 15 minutes."
    duration = _one(text)
    assert text[duration.start : duration.end] == "within 15 minutes"


def test_conversions_default_calendar() -> None:
    assert _one("90 days").to_hours() == 2160
    assert _one("1 year").to_days() == pytest.approx(365.25)
    assert _one("30 minutes").to_hours() == 0.5
    assert _one("2 business days").to_hours() == 16  # 09:00-17:00 by default


def test_conversions_use_contract_definition_of_business_hours() -> None:
    text = (
        '"Business Hours" means 8:00 a.m. to 6:00 p.m. Monday to Friday, excluding public holidays. '
        "Supplier shall resolve P2 incidents within 2 Business Days and P3 within 5 Business Hours."
    )
    calendar = find_definitions(text).calendar
    two_days, five_hours = find_durations(text)
    assert two_days.to_hours(calendar) == 20
    assert five_hours.to_days(calendar) == 0.5


def test_parse_duration_none_without_unit() -> None:
    assert parse_duration("ninety (90)") is None
    assert find_durations("Section 5.2 and 99.9%") == ()


def test_unit_hint_finds_every_unit_spelling() -> None:
    """find_durations skips text without a unit hint: every spelling the full pattern accepts has one."""
    from msp_contract.values.durations import _UNIT, _UNIT_HINT, _UNIT_WORDS

    spellings = _UNIT.removeprefix("(?:").removesuffix(r")\b").split("|")
    assert len(spellings) == 8
    for word in _UNIT_WORDS:
        assert any(re.fullmatch(s, word) for s in spellings), word
        assert _UNIT_HINT.search(word.upper()) and _UNIT_HINT.search(word.title()), word
    for spelling in spellings:
        stem = spelling.removesuffix("?")[:-1] if spelling.endswith("?") else spelling
        assert _UNIT_HINT.match(stem), spelling
