"""Determinism: the same input and configuration give a byte-identical JSON report, across two separate
processes with different hash seeds (set and dict iteration orders differ between them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import hostile_make as make
import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpus" / "samples"

_CHILD = r"""
import sys
import msp_contract as mc
for path in sys.argv[1:]:
    sys.stdout.write(mc.analyze(path).to_json())
    sys.stdout.write("\n\x00\n")
"""


def _run(paths: list[Path], hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *map(str, paths)], capture_output=True, timeout=300, cwd=REPO, env=env
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout


@pytest.mark.slow
def test_json_report_is_byte_identical_across_processes(tmp_path: Path) -> None:
    paths = [shutil.copy(SAMPLES / name, tmp_path / name) for name in ("weak-msa.pdf", "strong-msa.docx")]
    paths = [Path(p) for p in paths]
    paths.append(make.write(tmp_path / "contract.txt", "\n\n".join(make.CONTRACT_LINES) + "\n"))
    paths.append(
        make.write(tmp_path / "contract.md", "# Services\n\n" + "\n\n".join(make.CONTRACT_LINES) + "\n")
    )
    first, second = _run(paths, "1"), _run(paths, "4242")
    outputs = [first.split(b"\n\x00\n")[:-1], second.split(b"\n\x00\n")[:-1]]
    assert len(outputs[0]) == len(paths)
    for path, a, b in zip(paths, *outputs, strict=True):
        assert a == b, f"{path.name}: reports differ between processes ({_first_difference(a, b)})"
        assert b'"elements"' in a


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at byte {at}: {a[max(at - 80, 0) : at + 80]!r} vs {b[max(at - 80, 0) : at + 80]!r}"
