"""Configuration files: discovery, merge with flags, per-file ignores, errors naming file and key."""

from __future__ import annotations

import json

import pytest
from cli_samples import WEAK, write

from msp_contract.cli import main
from msp_contract.config import Config
from msp_contract.config_file import discover, load_config, path_matches
from msp_contract.errors import ConfigError


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["check", "--show-config", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_defaults_without_a_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    data = show(capsys)
    assert data["source"] is None and data["fail-on"] == "error"


def test_discovered_upward_and_paths_relative_to_the_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "msp-contract.toml").write_text(
        'fail-on = "warning"\nrules = "my-rules"\nignore = ["backup_and_restore"]\n'
        '[severity]\ndisaster_recovery = "warning"\n[thresholds]\navailability_min_percent = 99.95\n'
    )
    nested = tmp_path / "contracts" / "2026"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    data = show(capsys)
    assert data["source"] == str(tmp_path / "msp-contract.toml")
    assert data["fail-on"] == "warning" and data["rules"] == str(tmp_path / "my-rules")
    assert data["severity"] == {"disaster_recovery": "warning"}
    assert data["thresholds"] == {"availability_min_percent": 99.95}


def test_pyproject_tool_table_and_dotfile(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover(tmp_path) is None  # a pyproject without our table is not a config
    (tmp_path / "pyproject.toml").write_text('[tool.msp-contract]\nfail-on = "info"\n')
    assert load_config(start=tmp_path).config.fail_on == "info"
    (tmp_path / ".msp-contract.toml").write_text('fail-on = "never"\n')
    assert load_config(start=tmp_path).config.fail_on == "never"  # the dedicated file wins


def test_flags_override_the_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "msp-contract.toml").write_text('fail-on = "warning"\n')
    monkeypatch.chdir(tmp_path)
    assert show(capsys, "--fail-on", "never")["fail-on"] == "never"


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('fail-on = "sometimes"\n', "fail-on"),
        ('colour = "blue"\n', "colour"),
        ("[severity]\ndisaster_recovery = 3\n", "severity.disaster_recovery"),
        ('per-file-ignores = "x"\n', "per-file-ignores"),
        ("fail-on = \n", "invalid TOML"),
    ],
)
def test_invalid_config_names_file_and_key(tmp_path, capsys, content, key):
    path = tmp_path / "msp-contract.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and key in str(info.value)
    assert main(["check", "x.md", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert key in err and "Traceback" not in err


def test_missing_explicit_config_is_exit_2(tmp_path, capsys):
    assert main(["check", "x.md", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "not found" in capsys.readouterr().err


def test_per_file_ignores(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "msp-contract.toml").write_text('[per-file-ignores]\n"sow-*.md" = ["disaster_recovery"]\n')
    write(tmp_path, "sow-network.md", WEAK)
    write(tmp_path, "msa.md", WEAK)
    assert main(["check", "sow-network.md", "msa.md", "--format", "json", "--fail-on", "never"]) == 0
    sow, msa = json.loads(capsys.readouterr().out)
    assert "disaster_recovery" not in {e["id"] for e in sow["elements"]}
    assert "disaster_recovery" in {e["id"] for e in msa["elements"]}


def test_path_matches_globs():
    assert path_matches("sow-*.md", "contracts/sow-1.md")
    assert path_matches("contracts/*.md", "contracts/a.md")
    assert path_matches("**/sow-*.md", "sow-1.md")
    assert not path_matches("sow-*.md", "contracts/msa.md")
    config = Config.model_validate({"per-file-ignores": {"sow-*": ["x"]}, "ignore": ["y"]})
    assert config.for_file("sow-2.md").ignore == ("y", "x")
    assert config.for_file("msa.md") is config
