"""The default rules ship inside the wheel, and both an editable and a wheel install find them."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import REPO

import msp_contract as mc
from msp_contract.rulebook import default_rules_dir

PROBE = (
    "import msp_contract as mc, pathlib; r = mc.load_rules(); "
    "print(len(r.elements), len(r.clauses), pathlib.Path(mc.rulebook.default_rules_dir()).as_posix())"
)


def test_source_tree_uses_the_top_level_rules_folder() -> None:
    assert default_rules_dir() == REPO / "rules"
    assert len(mc.load_rules().elements) == len(list((REPO / "rules" / "elements").glob("*.yaml")))


@pytest.mark.slow
def test_installed_wheel_carries_and_finds_the_rules(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "msp_contract/_rules/blueprint.yaml" in names
    assert "msp_contract/py.typed" in names
    assert "msp_contract/_rules/sentence_model.json" in names
    shipped = {n for n in names if n.startswith("msp_contract/_rules/elements/")}
    assert len(shipped) == len(list((REPO / "rules" / "elements").glob("*.yaml")))

    # A fresh environment that sees the installed dependencies but not the source tree.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    probe = subprocess.run([str(python), "-I", "-c", PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr[-2000:]
    elements, clauses, where = probe.stdout.split()
    assert int(elements) == len(mc.load_rules().elements) and int(clauses) == len(mc.load_rules().clauses)
    assert where.endswith("site-packages/msp_contract/_rules")
