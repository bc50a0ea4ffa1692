"""Limits and batches: ``Limits`` is validated and honoured by ``load``/``analyze``; a batch
(``analyze_many``, ``msp-contract check a b c``) reports each unreadable file and still reviews the rest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import hostile_make as make
import pytest

import msp_contract as mc

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def mixed_batch(tmp_path: Path) -> tuple[list[Path], set[str]]:
    """Good contracts interleaved with one file of each failure kind; returns (paths, good names)."""
    files = {
        "a-good.txt": "\n".join(make.CONTRACT_LINES).encode(),
        "b-locked.pdf": make.encrypted_pdf("s3cret"),
        "c-good.docx": make.contract_docx(),
        "d-empty.txt": b"",
        "e-truncated.docx": make.contract_docx()[:300],
        "f-scan.pdf": make.image_only_pdf(),
        "g-bomb.docx": make.zip_bomb_docx(16),
        "h-misnamed.pdf": b"just text\n",
        "i-good.pdf": make.contract_pdf(),
    }
    paths = [make.write(tmp_path / name, data) for name, data in files.items()]
    paths.insert(3, tmp_path / "missing.md")
    return paths, {"a-good.txt", "c-good.docx", "i-good.pdf"}


def test_analyze_many_reports_each_failure_and_reviews_the_rest(
    mixed_batch: tuple[list[Path], set[str]],
) -> None:
    paths, good = mixed_batch
    portfolio = mc.analyze_many(paths, progress=False)
    assert {Path(r.document.path).name for r in portfolio.reports} == good
    failed = {Path(f.path).name: f for f in portfolio.failures}
    assert set(failed) == {p.name for p in paths} - good
    expected = {
        "b-locked.pdf": "EncryptedFileError",
        "d-empty.txt": "EmptyFileError",
        "e-truncated.docx": "CorruptFileError",
        "f-scan.pdf": "NoTextLayerError",
        "g-bomb.docx": "ResourceLimitError",
        "h-misnamed.pdf": "FormatMismatchError",
        "missing.md": "MissingFileError",
    }
    assert {name: f.type for name, f in failed.items()} == expected
    for name, failure in failed.items():
        assert name in failure.message
    assert portfolio.exit_code() == 2


def test_cli_check_reports_failures_per_file_and_finishes_the_rest(
    mixed_batch: tuple[list[Path], set[str]],
) -> None:
    paths, good = mixed_batch
    done = subprocess.run(
        [sys.executable, "-m", "msp_contract", "check", *map(str, paths), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "CI": "1"},
    )
    assert done.returncode == 2, done.stderr[-2000:]
    import json

    records = json.loads(done.stdout)
    reviewed = {Path(r["document"]["path"]).name for r in records if "document" in r}
    errors = {Path(r["path"]).name: r["error"]["type"] for r in records if "error" in r}
    assert reviewed == good
    assert set(errors) == {p.name for p in paths} - good
    assert "Traceback" not in done.stderr


def test_a_sentence_without_punctuation_does_not_crash_the_review(tmp_path: Path) -> None:
    # 2 MB of text with no sentence boundary once overflowed the recursion limit in sentence splitting.
    crash = make.write(tmp_path / "a-no-punctuation.txt", "x " * 1_000_000)
    good = make.write(tmp_path / "b-good.txt", "\n".join(make.CONTRACT_LINES))
    portfolio = mc.analyze_many([crash, good], progress=False)
    assert sorted(Path(r.document.path).name for r in portfolio.reports) == [
        "a-no-punctuation.txt",
        "b-good.txt",
    ]
    assert not portfolio.failures


def test_batch_survives_an_internal_error_on_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import msp_contract.engine as engine

    crash = make.write(tmp_path / "a-crash.txt", "1. Services\nProvider shall provide crashing services.")
    good = make.write(tmp_path / "b-good.txt", "\n".join(make.CONTRACT_LINES))
    real_review = engine.review

    def flaky_review(document: mc.Document, *args: object, **kwargs: object) -> mc.Report:
        if "crashing" in document.text:
            raise ZeroDivisionError("simulated defect")
        return real_review(document, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "review", flaky_review)
    portfolio = mc.analyze_many([crash, good], progress=False)
    assert [Path(r.document.path).name for r in portfolio.reports] == ["b-good.txt"]
    (failure,) = portfolio.failures
    assert Path(failure.path).name == "a-crash.txt" and "ZeroDivisionError" in failure.message


def test_analyze_many_accepts_limits(mixed_batch: tuple[list[Path], set[str]]) -> None:
    paths, _ = mixed_batch
    portfolio = mc.analyze_many(paths, progress=False, limits=mc.Limits(max_bytes=200))
    assert not portfolio.reports


# -- Limits ------------------------------------------------------------------------------------------------
def test_analyze_passes_limits_to_the_parser(tmp_path: Path) -> None:
    path = make.write(tmp_path / "c.txt", "\n".join(make.CONTRACT_LINES))
    with pytest.raises(mc.ResourceLimitError, match="max_bytes"):
        mc.analyze(path, limits=mc.Limits(max_bytes=100))
    assert mc.analyze(path, limits=mc.Limits(max_bytes=10_000)).elements


def test_max_pages_counts_the_pdf_before_reading_it(tmp_path: Path) -> None:
    path = make.write(tmp_path / "five.pdf", make.many_pages_pdf(5))
    with pytest.raises(mc.ResourceLimitError, match="max_pages"):
        mc.load(path, limits=mc.Limits(max_pages=4))
    assert mc.load(path, limits=mc.Limits(max_pages=5)).source.page_count == 5


@pytest.mark.parametrize(
    "bad",
    [
        {"max_bytes": -1},
        {"max_pages": "100"},
        {"timeout_seconds": float("nan")},
        {"max_compression_ratio": None},
        {"max_uncompressed_bytes": True},
    ],
)
def test_invalid_limits_are_a_config_error(bad: dict[str, object]) -> None:
    with pytest.raises(mc.ConfigError):
        mc.Limits(**bad)  # type: ignore[arg-type]
