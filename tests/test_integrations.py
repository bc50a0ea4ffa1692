"""The CI snippets in docs/ci.md, the composite action and the pre-commit hook, run exactly as written.

Commands are parsed out of the files users copy from, and run through a ``msp-contract`` shim on PATH that
starts this checkout, so a snippet that drifts from the CLI fails here.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from cli_samples import STRONG, WEAK, write

from msp_contract.cli import main

REPO = Path(__file__).resolve().parents[1]
DOC = (REPO / "docs" / "ci.md").read_text()


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC, flags=re.S)


def doc_commands() -> list[str]:
    """Every `msp-contract ...` command line in the YAML snippets of docs/ci.md."""
    commands = []
    for block in _blocks("yaml"):
        for line in block.splitlines():
            match = re.search(r"(?:^|\s)(msp-contract\s+\S.*)$", line)
            if match and not line.lstrip().startswith("#"):
                commands.append(match.group(1).strip())
    return commands


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    contracts = tmp_path / "contracts"
    contracts.mkdir()
    write(contracts, "msa.md", STRONG)
    write(contracts, "sow-network.md", WEAK)
    waivers = next(b for b in _blocks("yaml") if b.startswith("# .msp-contract/waivers.yaml"))
    (tmp_path / ".msp-contract").mkdir()
    (tmp_path / ".msp-contract" / "waivers.yaml").write_text(waivers)
    (tmp_path / "msp-contract.toml").write_text(_blocks("toml")[0])
    shim = tmp_path / "bin" / "msp-contract"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m msp_contract "$@"\n')
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    env.pop("GITHUB_STEP_SUMMARY", None)
    return tmp_path, env


def sh(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_doc_has_the_snippets():
    commands = doc_commands()
    assert any("--format github" in c for c in commands)
    assert any("gitlab:" in c and "junit:" in c for c in commands)
    assert any("--write-baseline" in c for c in commands) and any("--baseline " in c for c in commands)


def run_inline(command: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """The snippet's exact argv, in-process (a subprocess per snippet would reload the rules each time)."""
    argv = shlex.split(command)
    assert argv[0] == "msp-contract"
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return main(argv[1:])


@pytest.mark.parametrize("command", doc_commands())
def test_doc_commands_run(workspace, command, monkeypatch, capsys):
    folder, _ = workspace
    if "--baseline " in command:  # the adoption snippet runs in order: write, then use
        write_cmd = next(c for c in doc_commands() if "--write-baseline" in c)
        assert run_inline(write_cmd, folder, monkeypatch) == 0
    code = run_inline(command, folder, monkeypatch)
    assert code in (0, 1), capsys.readouterr().err
    for spec in re.findall(r"--report (\S+)", command):
        fmt, path = spec.split(":", 1)
        text = (folder / path).read_text()
        if fmt in ("sarif", "gitlab", "json"):
            json.loads(text)
        elif fmt == "junit":
            ET.fromstring(text)
        else:
            assert "<script" not in text


def test_doc_config_and_waivers_are_valid(workspace, monkeypatch, capsys):
    folder, _ = workspace
    assert run_inline("msp-contract check --show-config", folder, monkeypatch) == 0
    config = json.loads(capsys.readouterr().out)
    assert config["waivers"].endswith(".msp-contract/waivers.yaml") and config["per-file-ignores"]
    run_inline("msp-contract check contracts --format json --fail-on never", folder, monkeypatch)
    reports = json.loads(capsys.readouterr().out)
    sow = next(r for r in reports if r["document"]["path"].endswith("sow-network.md"))
    waived = [f for f in sow["findings"] if f["suppressed"]]
    assert waived and all("Schedule 7" in f["suppression"] for f in waived)


@pytest.mark.slow
def test_composite_action_script(workspace):
    folder, env = workspace
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert set(action["inputs"]) >= {"files", "fail-on", "format", "sarif"}
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    inputs = {"files": "contracts", "fail-on": "error", "format": "github", "sarif": "out/msp.sarif"}
    step_env = {
        name: re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: inputs[m.group(1)], value)
        for name, value in step["env"].items()
    }
    done = sh(step["run"], folder, {**env, **step_env})
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.startswith("::")
    assert json.loads((folder / "out" / "msp.sarif").read_text())["version"] == "2.1.0"
    assert '--fail-on "$FAIL_ON"' in step["run"] and "sarif:$SARIF" in step["run"]


@pytest.mark.slow
def test_pre_commit_hook(workspace):
    folder, env = workspace
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "msp-contract")
    assert hook["entry"] == "msp-contract check" and hook["files"] == r"\.(pdf|docx|md|txt)$"
    user = yaml.safe_load(next(b for b in _blocks("yaml") if "pre-commit-config" in b))
    user_hook = user["repos"][0]["hooks"][0]
    candidates = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file()]
    files = [
        p for p in candidates if re.search(hook["files"], p) and re.search(user_hook.get("files", ""), p)
    ]
    assert files == ["contracts/msa.md", "contracts/sow-network.md"]
    command = " ".join([hook["entry"], *map(shlex.quote, user_hook["args"]), *files])
    done = sh(command, folder, env)
    assert done.returncode in (0, 1), done.stderr
    assert "Pillar" in done.stdout
