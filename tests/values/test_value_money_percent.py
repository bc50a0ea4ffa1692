import pytest

from msp_contract.values.money import cap_basis, find_money
from msp_contract.values.percent import find_percentages


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$1,000,000", 1_000_000, "USD"),
        ("USD 50,000", 50_000, "USD"),
        ("one million dollars", 1_000_000, "USD"),
        ("£2.5 million", 2_500_000, "GBP"),
        ("EUR 10k", 10_000, "EUR"),
        ("500,000 euros", 500_000, "EUR"),
    ],
)
def test_money(text: str, amount: float, currency: str) -> None:
    (money,) = find_money(text)
    assert (money.amount, money.currency) == (amount, currency)


def test_words_and_bracketed_figure_count_once() -> None:
    text = "one million dollars ($1,000,000)"
    (money,) = find_money(text)
    assert text[money.start : money.end] == "one million dollars"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("99.9%", 99.9),
        ("99.5 per cent", 99.5),
        ("five percent", 5),
        ("ninety-nine percent (99%)", 99),
        ("10 %", 10),
    ],
)
def test_percentages(text: str, value: float) -> None:
    (pct,) = find_percentages(text)
    assert pct.value == value
    assert (pct.start, pct.end) == (0, len(text))


def test_cap_basis_fees_in_preceding_twelve_months() -> None:
    text = "shall not exceed the fees paid or payable in the twelve (12) months preceding the claim"
    basis = cap_basis(text)
    assert basis is not None
    assert (basis.kind, basis.multiple) == ("fees_paid_or_payable", 1.0)
    assert basis.lookback is not None and basis.lookback.normalized == "12 months"
    assert text[basis.start : basis.end] == "fees paid or payable in the twelve (12) months"


def test_cap_basis_multiple() -> None:
    basis = cap_basis("two times (2x) the annual fees payable under this Agreement")
    assert basis is not None and (basis.kind, basis.multiple) == ("fees_payable", 2.0)


def test_cap_basis_none_without_fees() -> None:
    assert cap_basis("the weather in Paris") is None
