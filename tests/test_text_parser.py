"""Plain text and Markdown: paragraphs, numbering lines, markup removed from quotes, input errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import msp_contract as mc


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_hard_wrapped_paragraphs_are_joined_and_numbered_lines_split(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.txt",
        "1. Services. Provider shall provide\nthe services.\n2. Fees. Customer shall pay.\n",
    )
    document = mc.load(path)
    assert document.text == "1. Services. Provider shall provide the services.\n2. Fees. Customer shall pay."
    assert [s.id for s in document.sections] == ["1", "2"]


def test_wide_gaps_of_text_converted_from_pdf_are_line_breaks(tmp_path: Path) -> None:
    # Converted text runs the page's lines together and keeps each break as a wide gap.
    source = (
        "1. Term     This Agreement runs for 18 months.     2. SEV's Obligations     In consideration of the "
        "charges SEV shall give at least     (30) days notice of any planned work.\n"
    )
    document = mc.load(write(tmp_path, "c.txt", source))
    assert [(s.id, s.heading) for s in document.sections] == [("1", "Term"), ("2", "SEV's Obligations")]
    # a gap inside a sentence is not a new clause "(30)": the sentence stays whole
    assert "at least (30) days notice" in document.text
    assert "(30)" not in [s.number for s in document.sections]


def test_a_capitals_heading_right_under_a_clause_starts_a_block(tmp_path: Path) -> None:
    source = (
        "SERVICE LEVELS\n(a) Provider shall respond within 15 minutes.\n(b) Provider shall restore service.\n"
        "DISASTER RECOVERY\n(a) Provider shall keep a recovery plan.\n(b) Provider shall test the plan.\n"
    )
    document = mc.load(write(tmp_path, "c.txt", source))
    assert "DISASTER RECOVERY" in document.text.split("\n")
    section = document.section_at(document.text.index("keep a recovery plan"))
    assert section is not None and section.parent is not None
    assert next(s for s in document.sections if s.id == section.parent).heading == "DISASTER RECOVERY"


@pytest.mark.parametrize(
    "line",
    [
        "IN NO EVENT SHALL EITHER PARTY",  # the first line of a capitalised provision
        "MERCHANTABILITY AND FITNESS FOR A",
        "PURCHASER:",  # a signature block's label
        '"ACME ONLINE"',  # a trade mark in a list
    ],
)
def test_capitals_that_are_not_a_heading_stay_in_their_paragraph(tmp_path: Path, line: str) -> None:
    source = f"1. Warranty. Provider warrants the services.\n{line}\nsomething more.\n"
    document = mc.load(write(tmp_path, "c.txt", source))
    assert len(document.blocks) == 1


def test_markdown_markup_and_html_do_not_leak_into_text(tmp_path: Path) -> None:
    source = '# Terms\n\n**7. Support**. Provider *will* provide [Support](https://x.test) <span class="a">daily</span>.\n'
    document = mc.load(write(tmp_path, "c.md", source))
    assert document.text == "Terms\n7. Support. Provider will provide Support daily."
    assert [s.id for s in document.sections] == ["s1", "7"]
    assert document.sections[1].heading == "Support"


def test_markdown_tables_are_tables(tmp_path: Path) -> None:
    source = "| Priority | Response |\n|---|---|\n| P1 | 15 minutes |\n| P2 | 1 hour |\n"
    document = mc.load(write(tmp_path, "t.md", source))
    assert len(document.tables) == 1
    assert document.tables[0].rows(document.text) == [
        ["Priority", "Response"],
        ["P1", "15 minutes"],
        ["P2", "1 hour"],
    ]


def test_markdown_wrapped_enumeration_stays_in_its_paragraph(tmp_path: Path) -> None:
    source = "5. Outage means downtime, excluding unavailability caused by\n(a) maintenance or (b) misuse.\n"
    document = mc.load(write(tmp_path, "c.md", source))
    assert [s.id for s in document.sections] == ["5"]
    listed = mc.load(write(tmp_path, "d.md", "5. Exclusions:\n(a) maintenance;\n(b) misuse.\n"))
    assert [s.id for s in listed.sections] == ["5", "5(a)", "5(b)"]


def test_markdown_tables_without_outer_pipes(tmp_path: Path) -> None:
    source = "Intro.\n\nLevel | Uptime | Credit\n--- | --- | ---\nTier 1 | 99.0% | 5%\n\nAfter."
    document = mc.load(write(tmp_path, "t.md", source))
    assert document.tables[0].rows(document.text) == [
        ["Level", "Uptime", "Credit"],
        ["Tier 1", "99.0%", "5%"],
    ]
    assert document.text.endswith("\nAfter.")


def test_windows_1252_and_nbsp_are_normalized(tmp_path: Path) -> None:
    document = mc.load(write(tmp_path, "c.txt", "Provider\xa0shall pay “fees”.".encode("cp1252")))
    assert document.text == "Provider shall pay “fees”."


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.txt", b"", mc.EmptyFileError),
        ("blank.txt", b"  \n\n ", mc.EmptyFileError),
        ("fake.pdf", b"hello, I am text", mc.FormatMismatchError),
        ("fake.docx", b"plain text, not a zip", mc.FormatMismatchError),
        ("real.txt", b"%PDF-1.7\n...", mc.FormatMismatchError),
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00", mc.FormatMismatchError),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, mc.UnsupportedFormatError),
        ("sheet.xlsx", b"a,b,c", mc.UnsupportedFormatError),
    ],
)
def test_bad_input_gets_a_typed_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes, error: type
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(error) as raised:
        mc.load(path)
    assert name in str(raised.value)
    assert isinstance(raised.value, mc.InputError)


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(mc.MissingFileError, match="no such file"):
        mc.load(tmp_path / "nope.pdf")
    with pytest.raises(mc.NotAFileError, match="directory"):
        mc.load(tmp_path)


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(mc.ResourceLimitError, match="max_bytes"):
        mc.load(path, limits=mc.Limits(max_bytes=100))
