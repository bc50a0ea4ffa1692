"""Numbers as contracts write them: digits, words, "four (4)", "thirty (30)", "one-half".

Everything here is pure text-in, values-out; spans are offsets into the string passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_FRACTIONS = {
    "half": 0.5, "one-half": 0.5, "one half": 0.5, "a half": 0.5, "one-third": 1 / 3, "one third": 1 / 3,
    "two-thirds": 2 / 3, "two thirds": 2 / 3, "one-quarter": 0.25, "one quarter": 0.25,
    "three-quarters": 0.75, "three quarters": 0.75,
}  # fmt: skip

# Longest words first so "fourteen" is not read as "four" + "teen".
_WORD = "(?:" + "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)) + ")"
# "and" only joins after a scale word: "one hundred and twenty" is one number, "thirty and sixty" is two.
_SEP = r"(?:[ \t]*-[ \t]*|\s+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)"
WORDS_PATTERN = rf"\b{_WORD}(?:{_SEP}{_WORD}\b)*\b"
DIGITS_PATTERN = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_FRACTION_STRICT = (
    r"\b(?:one[\s-]half|a\s+half|one[\s-]third|two[\s-]thirds|one[\s-]quarter|three[\s-]quarters)\b"
)

# The contract form writes the number twice: "ninety (90)", "30 (thirty)". One match, digits win.
NUMBER_PATTERN = (
    rf"(?:{_FRACTION_STRICT}"
    rf"|{WORDS_PATTERN}(?:\s*\(\s*{DIGITS_PATTERN}\s*\))?"
    rf"|{DIGITS_PATTERN}(?:\s*\(\s*{WORDS_PATTERN}\s*\))?)"
)
_NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)
_DIGITS_RE = re.compile(DIGITS_PATTERN)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number found in text: ``text[start:end]`` is the whole phrase ("ninety (90)")."""

    value: float
    start: int
    end: int


def words_to_number(phrase: str) -> float | None:
    """Value of a number written in words ("one hundred twenty", "twenty-four", "one-half")."""
    cleaned = re.sub(r"\s+", " ", phrase.strip().lower())
    if cleaned in _FRACTIONS:
        return _FRACTIONS[cleaned]
    tokens = [t for t in re.split(r"[\s-]+", cleaned) if t and t != "and"]
    if not tokens:
        return None
    total, current = 0, 0
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
    return float(total + current)


def parse_number(phrase: str) -> float | None:
    """Value of one number phrase: "4", "1,000", "four (4)", "ninety", "one-half". None if not a number."""
    text = phrase.strip()
    digits = _DIGITS_RE.search(text)
    if digits:  # in "four (4)" the digits are authoritative: drafters fix the figure, not the word
        return float(digits.group(0).replace(",", ""))
    return words_to_number(text)


def find_numbers(text: str) -> tuple[NumberMatch, ...]:
    """Every number phrase in ``text`` with its span."""
    found: list[NumberMatch] = []
    for match in _NUMBER_RE.finditer(text):
        value = parse_number(match.group(0))
        if value is not None:
            found.append(NumberMatch(value, match.start(), match.end()))
    return tuple(found)


def format_number(value: float) -> str:
    """'90' for 90.0, '99.95' for 99.95: integral values print without a decimal point."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")
