import pytest

from msp_contract.values.law import find_governing_law, governing_law


@pytest.mark.parametrize(
    ("text", "jurisdiction"),
    [
        ("This Agreement shall be governed by the laws of the State of New York.", "New York"),
        (
            "This Agreement is governed by the laws of the State of Delaware, without regard to conflict of laws "
            "principles of any other jurisdiction, including California.",
            "Delaware",
        ),
        ("This Agreement shall be governed by the laws of England and Wales.", "England and Wales"),
        ("This Agreement shall be construed in accordance with English law.", "England"),
        (
            "This Agreement shall be governed by the laws of the province of Ontario, Canada.",
            "Ontario, Canada",
        ),
        (
            "This Agreement shall be governed by the laws of the Province of Ontario and the federal laws of "
            "Canada applicable therein.",
            "Ontario, Canada",
        ),
        ("This Agreement shall be governed by PRC laws.", "People's Republic of China"),
        (
            "This Agreement is governed by the laws of the People’s Republic of China.",
            "People's Republic of China",
        ),
        (
            "This Agreement is governed by the laws of the Federal Republic of Germany.",
            "Federal Republic of Germany",
        ),
        (
            "The validity of this Agreement shall be governed by the laws of the People's Republic of China.",
            "People's Republic of China",
        ),
        ("This Agreement shall be governed by the laws of the Commonwealth of Virginia.", "Virginia"),
        (
            "This Agreement shall be governed by the laws, other than choice of law rules, of the State of Florida.",
            "Florida",
        ),
        (
            "This Agreement is made in the State of Nevada and shall be governed by the laws thereof.",
            "Nevada",
        ),
        (
            "This Agreement is governed by the laws of the United States and, to the extent not inconsistent, by "
            "the laws of the Commonwealth of Kentucky.",
            "Kentucky",
        ),
        ("This Agreement shall be governed by the laws of the Netherlands.", "Netherlands"),
    ],
)
def test_governing_law(text: str, jurisdiction: str) -> None:
    law = governing_law(text)
    assert law is not None
    assert law.jurisdiction == jurisdiction


def test_country_filled_in() -> None:
    law = governing_law("governed by the laws of the State of Texas")
    assert law is not None and law.country == "United States"


def test_corporate_status_is_not_governing_law() -> None:
    text = (
        "The Company is a corporation organized under the laws of the State of Tennessee and governed by its board. "
        "This Agreement shall be construed in accordance with the laws of the State of New York."
    )
    law = governing_law(text)
    assert law is not None and law.jurisdiction == "New York"


def test_no_choice_of_law() -> None:
    assert governing_law("The Supplier shall comply with all applicable laws.") is None
    assert find_governing_law("Courts in Texas have jurisdiction over disputes.") == ()


def test_span_is_the_sentence() -> None:
    text = "Intro. This Agreement is governed by the laws of Japan. End."
    law = governing_law(text)
    assert law is not None
    assert text[law.start : law.end] == "This Agreement is governed by the laws of Japan."


def test_disputes_decided_pursuant_to_the_laws_of_a_place() -> None:
    law = governing_law(
        "Any action to set aside an arbitral award shall be brought before the District Court of Taipei as the "
        "court of first instance pursuant to the laws of the R.O.C.."
    )
    assert law is not None and law.jurisdiction == "Taiwan"


def test_organized_pursuant_to_the_laws_of_is_not_a_choice_of_law() -> None:
    assert (
        governing_law("Vendor, a corporation organized pursuant to the laws of Texas, shall deliver.") is None
    )
