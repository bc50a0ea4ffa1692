"""The sentence splitter: where a contract's sentences end, and where a period does not end one."""

from __future__ import annotations

from msp_contract.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_periods_of_abbreviations_numbers_and_names_do_not_end_sentences() -> None:
    text = "Acme Inc. shall pay U.S. $5.50 under Sec. 12.3 of the Agreement. The term is one year."
    assert sentences(text) == [
        "Acme Inc. shall pay U.S. $5.50 under Sec. 12.3 of the Agreement.",
        "The term is one year.",
    ]


def test_a_lower_case_continuation_reads_the_period_as_an_unknown_abbreviation() -> None:
    text = "Invoices are due within ten days of inv. receipt by the Customer. Late fees apply."
    assert sentences(text) == [
        "Invoices are due within ten days of inv. receipt by the Customer.",
        "Late fees apply.",
    ]


def test_a_plain_text_bullet_starts_a_sentence() -> None:
    text = "o Provider will deliver systems within 30 days. o Provider will provide free support for 30 days."
    assert sentences(text) == [
        "o Provider will deliver systems within 30 days.",
        "o Provider will provide free support for 30 days.",
    ]
    # an "o" that is a word of the sentence is no bullet
    assert len(sentences("The parties agree. o the contrary, nothing.")) == 1


def test_semicolons_keep_a_list_in_one_sentence_and_newlines_always_split() -> None:
    assert len(sentences("the Provider shall (a) monitor; (b) patch; and (c) report.")) == 1
    assert sentences("Heading\nBody text.") == ["Heading", "Body text."]
