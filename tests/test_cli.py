"""The command line: every subcommand, output format and exit code, on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_samples import BONTERMS_SLA, STRONG, WEAK, bad_pdf, write

from msp_contract.cli import FORMATS, main


@pytest.fixture
def contracts(tmp_path: Path) -> dict[str, Path]:
    return {"strong": write(tmp_path, "strong.md", STRONG), "weak": write(tmp_path, "weak.md", WEAK)}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_text_review_is_grouped_by_pillar_with_gaps_first(contracts, capsys):
    code, out, _ = run(["check", str(contracts["weak"]), "--fail-on", "never"], capsys)
    assert code == 0
    assert "Pillar 3 · Risk and compliance" in out
    assert "Clause inventory" in out
    assert "present" in out.splitlines()[-1] and "missing" in out.splitlines()[-1]
    pillar2 = out.index("Pillar 2")
    assert out.index("MISSING", pillar2) < out.index("Pillar 3")


def test_text_shows_evidence_with_section_and_page(contracts, capsys):
    _, out, _ = run(["check", str(contracts["strong"])], capsys)
    assert "§12 Disaster Recovery, p.1" in out


def test_exit_codes_follow_fail_on(contracts, capsys):
    weak = str(contracts["weak"])
    assert run(["check", weak], capsys)[0] == 1
    assert run(["check", weak, "--fail-on", "never"], capsys)[0] == 0
    # Only the DR element: the built-in blueprint grows while this test must stay stable.
    config = contracts["strong"].parent / "msp-contract.toml"
    config.write_text('select = ["disaster_recovery"]\n')
    strong = str(contracts["strong"])
    assert run(["check", strong, "--config", str(config), "--fail-on", "error"], capsys)[0] == 0


def test_usage_errors_exit_2_without_traceback(contracts, capsys):
    code, _, err = run(["check"], capsys)
    assert code == 2 and "at least one FILE" in err
    code, _, err = run(["check", str(contracts["weak"]), "--report", "nonsense"], capsys)
    assert code == 2 and "FORMAT:PATH" in err
    code, _, err = run(["check", str(contracts["weak"]), "--format", "yaml"], capsys)
    assert code == 2 and "invalid choice" in err
    code, _, err = run(["check", str(contracts["weak"]), "--rules", "/nonexistent/rules"], capsys)
    assert code == 2 and "Traceback" not in err and "blueprint.yaml" in err
    assert run(["--help"], capsys)[0] == 0


def test_missing_file_is_an_input_error(tmp_path, capsys):
    code, _, err = run(["check", str(tmp_path / "nope.md")], capsys)
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_json_single_is_object_and_many_is_array(contracts, capsys):
    _, out, _ = run(["check", str(contracts["weak"]), "--format", "json"], capsys)
    assert json.loads(out)["document"]["path"].endswith("weak.md")
    _, out, _ = run(["check", str(contracts["weak"]), str(contracts["strong"]), "--format", "json"], capsys)
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 2


def test_unreadable_file_in_batch_gives_error_record_and_others_still_run(contracts, tmp_path, capsys):
    broken = bad_pdf(tmp_path)
    code, out, err = run(["check", str(contracts["weak"]), str(broken), "--format", "jsonl"], capsys)
    assert code == 2
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["document"]["path"].endswith("weak.md")
    failure = next(r for r in records if "error" in r)
    assert failure["path"] == str(broken)
    assert failure["error"]["type"].endswith("Error") and failure["error"]["message"]
    assert str(broken) in err and "Traceback" not in err


def test_text_failure_goes_to_stderr(contracts, tmp_path, capsys):
    broken = bad_pdf(tmp_path)
    code, out, err = run(["check", str(broken), str(contracts["strong"])], capsys)
    assert code == 2
    assert "strong.md" in out and str(broken) in err and str(broken) not in out


def test_output_and_several_reports_in_one_run(contracts, tmp_path, capsys):
    out_file = tmp_path / "out" / "review.txt"
    argv = ["check", str(contracts["weak"]), "--output", str(out_file), "--fail-on", "never"]
    for fmt in FORMATS:
        argv += ["--report", f"{fmt}:{tmp_path / ('report.' + fmt)}"]
    code, out, _ = run(argv, capsys)
    assert code == 0 and out == ""
    assert "Pillar" in out_file.read_text()
    for fmt in FORMATS:
        assert (tmp_path / f"report.{fmt}").read_text(), fmt
    json.loads((tmp_path / "report.json").read_text())
    json.loads((tmp_path / "report.sarif").read_text())
    json.loads((tmp_path / "report.gitlab").read_text())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders(contracts, fmt, capsys):
    code, out, _ = run(["check", str(contracts["weak"]), str(contracts["strong"]), "--format", fmt], capsys)
    assert code == 1 and out.strip()


def test_parse_json_lists_pages_sections_tables(contracts, capsys):
    code, out, _ = run(["parse", str(contracts["strong"]), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["source"]["format"] == "markdown"
    assert data["pages"][0]["number"] == 1 and "image_only" in data["pages"][0]
    numbers = {s["number"] for s in data["sections"]}
    assert {"12", "12.1"} <= numbers
    section = next(s for s in data["sections"] if s["number"] == "12.1")
    assert section["parent"] == "12" and section["start"] < section["end"]
    assert data["tables"] == []


def test_parse_text_has_section_markers(contracts, capsys):
    code, out, _ = run(["parse", str(contracts["strong"])], capsys)
    assert code == 0 and "[§12 Disaster Recovery | p.1]" in out and "--- page 1 ---" in out


def test_rules_commands(capsys):
    code, out, _ = run(["rules", "list"], capsys)
    assert code == 0 and "disaster_recovery" in out
    code, out, _ = run(["rules", "show", "disaster_recovery"], capsys)
    assert code == 0 and "id: disaster_recovery" in out
    assert run(["rules", "show", "no_such_rule"], capsys)[0] == 2
    code, out, _ = run(["rules", "validate"], capsys)
    assert code == 0 and out.startswith("ok:")
    code, out, _ = run(["rules", "test"], capsys)
    assert code == 0 and "0 failed" in out


def test_rules_test_fails_on_a_broken_example(tmp_path, capsys):
    folder = tmp_path / "rules"
    (folder / "elements").mkdir(parents=True)
    (folder / "blueprint.yaml").write_text("name: t\nversion: '1'\nextends: default\n")
    (folder / "elements" / "x.yaml").write_text(
        "id: x_element\npillar: 1\ntitle: X\nwhy: w\nask: a\ndetect:\n  any: ['\\bzebra\\b']\n"
        "examples:\n  - name: should find\n    expect: present\n    text: 'No such animal here.'\n"
    )
    code, out, _ = run(["rules", "test", str(folder)], capsys)
    assert code == 1 and "FAIL x_element / should find" in out
    assert run(["rules", "validate", str(folder)], capsys)[0] == 0


def test_python_dash_m_entry_point(contracts):
    done = subprocess.run(
        [sys.executable, "-m", "msp_contract", "check", str(contracts["weak"]), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    json.loads(done.stdout)


@pytest.mark.shared
@pytest.mark.skipif(not BONTERMS_SLA.is_file(), reason="needs ../shared")
def test_public_sla(capsys):
    code, out, _ = run(["check", str(BONTERMS_SLA), "--format", "json"], capsys)
    assert code in (0, 1)
    assert json.loads(out)["document"]["format"] == "markdown"


def test_encrypted_pdf_is_a_typed_error_record(contracts, tmp_path, capsys):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    locked = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(locked), encrypt="secret")
    pdf.drawString(72, 720, "Master Services Agreement")
    pdf.save()
    code, out, err = run(["check", str(locked), str(contracts["strong"]), "--format", "jsonl"], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and len(records) == 2
    assert records[0] == {  # input order: the locked file was given first
        "path": str(locked),
        "error": {"type": "EncryptedFileError", "message": records[0]["error"]["message"]},
    }
    assert "encrypted" in err and "Traceback" not in err


def test_folder_without_contracts_is_an_input_error_naming_what_was_skipped(tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    write(folder, "legacy.doc", "old Word file")
    write(folder, "x.rtf", "{\\rtf1 text}")
    write(folder, ".DS_Store", "finder metadata")
    for fmt in ("text", "junit"):
        code, out, err = run(["check", str(folder), "--format", fmt], capsys)
        assert code == 2 and out == ""  # a CI job cannot pass having reviewed nothing
        assert f"no contracts found in {folder}" in err
        assert "legacy.doc (unsupported format), x.rtf (unsupported format)" in err
        assert ".DS_Store" not in err and "Traceback" not in err
    code, _, err = run(["check", str(tmp_path / "inbox"), "--format", "json"], capsys)
    assert code == 2


def test_empty_folder_is_an_input_error(tmp_path, capsys):
    code, out, err = run(["check", str(tmp_path)], capsys)
    assert (code, out) == (2, "")
    assert f"no contracts found in {tmp_path}" in err


def test_files_skipped_beside_contracts_are_mentioned(contracts, tmp_path, capsys):
    write(tmp_path, "legacy.doc", "old Word file")
    code, out, err = run(["check", str(tmp_path), "--format", "json", "--fail-on", "never"], capsys)
    assert code == 0 and len(json.loads(out)) == 2
    assert f"warning: {tmp_path}: skipped legacy.doc (unsupported format)" in err
    _, out, _ = run(["check", str(tmp_path), "--format", "jsonl", "--fail-on", "never"], capsys)
    warning = json.loads(out.splitlines()[-1])["warning"]
    assert warning["code"] == "input.skipped" and warning["source"] == str(tmp_path)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_batch_records_keep_the_input_order(contracts, tmp_path, fmt, capsys):
    broken = bad_pdf(tmp_path)
    argv = ["check", str(contracts["weak"]), str(broken), str(contracts["strong"]), "--format", fmt]
    code, out, _ = run(argv, capsys)
    records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    paths = [r.get("path") or r["document"]["path"] for r in records]
    assert code == 2
    assert paths == [str(contracts["weak"]), str(broken), str(contracts["strong"])]


def test_element_severity_shown_is_what_its_findings_raise(capsys):
    strong = Path(__file__).resolve().parents[1] / "corpus" / "sources" / "strong-msa.md"
    code, out, _ = run(["check", str(strong), "--fail-on", "error"], capsys)
    assert code == 0 and "findings: 0 error" in out.splitlines()[-1]
    heads = [line for line in out.splitlines() if line.startswith(("  WEAK ", "  MISSING "))]
    assert heads and not any(line.endswith("[error]") for line in heads)
    assert "  WEAK     Fees, pricing model and invoicing [warning]" in heads
    # a present element's advisory finding is counted in the summary, so it is shown too
    present = out.index("  PRESENT  Disaster recovery [warning] — §7.2 Disaster Recovery, p.1")
    assert out.index("- [warning] Disaster recovery: objectives tied to", present) > present


def test_asks_and_reasons_read_as_prose(capsys):
    strong = Path(__file__).resolve().parents[1] / "corpus" / "sources" / "strong-msa.md"
    _, out, _ = run(["check", str(strong), "--format", "json"], capsys)
    report = json.loads(out)
    prose = [e["ask"] for e in report["elements"] if e["ask"]]
    prose += [text for f in report["findings"] for text in (f["message"], f["why"], f["ask"])]
    assert prose and not [text for text in prose if "\n" in text or text != text.strip()]
    _, out, _ = run(["check", str(strong)], capsys)
    pillars = out.split("\nClause inventory")[0].split("\n\nPillar ")[1:]
    assert len(pillars) == 3 and not any("\n\n" in block for block in pillars)  # no stray blank line
