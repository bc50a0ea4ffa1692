"""Baselines: accept today's findings as known debt so a pipeline fails only on new gaps.

A baseline is not a decision (that is a waiver): it is a snapshot written by ``--write-baseline`` and read
by ``--baseline``. It keys findings on (document path, fingerprint); fingerprints never use line numbers,
so edits elsewhere in the contract do not make old findings look new. "missing" findings have no quote and
are fingerprinted by their rule: an element that was already missing in the accepted draft is not a new
gap in the next one.

File format (JSON)::

    {"version": 1, "tool": "msp-contract",
     "documents": {"contracts/acme.md": [{"fingerprint": "...", "rule": "disaster_recovery"}]}}
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .report import Report
from .waivers import with_findings

BASELINE_VERSION = 1
SUPPRESSION = "baseline: already present in the baseline"


def baseline_payload(reports: Sequence[Report]) -> dict[str, Any]:
    """The baseline for these reports: every finding not already suppressed by a waiver."""
    documents: dict[str, list[dict[str, str]]] = {}
    for report in reports:
        entries = [
            {"fingerprint": f.fingerprint, "rule": f.rule, "kind": f.kind}
            for f in report.findings
            if not (f.suppressed and (f.suppression or "").startswith("waived"))
        ]
        documents[_key(report.document.path)] = entries
    return {"version": BASELINE_VERSION, "tool": "msp-contract", "documents": documents}


def write_baseline(path: str | Path, reports: Sequence[Report]) -> None:
    text = json.dumps(baseline_payload(reports), indent=2, sort_keys=True) + "\n"
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None


def load_baseline(path: str | Path) -> dict[str, frozenset[str]]:
    """Document path -> accepted fingerprints. Errors name the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: invalid baseline JSON: {exc}") from None
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, dict) or data.get("version") != BASELINE_VERSION:
        raise ConfigError(
            f"{path}: not an msp-contract baseline (key 'version' must be 1, 'documents' a table)"
        )
    try:
        return {_key(doc): frozenset(_entry_keys(entries)) for doc, entries in documents.items()}
    except (TypeError, KeyError):
        raise ConfigError(f"{path}: key 'documents': entries need a 'fingerprint'") from None


def apply_baseline(reports: Sequence[Report], baseline: dict[str, frozenset[str]]) -> list[Report]:
    """Suppress findings already recorded for the same document in the baseline."""
    out = []
    for report in reports:
        known = baseline.get(_key(report.document.path), frozenset())
        findings = [
            f.model_copy(update={"suppressed": True, "suppression": SUPPRESSION})
            if not f.suppressed and f.fingerprint in known
            else f
            for f in report.findings
        ]
        out.append(with_findings(report, findings))
    return out


def _entry_keys(entries: list[dict[str, str]]) -> list[str]:
    return [e["fingerprint"] for e in entries]


def _key(path: str) -> str:
    """Paths compare as written relative to the cwd, with forward slashes, so CI runners agree."""
    candidate = Path(path)
    with contextlib.suppress(ValueError):  # outside the cwd: keep the path as given
        candidate = candidate.resolve().relative_to(Path.cwd().resolve())
    return candidate.as_posix()
