"""GitLab Code Quality JSON (``artifacts: reports: codequality:``): one issue per unsuppressed finding.

Fingerprints are the stable finding fingerprints (never line-based) qualified by the file path, so GitLab
deduplicates findings across pipelines after edits. Severity: error→major, warning→minor, info→info.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ..report import Finding, Report
from .common import cite
from .context import EMPTY_CONTEXT, RunContext
from .locations import artifact_path

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    issues = [_issue(r, f, context) for r in reports for f in r.findings if not f.suppressed]
    issues += [
        {
            "type": "issue",
            "description": failure.message,
            "check_name": f"input.{failure.type}",
            "fingerprint": _hash("input", failure.path, failure.type),
            "severity": "blocker",
            "location": {"path": artifact_path(failure.path), "lines": {"begin": 1}},
        }
        for failure in context.failures
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(report: Report, finding: Finding, context: RunContext) -> dict[str, Any]:
    path = artifact_path(report.document.path)
    line = 1
    description = finding.message
    if finding.evidence:
        ev = finding.evidence[0]
        line = context.line_of(report.document.path, ev.start, ev.quote) or 1
        description += f" ({cite(ev)})"
    return {
        "type": "issue",
        "description": description,
        "content": {"body": " ".join(finding.ask.split())},
        "check_name": finding.rule,
        "categories": ["Compatibility" if finding.kind == "missing" else "Clarity"],
        "fingerprint": _hash(path, finding.fingerprint),
        "severity": SEVERITY[finding.severity],
        "location": {"path": path, "lines": {"begin": line}},
    }


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]
