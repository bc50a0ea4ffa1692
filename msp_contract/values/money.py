"""Money and liability-cap bases: "$1,000,000", "USD 50,000", "one million dollars", "£2.5 million", and
"the fees paid or payable in the twelve (12) months preceding the claim" as a typed CapBasis."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .durations import Duration, find_durations
from .numbers import DIGITS_PATTERN, NUMBER_PATTERN, WORDS_PATTERN, parse_number
from .percent import find_percentages

_SYMBOLS = {"$": "USD", "US$": "USD", "U.S.$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "C$": "CAD", "A$": "AUD",
            "CA$": "CAD", "AU$": "AUD", "HK$": "HKD", "S$": "SGD", "₹": "INR"}  # fmt: skip
_CODES = "USD|EUR|GBP|CAD|AUD|JPY|CHF|CNY|RMB|HKD|SGD|INR|NZD|SEK|NOK|DKK|ZAR|MXN|BRL"
_WORD_CURRENCY = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY",
                  "yuan": "CNY", "renminbi": "CNY", "franc": "CHF", "rupee": "INR"}  # fmt: skip
_SCALE = r"(?:\s*(?P<scale{n}>million|billion|thousand|mm|m|bn|k)\b)?"
_SYMBOL_ALT = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_MONEY = re.compile(
    rf"(?:(?P<sym>{_SYMBOL_ALT})\s?|(?P<code>{_CODES})\s?)(?P<num>{DIGITS_PATTERN}|{WORDS_PATTERN}){_SCALE.format(n=1)}"
    rf"|(?P<num2>{NUMBER_PATTERN}){_SCALE.format(n=2)}\s*(?:(?P<code2>{_CODES})\b|(?:(?:US|U\.S\.|united\s+states|canadian|"
    rf"australian)\s+)?(?P<word>dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yen|yuan|renminbi|francs?|rupees?)\b)",
    re.I,
)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mm": 1e6, "billion": 1e9, "bn": 1e9}

BasisKind = Literal["fees_paid", "fees_payable", "fees_paid_or_payable", "contract_value", "annual_fees",
                    "monthly_fees", "insurance", "other"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str | None  # ISO code when the text says; None for a bare figure
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CapBasis:
    """A cap expressed relative to fees rather than as an amount."""

    kind: BasisKind
    multiple: float  # "two times (2x) the fees" -> 2.0; "the fees" -> 1.0
    lookback: Duration | None  # "in the twelve (12) months preceding the claim"
    start: int
    end: int


def find_money(text: str) -> tuple[Money, ...]:
    """Every monetary amount with its currency; "one million dollars ($1,000,000)" counts once."""
    found: list[Money] = []
    for match in _MONEY.finditer(text):
        money = _money_from(match)
        if money is None:
            continue
        if found and found[-1].amount == money.amount and 0 <= money.start - found[-1].end <= 3:
            continue  # the bracketed repeat of the same figure
        found.append(money)
    return tuple(found)


def _money_from(match: re.Match[str]) -> Money | None:
    raw = match.group("num") or match.group("num2")
    value = parse_number(raw) if raw else None
    if value is None:
        return None
    scale = (match.group("scale1") or match.group("scale2") or "").lower()
    value *= _SCALES.get(scale, 1.0)
    currency: str | None
    if match.group("sym"):
        currency = _SYMBOLS.get(match.group("sym").upper(), _SYMBOLS.get(match.group("sym")))
    elif match.group("code") or match.group("code2"):
        currency = (match.group("code") or match.group("code2")).upper()
        currency = "CNY" if currency == "RMB" else currency
    else:
        word = (match.group("word") or "").lower().split()[0].rstrip("s")
        currency = _WORD_CURRENCY.get(word)
    return Money(value, currency, match.start(), match.end())


_MULTIPLE = re.compile(
    rf"(?P<n>{NUMBER_PATTERN}|one\s+and\s+(?:one[\s-])?half)\s*(?:\(\s*\d+(?:\.\d+)?\s*[x×]?\s*\)\s*)?"
    r"(?:times|x|×)\b|\b(?P<word>twice|double|triple|thrice)\b|(?P<pct>\d+(?:\.\d+)?)\s*%\s+of",
    re.I,
)
_FEES = re.compile(
    r"\b(?:(?:total|aggregate|annual|monthly|yearly)\s+)?(?:fees|charges|amounts?|sums?|compensation|consideration|"
    r"price|contract\s+value|value\s+of\s+(?:this|the)\s+(?:agreement|contract))\b",
    re.I,
)


def cap_basis(text: str) -> CapBasis | None:
    """The fee-based measure of a liability cap, if the text states one."""
    fees = _FEES.search(text)
    if not fees:
        return None
    window = text[fees.start() : fees.start() + 300]
    low = window.lower()
    paid = re.search(r"\bpaid\b", low) is not None
    payable = re.search(r"\bpayable|\bdue\b|to\s+be\s+paid", low) is not None
    kind: BasisKind
    if "contract value" in low or "value of" in low:
        kind = "contract_value"
    elif paid and payable:
        kind = "fees_paid_or_payable"
    elif paid:
        kind = "fees_paid"
    elif payable:
        kind = "fees_payable"
    elif re.search(r"annual|yearly|per\s+(?:year|annum)", low):
        kind = "annual_fees"
    elif re.search(r"monthly|per\s+month", low):
        kind = "monthly_fees"
    else:
        kind = "other"
    lookback = _lookback(window, fees.start())
    end = lookback.end if lookback else fees.end()
    return CapBasis(kind, _multiple(text[: fees.start()]), lookback, _basis_start(text, fees.start()), end)


_YEAR_WINDOW = re.compile(
    r"\b(?:in|during|for)\s+(?:that|any|each|the\s+(?:relevant|same|then[\s-]current))\s+"
    r"(?:contract\s+|calendar\s+)?year\b|\bper\s+(?:contract\s+)?(?:year|annum)\b",
    re.I,
)


def _lookback(window: str, offset: int) -> Duration | None:
    """The period whose fees set the cap: "in the twelve (12) months preceding the claim", "in that year"."""
    for d in find_durations(window):
        context = window[max(0, d.start - 30) : d.end + 40]
        if re.search(r"preced|prior|before|last|previous|immediately", context, re.I):
            return Duration(d.value, d.unit, d.business, None, d.start + offset, d.end + offset)
    year = _YEAR_WINDOW.search(window)
    if year:
        return Duration(1.0, "years", None, None, year.start() + offset, year.end() + offset)
    return None


def _multiple(before: str) -> float:
    """Multiplier written just before the fees phrase: "two times (2x)", "twice", "150% of"."""
    pcts = find_percentages(before[-80:])
    if pcts and re.fullmatch(r"\s*\)?\s*of\s+(?:the\s+)?(?:\w+\s+)?", before[-80:][pcts[-1].end :]):
        return pcts[-1].value / 100
    matches = list(_MULTIPLE.finditer(before[-60:]))
    match = matches[-1] if matches else None
    if match is None:
        return 1.0
    if match.group("word"):
        return {"twice": 2.0, "double": 2.0, "triple": 3.0, "thrice": 3.0}[match.group("word").lower()]
    if match.group("pct"):
        return float(match.group("pct")) / 100
    phrase = match.group("n").lower()
    if "half" in phrase and "and" in phrase:
        return 1.5
    return parse_number(phrase) or 1.0


def _basis_start(text: str, fees_start: int) -> int:
    matches = list(_MULTIPLE.finditer(text, max(0, fees_start - 60), fees_start))
    return matches[-1].start() if matches else fees_start
