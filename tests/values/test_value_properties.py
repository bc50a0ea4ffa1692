"""Property tests: spans always index the input, and numbers survive being written in words."""

from hypothesis import given, settings
from hypothesis import strategies as st

from msp_contract.values.durations import find_durations
from msp_contract.values.numbers import parse_number
from msp_contract.values.renewal import notice_periods

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[rest]}" if rest else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" {_words(rest)}" if rest else "")


@given(st.integers(min_value=0, max_value=999))
def test_words_round_trip(n: int) -> None:
    assert parse_number(_words(n)) == n
    assert parse_number(f"{_words(n)} ({n})") == n


@given(st.integers(min_value=1, max_value=365), st.sampled_from(["days", "hours", "months", "Business Days"]))
def test_contract_form_duration(n: int, unit: str) -> None:
    text = f"Supplier shall act within {_words(n)} ({n}) {unit} of the request."
    (duration,) = find_durations(text)
    assert duration.value == n
    assert duration.qualifier == "at_most"
    assert text[duration.start : duration.end] == f"within {_words(n)} ({n}) {unit}"


_PIECES = [*"abc 019.,;%$()-\n", " days", " notice", " within", " thirty", " prior", " invoice", " (30)"]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_spans_are_inside_text(text: str) -> None:
    for duration in find_durations(text):
        assert 0 <= duration.start < duration.end <= len(text)
    for notice in notice_periods(text):
        assert 0 <= notice.start <= notice.duration.start < notice.duration.end <= notice.end <= len(text)
