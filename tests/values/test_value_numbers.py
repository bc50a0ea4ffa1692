import pytest

from msp_contract.values.numbers import find_numbers, format_number, parse_number, words_to_number


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("ninety", 90),
        ("twenty-four", 24),
        ("one hundred twenty", 120),
        ("one hundred and twenty", 120),
        ("four (4)", 4),
        ("ninety (90)", 90),
        ("thirty(30)", 30),
        ("30 (thirty)", 30),
        ("one-half", 0.5),
        ("1,000,000", 1_000_000),
        ("99.95", 99.95),
        ("two thousand five hundred", 2500),
        ("fourteen", 14),
    ],
)
def test_parse_number(phrase: str, value: float) -> None:
    assert parse_number(phrase) == value


def test_digits_win_over_mismatched_words() -> None:
    # drafters fix the figure, not the word
    assert parse_number("thirty (60)") == 60


def test_words_not_a_number() -> None:
    assert words_to_number("banana") is None


def test_find_numbers_spans_cover_contract_form() -> None:
    text = "within thirty (30) calendar days"
    (match,) = find_numbers(text)
    assert (match.value, text[match.start : match.end]) == (30, "thirty (30)")


def test_and_does_not_join_separate_numbers() -> None:
    assert [m.value for m in find_numbers("between thirty and sixty days")] == [30, 60]


def test_fourteen_is_not_four() -> None:
    assert [m.value for m in find_numbers("fourteen days")] == [14]


def test_format_number() -> None:
    assert (format_number(90.0), format_number(99.95), format_number(0.5)) == ("90", "99.95", "0.5")
