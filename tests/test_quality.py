"""The code base stays lint-clean, formatted and strictly typed (the same checks a contributor runs)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import REPO


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True)


def test_ruff_lint_is_clean() -> None:
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout[-4000:]


def test_ruff_format_is_applied() -> None:
    result = run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout[-4000:]


@pytest.mark.slow
def test_mypy_strict_on_the_package() -> None:
    result = run("mypy")  # configuration in pyproject.toml: strict, packages = msp_contract
    assert result.returncode == 0, result.stdout[-4000:]
