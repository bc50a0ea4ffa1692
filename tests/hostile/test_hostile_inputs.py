"""Malformed and hostile contract files: each ends in a typed ``InputError`` naming the file, or a correct
result, within time and memory bounds. Every input is generated here into ``tmp_path``.

Light cases run in-process (time measured around ``load``); heavy ones run in a subprocess
(``hostile_measure.run_case``) that reports wall time, peak RSS and the tracemalloc peak, and that survives a
hang or a native crash. The bounds are generous on purpose: CI is a loaded 2-core machine, and what they catch
is the order-of-magnitude failure (a hang, a quadratic blow-up, an unbounded decompression).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import hostile_make as make
import pytest
from hostile_measure import Outcome, run_case

import msp_contract as mc

LIGHT_SECONDS = 15.0  # a small malformed file: refused or parsed well within this
HEAVY_SECONDS = 90.0  # thousands of pages / 50k paragraphs / multi-MB Markdown with a raised limit
HEAVY_RSS_MB = 1500.0  # peak RSS of the whole child process (interpreter, pdfium and spaCy included)
HEAVY_TRACED_MB = 600.0  # Python allocations during the case


def attempt(path: Path, limits: mc.Limits = mc.DEFAULT_LIMITS) -> tuple[mc.Document | None, Exception | None]:
    """``load`` with a wall-clock bound; anything but a typed InputError fails the test."""
    started = time.perf_counter()
    try:
        document, error = mc.load(path, limits=limits), None
    except mc.InputError as exc:
        document, error = None, exc
        assert str(path) in str(exc), f"the message must name the file: {exc}"
    elapsed = time.perf_counter() - started
    assert elapsed < LIGHT_SECONDS, f"{path.name}: {elapsed:.1f} s"
    return document, error


def expect_error(path: Path, kind: type[mc.InputError], limits: mc.Limits = mc.DEFAULT_LIMITS) -> str:
    document, error = attempt(path, limits)
    assert document is None, f"{path.name} parsed, expected {kind.__name__}"
    assert isinstance(error, kind), f"{path.name}: {type(error).__name__}: {error}"
    return str(error)


def expect_contract(path: Path) -> mc.Document:
    document, error = attempt(path)
    assert error is None, str(error)
    assert document is not None
    assert "99.9% availability" in document.text
    return document


def _flip(data: bytes, lo: int, hi: int, count: int, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        out[rng.randrange(lo, hi)] = rng.randrange(256)
    return bytes(out)


# -- PDF ---------------------------------------------------------------------------------------------------
def test_pdf_cut_in_half_is_corrupt(tmp_path: Path) -> None:
    data = make.contract_pdf()
    expect_error(make.write(tmp_path / "half.pdf", data[: len(data) // 2]), mc.CorruptFileError)
    # With the end-of-file marker faked back on, pdfium itself must still refuse it.
    faked = data[: len(data) // 2] + b"\n%%EOF\n"
    expect_error(make.write(tmp_path / "half-eof.pdf", faked), mc.CorruptFileError)


@pytest.mark.parametrize("region", ["xref", "stream", "anywhere"])
def test_pdf_with_flipped_bytes_is_typed_or_parsed(tmp_path: Path, region: str) -> None:
    data = make.contract_pdf()
    bounds = {
        "xref": (data.rfind(b"xref"), len(data) - 8),
        "stream": (data.find(b"stream"), data.find(b"endstream")),
        "anywhere": (0, len(data) - 8),
    }[region]
    rng = random.Random(f"pdf-{region}")
    for trial in range(25):
        mutated = _flip(data, *bounds, count=1 + trial % 8, rng=rng)
        attempt(make.write(tmp_path / f"{region}-{trial}.pdf", mutated))


@pytest.mark.parametrize("name", sorted(make.structural_pdf_variants()))
def test_pdf_with_hostile_structure_is_typed_or_parsed(tmp_path: Path, name: str) -> None:
    attempt(make.write(tmp_path / f"{name}.pdf", make.structural_pdf_variants()[name]))


def test_pdf_with_user_password_is_encrypted_error(tmp_path: Path) -> None:
    message = expect_error(
        make.write(tmp_path / "locked.pdf", make.encrypted_pdf("s3cret")), mc.EncryptedFileError
    )
    assert "password" in message


def test_pdf_encrypted_with_empty_user_password_opens(tmp_path: Path) -> None:
    expect_contract(make.write(tmp_path / "owner-only.pdf", make.encrypted_pdf("")))


def test_image_only_pdf_asks_for_ocr(tmp_path: Path) -> None:
    message = expect_error(make.write(tmp_path / "scan.pdf", make.image_only_pdf()), mc.NoTextLayerError)
    assert "OCR" in message


def test_pdf_javascript_is_neither_run_nor_in_the_text(tmp_path: Path) -> None:
    document = expect_contract(make.write(tmp_path / "js.pdf", make.javascript_pdf()))
    assert make.JS_MARKER not in document.text
    assert "app.alert" not in document.text


def test_pdf_embedded_file_is_neither_extracted_nor_launched(tmp_path: Path) -> None:
    before = set(os.listdir(tmp_path))
    document = expect_contract(make.write(tmp_path / "attach.pdf", make.embedded_file_pdf()))
    assert make.EMBEDDED_MARKER not in document.text
    assert set(os.listdir(tmp_path)) - before == {"attach.pdf"}, "nothing may be written next to the file"
    assert not (Path.cwd() / "payload.exe").exists()


def test_pdf_with_3000_pages_is_refused_by_max_pages_quickly(tmp_path: Path) -> None:
    path = make.write(tmp_path / "long.pdf", make.many_pages_pdf(3000))
    started = time.perf_counter()
    message = expect_error(path, mc.ResourceLimitError)
    assert "max_pages" in message
    assert time.perf_counter() - started < 5.0, "the page count is known before any page is read"


@pytest.mark.slow
def test_pdf_with_3000_pages_parses_within_bounds_when_allowed(tmp_path: Path) -> None:
    path = make.write(tmp_path / "long.pdf", make.many_pages_pdf(3000))
    outcome = run_case(path, limits={"max_pages": 5000})
    assert_heavy_ok(outcome)
    assert "Clause a: the Provider" in outcome.text


def test_pdf_timeout_stops_a_long_parse(tmp_path: Path) -> None:
    path = make.write(tmp_path / "long.pdf", make.many_pages_pdf(400))
    message = expect_error(path, mc.ResourceLimitError, mc.Limits(timeout_seconds=1e-6))
    assert "timeout_seconds" in message or "took over" in message


# -- DOCX --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("build", [make.xxe_docx, make.billion_laughs_docx, make.utf16_doctype_docx])
def test_docx_with_entities_is_refused_without_expansion(tmp_path: Path, build: Callable[[], bytes]) -> None:
    message = expect_error(make.write(tmp_path / "entities.docx", build()), mc.CorruptFileError)
    assert "DTD" in message
    assert "root:" not in message


def test_docx_zip_bomb_is_refused_before_decompression(tmp_path: Path) -> None:
    started = time.perf_counter()
    message = expect_error(make.write(tmp_path / "bomb.docx", make.zip_bomb_docx(64)), mc.ResourceLimitError)
    assert "zip bomb" in message
    assert time.perf_counter() - started < 5.0


def test_docx_bomb_over_the_total_limit_is_refused(tmp_path: Path) -> None:
    path = make.write(tmp_path / "big.docx", make.zip_bomb_docx(8))
    limits = mc.Limits(max_uncompressed_bytes=1024 * 1024, max_compression_ratio=1e9)
    assert "max_uncompressed_bytes" in expect_error(path, mc.ResourceLimitError, limits)


def test_docx_bomb_lying_about_its_size_is_cut_at_the_declared_size(tmp_path: Path) -> None:
    outcome = run_case(make.write(tmp_path / "liar.docx", make.lying_size_bomb_docx()))
    print(
        f"lying bomb: {outcome.seconds:.2f} s, peak RSS {outcome.peak_mb:.0f} MB, traced {outcome.traced_mb:.1f} MB"
    )
    assert outcome.error == "CorruptFileError", outcome
    assert outcome.traced_mb < 16, "the member must never be decompressed beyond its declared size"


@pytest.mark.parametrize("fmt", ["lowerLetter", "upperLetter", "upperRoman", "decimal", "ordinal"])
def test_docx_list_number_claimed_by_the_file_cannot_blow_up(tmp_path: Path, fmt: str) -> None:
    # Letters repeat with the counter ("aa", "bbb"): this start value once printed 77 million letters per label.
    path = make.write(tmp_path / "numbered.docx", make.numbered_docx(fmt, 2_000_000_000))
    started = time.perf_counter()
    document = expect_contract(path)
    assert len(document.text) < 1000
    assert time.perf_counter() - started < 5.0


def test_docx_letter_numbering_still_repeats_for_real_lists(tmp_path: Path) -> None:
    document = expect_contract(make.write(tmp_path / "letters.docx", make.numbered_docx("lowerLetter", 27)))
    assert document.text.startswith("aa. The Provider")


def test_docx_references_outside_the_package_are_never_followed(tmp_path: Path) -> None:
    before = set(os.listdir(tmp_path))
    document = expect_contract(make.write(tmp_path / "outside.docm", make.docx_with_outside_references()))
    assert "root:" not in document.text
    assert make.JS_MARKER not in document.text and make.EMBEDDED_MARKER not in document.text
    assert any("altChunk" in warning for warning in document.warnings)
    assert set(os.listdir(tmp_path)) - before == {"outside.docm"}


def test_docx_with_50_nested_tables_parses(tmp_path: Path) -> None:
    document = expect_contract(make.write(tmp_path / "nested.docx", make.nested_tables_docx(50)))
    assert "level 49" in document.text


def test_docx_nested_beyond_the_xml_depth_limit_is_corrupt(tmp_path: Path) -> None:
    expect_error(make.write(tmp_path / "deep.docx", make.nested_tables_docx(300)), mc.CorruptFileError)


@pytest.mark.slow
def test_docx_with_50k_paragraphs_parses_within_bounds(tmp_path: Path) -> None:
    outcome = run_case(make.write(tmp_path / "large.docx", make.large_docx(50_000)))
    assert_heavy_ok(outcome)
    assert outcome.chars > 3_000_000


def test_docx_timeout_stops_a_long_parse(tmp_path: Path) -> None:
    path = make.write(tmp_path / "large.docx", make.large_docx(2_000))
    assert "timeout_seconds" in expect_error(path, mc.ResourceLimitError, mc.Limits(timeout_seconds=1e-6))


@pytest.mark.parametrize(
    ("name", "corrupt"),
    [
        ("truncated", lambda data: data[: len(data) // 2]),
        (
            "no-document-part",
            lambda _: make.docx_bytes("x").replace(b"word/document.xml", b"word/documenX.xml"),
        ),
        ("bad-xml", lambda _: make.docx_bytes("<w:document><unclosed>")),
        ("binary-part", lambda _: make.docx_bytes(bytes(range(256)) * 8)),
    ],
)
def test_broken_docx_is_corrupt(tmp_path: Path, name: str, corrupt: Callable[[bytes], bytes]) -> None:
    path = make.write(tmp_path / f"{name}.docx", corrupt(make.contract_docx()))
    expect_error(path, mc.CorruptFileError)


# -- text, names and the file system ---------------------------------------------------------------------
def test_invalid_utf8_decodes_through_the_fallback_or_is_typed(tmp_path: Path) -> None:
    cp1252 = "1. Services\nThe Provider’s fee is €5 per seat.\n".encode("cp1252")
    assert "€5" in attempt(make.write(tmp_path / "cp1252.txt", cp1252))[0].text  # type: ignore[union-attr]
    undefined = b"1. Services\nThe Provider \x81\x8d shall act.\n"  # bytes cp1252 leaves undefined
    assert "UTF-8" in expect_error(make.write(tmp_path / "bad.txt", undefined), mc.InputError)


def test_utf16_text_with_a_bom_is_read(tmp_path: Path) -> None:
    data = "\ufeff1. Services\nThe Provider shall ensure 99.9% availability.\n".encode("utf-16-le")
    document, error = attempt(make.write(tmp_path / "notepad.txt", data))
    assert error is None and document is not None and "99.9% availability" in document.text


def test_truncated_utf16_text_is_a_typed_error(tmp_path: Path) -> None:
    data = b"\xff\xfe" + "服务条款".encode("utf-16-le") + b"A"  # odd length, and no NUL byte to sniff
    assert "UTF-16" in expect_error(make.write(tmp_path / "cut.txt", data), mc.InputError)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("program.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4, mc.FormatMismatchError),
        ("noise.txt", random.Random(3).randbytes(4096), mc.FormatMismatchError),
        ("noise.docx", random.Random(4).randbytes(4096), mc.FormatMismatchError),
        ("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(200), mc.FormatMismatchError),
        ("archive.pdf", make.contract_docx(), mc.FormatMismatchError),
        ("report.docx", make.contract_pdf(), mc.FormatMismatchError),
        ("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), mc.UnsupportedFormatError),
        ("password.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), mc.UnsupportedFormatError),
        ("sheet.xlsx", b"hello", mc.UnsupportedFormatError),
        ("empty.pdf", b"", mc.EmptyFileError),
        ("blank.txt", b" \n\t\n  ", mc.EmptyFileError),
    ],
)
def test_misnamed_binary_and_empty_files(
    tmp_path: Path, name: str, data: bytes, kind: type[mc.InputError]
) -> None:
    expect_error(make.write(tmp_path / name, data), kind)


def test_directory_missing_file_and_symlink_loop(tmp_path: Path) -> None:
    expect_error(tmp_path, mc.NotAFileError)
    expect_error(tmp_path / "absent.pdf", mc.MissingFileError)
    loop = tmp_path / "loop.pdf"
    try:
        loop.symlink_to(loop)
    except OSError:
        pytest.skip("symlinks not supported here")
    assert "symbolic link" in expect_error(loop, mc.MissingFileError)


def test_fifo_is_not_opened(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    expect_error(fifo, mc.EmptyFileError)  # opening it would block forever waiting for a writer


def test_unreadable_file_is_a_typed_error(tmp_path: Path) -> None:
    path = make.write(tmp_path / "secret.txt", "1. Services\nText.\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        expect_error(path, mc.InputError)
    finally:
        path.chmod(0o600)


def test_max_bytes_is_enforced_before_reading(tmp_path: Path) -> None:
    path = make.write(tmp_path / "big.txt", "The Provider shall act.\n" * 1000)
    assert "max_bytes" in expect_error(path, mc.ResourceLimitError, mc.Limits(max_bytes=1000))


# -- Markdown and text that used to hang the inline patterns ------------------------------------------------
PATHOLOGICAL_LINES = {
    "unclosed-comments": "<!--" * 50_000,
    "unclosed-links": "[](" * 50_000,
    "bracket-run": "[" * 50_000 + "](" + "a" * 50_000,
    "unclosed-emphasis": " *a" * 50_000,
    "unclosed-strong": "**a " * 50_000,
    "unclosed-underscores": "__a " * 50_000,
    "heading-with-spaces": "# a" + " " * 50_000 + "b",
    "backticks": "`" * 50_001,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL_LINES))
def test_pathological_markdown_line_parses_in_linear_time(tmp_path: Path, name: str) -> None:
    path = make.write(tmp_path / f"{name}.md", "1. Services\n\n" + PATHOLOGICAL_LINES[name] + "\n")
    started = time.perf_counter()
    document, error = attempt(path)
    assert error is None and document is not None
    assert time.perf_counter() - started < 5.0  # was 30 s to hours before the patterns were made linear


def test_markdown_inline_stripping_is_unchanged_for_ordinary_markup(tmp_path: Path) -> None:
    text = (
        "# Service Levels ##\n\nThe **Provider** shall, *within* __four__ hours, meet ***all*** of the "
        "[SLA](https://example.com/sla) <b>targets</b> <!-- internal note --> in `Schedule 2`.\n"
    )
    document, _ = attempt(make.write(tmp_path / "ok.md", text))
    assert document is not None
    assert document.text.startswith("Service Levels\n")
    assert (
        "The Provider shall, within four hours, meet all of the SLA targets in Schedule 2." in document.text
    )


def test_text_parser_honours_the_time_limit(tmp_path: Path) -> None:
    path = make.write(tmp_path / "long.txt", "The Provider shall act.\n\n" * 5000)
    assert "timeout_seconds" in expect_error(path, mc.ResourceLimitError, mc.Limits(timeout_seconds=1e-6))


@pytest.mark.slow
def test_multi_megabyte_markdown_parses_within_bounds(tmp_path: Path) -> None:
    lines = "".join(f"- item {i}: **bold** and *it* [l](u) `c`\n" for i in range(50_000))
    outcome = run_case(make.write(tmp_path / "big.md", "# Title\n\n" + lines))
    assert_heavy_ok(outcome)


def assert_heavy_ok(outcome: Outcome) -> None:
    print(
        f"heavy case: {outcome.seconds:.2f} s, peak RSS {outcome.peak_mb:.0f} MB, traced {outcome.traced_mb:.0f} MB"
    )
    assert outcome.ok, f"{outcome.error}: {outcome.message}"
    assert outcome.seconds < HEAVY_SECONDS, outcome
    assert outcome.peak_mb < HEAVY_RSS_MB, outcome
    assert outcome.traced_mb < HEAVY_TRACED_MB, outcome
