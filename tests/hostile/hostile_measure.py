"""Run ``msp_contract.load`` (or ``analyze``) on one file in a fresh subprocess and measure it.

A subprocess gives an honest peak RSS per case (``ru_maxrss`` of a process that did nothing else), survives a
hang (killed at ``kill_after``) and a hard crash of a native library (reported as ``crashed``), neither of
which an in-process test could observe without taking the test run down with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, resource, sys, time, tracemalloc
import msp_contract as mc
from msp_contract.parsers import pdf, docx  # imports paid before the clock starts
path, action, limits, trace = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4] == "1"
base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if trace:
    tracemalloc.start()
started = time.perf_counter()
result = {"ok": False, "error": None, "message": "", "chars": 0}
try:
    document = mc.load(path, limits=mc.Limits(**limits))
    result["chars"] = len(document.text)
    result["text"] = document.text[:20000]
    if action == "analyze":
        result["elements"] = len(mc.analyze(document).elements)
    result["ok"] = True
except mc.InputError as exc:
    result["error"], result["message"] = type(exc).__name__, str(exc)
except BaseException as exc:
    result["error"], result["message"] = "UNTYPED:" + type(exc).__name__, repr(exc)[:500]
result["seconds"] = time.perf_counter() - started
result["traced_mb"] = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0.0
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result["growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base_kb) / 1024
print("RESULT" + json.dumps(result))
"""


@dataclass
class Outcome:
    ok: bool
    error: str | None  # typed error class name, "UNTYPED:<name>", "crashed" or "killed"
    message: str
    seconds: float
    peak_mb: float
    growth_mb: float  # peak RSS above the high-water mark after imports (0 when imports peaked higher)
    traced_mb: float = 0.0  # tracemalloc peak of Python allocations during the case (when traced)
    chars: int = 0
    text: str = ""


def run_case(
    path: Path,
    *,
    action: str = "load",
    limits: dict[str, float] | None = None,
    kill_after: float = 120.0,
    trace: bool = True,
) -> Outcome:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [
        sys.executable,
        "-c",
        _CHILD,
        str(path),
        action,
        json.dumps(limits or {}),
        "1" if trace else "0",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=kill_after, env=env, cwd=REPO)
    except subprocess.TimeoutExpired:
        return Outcome(False, "killed", f"no answer within {kill_after:g} s", kill_after, 0.0, 0.0)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT")), None)
    if line is None:
        return Outcome(False, "crashed", f"exit {done.returncode}: {done.stderr[-800:]}", 0.0, 0.0, 0.0)
    data = json.loads(line[len("RESULT") :])
    return Outcome(
        data["ok"],
        data["error"],
        data["message"],
        data["seconds"],
        data["peak_mb"],
        data["growth_mb"],
        data["traced_mb"],
        data["chars"],
        data.get("text", ""),
    )
