"""The human review: per contract, grouped by pillar, gaps first, each with evidence and the ask.

Not a stable surface: people read it, scripts should use JSON.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..report import ElementResult, Evidence, Finding, Report
from .common import (
    STATUS_LABEL,
    by_pillar,
    cite,
    contract_findings,
    detection_note,
    element_findings,
    excerpt,
    own_evidence,
    raised_severity,
    ruled_out,
    summary_line,
)
from .context import EMPTY_CONTEXT, RunContext

_INDENT = " " * 11


def render(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    blocks = [render_one(report, context) for report in reports]
    # Failures go to stderr (the CLI prints them); run warnings belong to the review itself.
    tail = [f"warning: {n.message}" for n in context.notices]
    return "\n\n".join([*blocks, *(["\n".join(tail)] if tail else [])]) + "\n"


def render_one(report: Report, context: RunContext = EMPTY_CONTEXT) -> str:
    tool, doc = report.tool, report.document
    lines = [
        f"{doc.path} — {tool.blueprint} {tool.blueprint_version} review "
        f"({doc.format}, {doc.pages} page{'s' if doc.pages != 1 else ''})",
    ]
    lines += [f"  note: {w}" for w in doc.warnings]
    if doc.has_unresolved_revisions:
        lines.append("  note: the document has unresolved tracked changes; the review reads them as accepted")
    for pillar, elements in by_pillar(report):
        lines += ["", f"Pillar {pillar} · {context.pillar_name(pillar)}"]
        for element in elements:
            lines += _element(report, element)
    lines += _contract_wide(report)
    lines += _clauses(report)
    lines += ["", summary_line(report)]
    return "\n".join(lines)


def _element(report: Report, element: ElementResult) -> list[str]:
    head = f"  {STATUS_LABEL[element.status]:<8} {element.title}"
    severity = raised_severity(report, element.id)
    if severity:  # what the element adds to the summary and the exit code, never the rule's setting
        head += f" [{severity}]"
    if element.status == "present":
        where = f" — {cite(element.evidence[0])}" if element.evidence else ""
        note = detection_note(element)
        shown = element.evidence[0] if element.evidence else None
        advisory = [line for f in element_findings(report, element.id) for line in _finding(f, shown)]
        return [head + where + (f" ({note})" if note else ""), *advisory, *_ruled_out(element)]
    lines = [head]
    if element.evidence:
        ev = element.evidence[0]
        lines.append(f'{_INDENT}Evidence: "{excerpt(ev)}" ({cite(ev)})')
        note = detection_note(element)
        if note:
            lines.append(f"{_INDENT}  ({note})")
    shown = element.evidence[0] if element.evidence else None
    for finding in element_findings(report, element.id):
        if finding.kind != "missing":
            lines += _finding(finding, shown)
        elif finding.suppressed:
            lines.append(f"{_INDENT}suppressed: {finding.suppression or 'suppressed'}")
    lines += _ruled_out(element)
    if element.ask:
        lines += _wrap(f"Ask: {element.ask}")
    return lines


def _ruled_out(element: ElementResult) -> list[str]:
    """Requirements the contract itself rules out, with the sentence that does."""
    return [
        f'{_INDENT}n/a: {"; ".join(titles)}: "{excerpt(ev, 120)}" ({cite(ev)})'
        for titles, ev in ruled_out(element)
    ]


def _finding(finding: Finding, shown: Evidence | None) -> list[str]:
    mark = f" (suppressed: {finding.suppression})" if finding.suppressed else ""
    lines = [f"{_INDENT}- [{finding.severity}] {finding.message}{mark}"]
    ev = own_evidence(finding, shown)
    if ev is not None:
        lines.append(f'{_INDENT}  "{excerpt(ev, 120)}" ({cite(ev)})')
    return lines


def _contract_wide(report: Report) -> list[str]:
    findings = contract_findings(report)
    if not findings:
        return []
    lines = ["", "Contract-wide wording (outside the clauses of any element)"]
    for finding in findings:
        mark = f" (suppressed: {finding.suppression})" if finding.suppressed else ""
        lines.append(f"  - [{finding.severity}] {finding.message}{mark}")
        lines += [f'{_INDENT}"{excerpt(ev, 120)}" ({cite(ev)})' for ev in finding.evidence]
    return lines


def _clauses(report: Report) -> list[str]:
    if not report.clauses:
        return ["", "Clause inventory: none of the tracked clause types found"]
    lines = ["", "Clause inventory"]
    for clause in report.clauses:
        value = f": {clause.value}" if clause.value else ""
        where = f" — {cite(clause.evidence[0])}" if clause.evidence else ""
        note = detection_note(clause)
        lines.append(f"  {clause.title}{value}{where}" + (f" ({note})" if note else ""))
    return lines


def _wrap(text: str) -> list[str]:
    flat = " ".join(text.split())
    return textwrap.wrap(flat, width=100, initial_indent=_INDENT, subsequent_indent=_INDENT + "  ")
