"""CI formats: SARIF against the 2.1.0 schema, JUnit parsed back, GitHub annotations, GitLab Code Quality."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from cli_samples import STRONG, WEAK, bad_pdf, write

from msp_contract.cli import main

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json").read_text())


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)  # CI formats use repo-relative paths
    write(tmp_path, "strong.md", STRONG)
    write(tmp_path, "weak.md", WEAK)
    return ["strong.md", "weak.md"]


def check(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", *argv])
    return code, capsys.readouterr().out


def test_sarif_is_valid_and_points_into_the_contract(files, capsys):
    code, out = check([*files, "--format", "sarif"], capsys)
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "disaster_recovery" in rule_ids and len(rule_ids) == len(set(rule_ids))
    results = run["results"]
    assert results and all(r["ruleId"] in rule_ids for r in results)
    assert {r["level"] for r in results} <= {"error", "warning", "note"}
    assert all(r["partialFingerprints"]["mspContract/v1"] for r in results)
    assert run["invocations"][0]["executionSuccessful"] is True
    missing = [r for r in results if r["properties"]["findingKind"] == "missing"]
    assert missing and all("region" not in r["locations"][0]["physicalLocation"] for r in missing)
    located = [r for r in results if "region" in r["locations"][0]["physicalLocation"]]
    text = Path("weak.md").read_text()
    for result in located:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["charLength"] > 0
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri in files
        if uri == "weak.md":  # plain text: the canonical text is the file, so lines agree
            snippet = region["snippet"]["text"]
            assert snippet.split()[0] in text.splitlines()[region["startLine"] - 1]
    assert code == 1


def test_sarif_fingerprints_are_stable_when_lines_shift(files, capsys):
    _, before = check(["weak.md", "--format", "sarif"], capsys)
    Path("weak.md").write_text("\n\n\n" + WEAK)
    _, after = check(["weak.md", "--format", "sarif"], capsys)

    def prints(out: str) -> set[str]:
        results = json.loads(out)["runs"][0]["results"]
        return {
            r["partialFingerprints"]["mspContract/v1"]
            for r in results
            if "region" in r["locations"][0]["physicalLocation"]
        }

    assert prints(before) and prints(before) == prints(after)


def test_sarif_reports_unreadable_files_as_tool_notifications(files, tmp_path, capsys):
    bad_pdf(tmp_path)
    code, out = check([*files, "broken.pdf", "--format", "sarif"], capsys)
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    invocation = log["runs"][0]["invocations"][0]
    assert code == 2 and invocation["executionSuccessful"] is False
    assert "broken.pdf" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_junit_is_a_checklist_per_document(files, tmp_path, capsys):
    bad_pdf(tmp_path)
    _, out = check([*files, "broken.pdf", "--format", "junit"], capsys)
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["strong.md", "weak.md", "broken.pdf"]
    strong = suites[0]
    cases = strong.findall("testcase")
    assert len(cases) == int(strong.get("tests"))
    dr = next(c for c in cases if c.get("name").startswith("disaster_recovery"))
    assert dr.find("failure") is None
    weak_cases = suites[1].findall("testcase")
    failures = [c.find("failure") for c in weak_cases if c.find("failure") is not None]
    assert failures and all("Ask:" in f.text for f in failures)
    assert int(suites[1].get("failures")) == len(failures)
    assert suites[2].find("testcase/error").get("type").endswith("Error")
    assert int(root.get("errors")) == 1


def test_github_annotations_and_step_summary(files, tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out = check(["weak.md", "--format", "github"], capsys)
    lines = out.splitlines()
    assert code == 1 and lines
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any(line.startswith("::error file=weak.md,") and "title=" in line for line in lines)
    assert all("\n" not in line for line in lines)
    assert "# Contract review: weak.md" in summary.read_text()


def test_github_caps_annotations_per_level(files, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    many = [f"c{i}.md" for i in range(12)]
    for name in many:
        Path(name).write_text(WEAK)
    _, out = check([*many, "--format", "github"], capsys)
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(errors) == 10
    assert "more findings are listed in the job summary" in out.splitlines()[-1]
    assert "# Contract review: c11.md" in (tmp_path / "summary.md").read_text()


def test_github_without_a_job_summary_prints_every_finding(files, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    many = [f"c{i}.md" for i in range(12)]
    for name in many:
        Path(name).write_text(WEAK)
    _, out = check([*many, "--format", "json"], capsys)
    findings = sum(len(report["findings"]) for report in json.loads(out))
    _, out = check([*many, "--format", "github"], capsys)
    annotations = [
        line for line in out.splitlines() if line.startswith(("::error ", "::warning ", "::notice "))
    ]
    assert len(annotations) == findings > 30
    assert "job summary" not in out


def test_gitlab_code_quality(files, capsys):
    _, out = check([*files, "--format", "gitlab"], capsys)
    issues = json.loads(out)
    assert issues
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] in files and issue["location"]["lines"]["begin"] >= 1
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(fingerprints) == len(set(fingerprints))
