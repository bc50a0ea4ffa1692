"""Notebook views and batch review: Report._repr_html_/_repr_markdown_/to_pandas, analyze_many, Portfolio."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest
from cli_samples import STRONG, WEAK, bad_pdf, write

import msp_contract as mc
from msp_contract import batch
from msp_contract.cli import main
from msp_contract.display import element_rows


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    samples = tmp_path / "contracts"
    samples.mkdir()
    write(samples, "strong.md", STRONG)
    write(samples, "weak.md", WEAK)
    (samples / "notes.csv").write_text("not a contract")  # not reviewed, but listed as skipped
    return samples


def test_report_views(folder):
    report = mc.analyze(folder / "weak.md")
    html = report._repr_html_()
    assert "<script" not in html and "Pillar 3" in html and "MISSING" in html
    assert html.index("MISSING") < html.index("Pillar 3") or "WEAK" in html
    md = report._repr_markdown_()
    assert md.startswith("# Contract review:")
    frame = report.to_pandas()
    assert list(frame.index) == [e.id for e in report.elements]
    assert {"status", "pillar", "citation", "ask"} <= set(frame.columns)
    assert frame.loc["disaster_recovery", "status"] == report.element("disaster_recovery").status
    missing = frame[frame.status == "missing"]  # a missing element raises its rule's severity
    assert len(missing) and (missing.finding_severity == missing.severity).all()


def test_finding_severity_is_the_highest_unsuppressed_finding():
    strong = mc.analyze(Path(__file__).resolve().parents[1] / "corpus" / "sources" / "strong-msa.md")
    frame = strong.to_pandas()
    fees = frame.loc["fees_and_pricing"]
    assert (fees.status, fees.severity, fees.finding_severity) == ("weak", "error", "warning")
    rows = {row["element"]: row for row in element_rows(strong)}
    assert rows["engagement_model"]["finding_severity"] is None  # present: nothing raised


def test_to_pandas_without_pandas_names_the_extra(folder, monkeypatch):
    report = mc.analyze(folder / "weak.md")
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"pip install msp-contract\[pandas\]"):
        report.to_pandas()


def test_analyze_many_matches_the_cli(folder, capsys):
    portfolio = mc.analyze_many(folder, progress=False)
    assert len(portfolio.reports) == 2 and not portfolio.failures
    main(["check", str(folder), "--format", "json", "--fail-on", "never"])
    cli = {
        r["document"]["path"]: {e["id"]: e["status"] for e in r["elements"]}
        for r in json.loads(capsys.readouterr().out)
    }
    assert cli == portfolio.statuses()
    matrix = portfolio.to_pandas()
    assert matrix.shape == (2, len(portfolio.reports[0].elements))
    assert set(matrix.to_numpy().ravel()) <= {"present", "weak", "missing"}
    assert "<table>" in portfolio._repr_html_() and "<script" not in portfolio._repr_html_()


def test_analyze_many_lists_what_it_skipped(folder, tmp_path):
    portfolio = mc.analyze_many(folder, progress=False)
    [skipped] = portfolio.notices
    assert skipped.code == "input.skipped" and "notes.csv (unsupported format)" in skipped.message
    (tmp_path / "old").mkdir()
    write(tmp_path / "old", "legacy.doc", "old Word file")
    nothing = mc.analyze_many(tmp_path / "old", progress=False)
    assert not nothing.reports
    assert [n.message for n in nothing.notices] == [
        f"no contracts found in {tmp_path / 'old'}; skipped legacy.doc (unsupported format)"
    ]


def test_analyze_many_keeps_going_past_an_unreadable_file(folder):
    broken = bad_pdf(folder)
    portfolio = mc.analyze_many([folder / "weak.md", broken, folder / "strong.md"], progress=False)
    assert [Path(r.document.path).name for r in portfolio.reports] == ["weak.md", "strong.md"]
    [failure] = portfolio.failures
    assert failure.path == str(broken) and failure.type.endswith("Error")
    assert portfolio.exit_code() == 2
    assert "broken.pdf" in portfolio._repr_html_()


def test_progress_callable_and_quiet_under_ci(folder, monkeypatch, capsys):
    seen: list[tuple[int, int]] = []
    mc.analyze_many(folder, progress=lambda done, total, path: seen.append((done, total)))
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    monkeypatch.setenv("CI", "true")
    assert batch._progress(None) is None
    mc.analyze_many(folder)
    assert capsys.readouterr().err == ""


def test_terminal_progress_writes_carriage_returns(capsys):
    batch._terminal_progress(1, 3, "/x/a.md")
    batch._terminal_progress(3, 3, "")
    err = capsys.readouterr().err
    assert err.startswith("\rreviewing 1/3 a.md") and err.endswith("\n")
