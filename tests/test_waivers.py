"""Waivers (reviewed, expiring decisions) and baselines (accepted debt): suppressed, never hidden."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_samples import WEAK, write

import msp_contract as mc
from msp_contract.baseline import apply_baseline, load_baseline, write_baseline
from msp_contract.cli import main
from msp_contract.errors import ConfigError
from msp_contract.waivers import apply_waivers, load_waivers

TODAY = date(2026, 11, 23)


@pytest.fixture
def weak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(tmp_path, "weak.md", WEAK)


def waivers_file(folder: Path, body: str) -> Path:
    path = folder / "waivers.yaml"
    path.write_text(body)
    return path


DR_WAIVER = """waivers:
  - rule: disaster_recovery
    document: "weak*.md"
    reason: DR covered by the BCP addendum
    approver: jane.doe@example.com
    expires: {expires}
"""


def test_waiver_suppresses_and_keeps_the_finding(weak, tmp_path):
    report = mc.analyze(weak)
    waivers = load_waivers(waivers_file(tmp_path, DR_WAIVER.format(expires="2027-06-30")))
    [waived], notices = apply_waivers([report], waivers, today=TODAY)
    dr = [f for f in waived.findings if f.element == "disaster_recovery"]
    assert dr and all(f.suppressed and "BCP addendum" in (f.suppression or "") for f in dr)
    assert len(waived.findings) == len(report.findings)  # nothing disappears
    assert waived.summary.suppressed == len(dr)
    assert sum(waived.summary.findings.values()) == sum(report.summary.findings.values()) - len(dr)
    assert notices == []


def test_expired_waiver_suppresses_nothing_and_is_reported(weak, tmp_path):
    report = mc.analyze(weak)
    waivers = load_waivers(waivers_file(tmp_path, DR_WAIVER.format(expires="2026-01-31")))
    [same], notices = apply_waivers([report], waivers, today=TODAY)
    assert not any(f.suppressed for f in same.findings)
    assert [n.code for n in notices] == ["waiver.expired"] and "2026-01-31" in notices[0].message


def test_unused_waiver_is_reported(weak, tmp_path):
    body = DR_WAIVER.format(expires="2027-01-01").replace("weak*.md", "other.md")
    _, notices = apply_waivers([mc.analyze(weak)], load_waivers(waivers_file(tmp_path, body)), today=TODAY)
    assert [n.code for n in notices] == ["waiver.unused"]


def test_waiver_by_sha256_and_fingerprint(weak, tmp_path):
    report = mc.analyze(weak)
    target = report.findings[0]
    body = (
        f"waivers:\n  - fingerprint: {target.fingerprint}\n    document: {report.document.sha256}\n"
        "    reason: accepted\n    approver: legal\n"
    )
    [waived], notices = apply_waivers([report], load_waivers(waivers_file(tmp_path, body)), today=TODAY)
    assert [f.fingerprint for f in waived.findings if f.suppressed] == [target.fingerprint]
    assert notices == []


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("waivers:\n  - rule: x\n    approver: a\n", "reason"),
        ("waivers:\n  - rule: x\n    reason: r\n    approver: a\n    expires: soon\n", "expires"),
        ("waivers:\n  - reason: r\n    approver: a\n", "rule, an element or a fingerprint"),
        ("waivers: {a: 1}\n", "list"),
        ("waivers: [\n", "invalid YAML"),
    ],
)
def test_invalid_waivers_name_file_and_key(tmp_path, body, key):
    with pytest.raises(ConfigError) as info:
        load_waivers(waivers_file(tmp_path, body))
    assert "waivers.yaml" in str(info.value) and key in str(info.value)


def test_cli_waivers_in_every_format(weak, tmp_path, capsys):
    path = waivers_file(tmp_path, DR_WAIVER.format(expires="2099-01-01"))
    unused = path.read_text() + "  - rule: no_such_rule\n    reason: r\n    approver: a\n"
    path.write_text(unused)
    main(["check", "weak.md", "--waivers", str(path), "--format", "text", "--fail-on", "never"])
    out, _ = capsys.readouterr()
    assert "suppressed: waived: DR covered by the BCP addendum" in out
    assert "warning: waiver for no_such_rule on * matched no finding" in out
    main(["check", "weak.md", "--waivers", str(path), "--format", "sarif"])
    out, err = capsys.readouterr()
    results = json.loads(out)["runs"][0]["results"]
    assert any(r.get("suppressions") for r in results)
    assert "matched no finding" in err
    main(["check", "weak.md", "--waivers", str(path), "--format", "jsonl"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[-1]["warning"]["code"] == "waiver.unused"


def test_waivers_from_config_file(weak, tmp_path, capsys):
    waivers_file(tmp_path, DR_WAIVER.format(expires="2099-01-01"))
    (tmp_path / "msp-contract.toml").write_text('waivers = "waivers.yaml"\nselect = ["disaster_recovery"]\n')
    assert main(["check", "weak.md", "--format", "json"]) == 0  # the only gap is waived
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["suppressed"] >= 1


def test_baseline_round_trip_fails_only_on_new_gaps(weak, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    assert main(["check", "weak.md", "--write-baseline", str(baseline), "--format", "json"]) == 1
    capsys.readouterr()
    assert main(["check", "weak.md", "--baseline", str(baseline), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] and all(f["suppressed"] for f in report["findings"])
    assert all(f["suppression"].startswith("baseline") for f in report["findings"])
    # Edits elsewhere do not revive accepted findings (missing ones match on the rule)...
    weak.write_text("\n\n" + WEAK)
    assert (
        main(["check", "weak.md", "--baseline", str(baseline), "--format", "json", "--fail-on", "info"]) == 0
    )
    capsys.readouterr()
    # ...but a new gap (an effort qualifier in a new clause) is not in the baseline, so it counts.
    weak.write_text(
        WEAK + "\n## 9. Availability\nThe service shall be available 95% of the time each month.\n"
        "\n## 10. Security\nProvider will use best efforts to keep the systems secure.\n"
    )
    code = main(["check", "weak.md", "--baseline", str(baseline), "--format", "json", "--fail-on", "info"])
    new = [f for f in json.loads(capsys.readouterr().out)["findings"] if not f["suppressed"]]
    assert code == 1 and new
    assert all(f["evidence"][0]["section"] in ("9", "10") for f in new if f["evidence"])


def test_baseline_api_and_errors(weak, tmp_path):
    report = mc.analyze(weak)
    path = tmp_path / "b.json"
    write_baseline(path, [report])
    [suppressed] = apply_baseline([report], load_baseline(path))
    assert suppressed.summary.suppressed == len(report.findings)
    path.write_text('{"version": 7}')
    with pytest.raises(ConfigError, match="version"):
        load_baseline(path)
    path.write_text("not json")
    with pytest.raises(ConfigError, match="invalid baseline JSON"):
        load_baseline(path)
