"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

GitHub shows at most 10 annotations per level per step. When the CLI appends the full Markdown review to
``$GITHUB_STEP_SUMMARY`` (``RunContext.job_summary``), each level is capped at 10 with a final notice
pointing at that summary; without one (a local run) every finding is printed, as nothing else lists them.
Suppressed findings are not annotated (they are listed in the summary). Exit codes are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..report import Finding, Report
from .common import cite
from .context import EMPTY_CONTEXT, RunContext
from .locations import artifact_path

CAP = 10
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """Escape a message body per the workflow-command rules."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """Escape a property value (also ',' and ':', which delimit properties)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    lines: list[str] = []
    shown = {"error": 0, "warning": 0, "info": 0}
    hidden = 0
    for report in reports:
        for finding in report.findings:
            if finding.suppressed:
                continue
            if context.job_summary and shown[finding.severity] >= CAP:
                hidden += 1
                continue
            shown[finding.severity] += 1
            lines.append(_annotation(report, finding, context))
    for failure in context.failures:
        lines.append(
            f"::error file={_prop(artifact_path(failure.path))},title=unreadable contract::{_data(failure.message)}"
        )
    for notice in context.notices:
        lines.append(f"::warning title={_prop(notice.code)}::{_data(notice.message)}")
    if hidden:
        lines.append(f"::notice title=msp-contract::{hidden} more findings are listed in the job summary")
    return "".join(line + "\n" for line in lines)


def _annotation(report: Report, finding: Finding, context: RunContext) -> str:
    props = [f"file={_prop(artifact_path(report.document.path))}"]
    body = finding.message
    if finding.evidence:
        ev = finding.evidence[0]
        line = context.line_of(report.document.path, ev.start, ev.quote)
        if line is not None:
            props.append(f"line={line}")
        body += f" ({cite(ev)})"
    if finding.ask:
        body += "\nAsk: " + " ".join(finding.ask.split())
    props.append(f"title={_prop(finding.rule)}")
    return f"::{COMMAND[finding.severity]} {','.join(props)}::{_data(body)}"
