"""Markdown review (procurement packs, PR comments, the GitHub job summary, ``_repr_markdown_``).

Contract text is untrusted: every piece of it goes through ``md_escape`` so a contract containing
``<script>``, raw HTML or ``[x](javascript:...)`` renders as literal text, never as markup or a link.
"""

from __future__ import annotations

import html
import re
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
    ruled_out,
    summary_line,
)
from .context import EMPTY_CONTEXT, RunContext

# '-', '+' and '!' only matter at a line start or before '[' (escaped anyway); every cell is one line.
_SPECIAL = re.compile(r"([\\`*_\[\]()#|~>])")
_STATUS_ICON = {"missing": "❌", "weak": "⚠️", "present": "✅"}


def md_escape(text: str) -> str:
    """Literal text in Markdown: HTML-escape (so raw tags are inert), backslash-escape Markdown syntax,
    and break URL schemes so autolinkers cannot turn ``javascript:`` or ``https:`` into links."""
    flat = " ".join(text.split())
    escaped = html.escape(flat, quote=False)  # quotes are harmless in Markdown; &#x27; would be mangled
    escaped = _SPECIAL.sub(r"\\\1", escaped)
    return re.sub(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//|[a-z])", r"\1&#58;", escaped)


def render(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    parts = [render_one(report, context) for report in reports]
    if context.failures:
        parts.append(
            "## Files that could not be reviewed\n\n"
            + "\n".join(f"- `{md_escape(f.path)}`: {md_escape(f.reason)}" for f in context.failures)
        )
    if context.notices:
        parts.append("## Warnings\n\n" + "\n".join(f"- {md_escape(n.message)}" for n in context.notices))
    return "\n\n".join(parts) + "\n"


def render_one(report: Report, context: RunContext = EMPTY_CONTEXT) -> str:
    doc, tool = report.document, report.tool
    lines = [
        f"# Contract review: {md_escape(doc.path)}",
        "",
        f"{md_escape(tool.blueprint)} {md_escape(tool.blueprint_version)} · {doc.format} · "
        f"{doc.pages} page(s) · {md_escape(summary_line(report).split(': ', 1)[1])}",
    ]
    for pillar, elements in by_pillar(report):
        lines += ["", f"## Pillar {pillar}: {md_escape(context.pillar_name(pillar))}", ""]
        lines += ["| Status | Element | Evidence | Ask |", "|---|---|---|---|"]
        lines += [_row(report, element) for element in elements]
    lines += _contract_wide(report)
    lines += _clauses(report)
    return "\n".join(lines)


def _row(report: Report, element: ElementResult) -> str:
    status = f"{_STATUS_ICON[element.status]} {STATUS_LABEL[element.status]}"
    evidence = ""
    shown = element.evidence[0] if element.evidence else None
    if shown is not None:
        evidence = _quote(shown)
        note = detection_note(element)
        evidence += f" *({md_escape(note)})*" if note else ""
    notes = [
        _note(f, shown) for f in element_findings(report, element.id) if f.kind != "missing" or f.suppressed
    ]
    notes += [f"n/a: {md_escape('; '.join(titles))} ({_quote(ev)})" for titles, ev in ruled_out(element)]
    ask = md_escape(element.ask or "")
    if notes:
        ask = "<br>".join([*notes, ask] if ask else notes)
    return f"| {status} | {md_escape(element.title)} | {evidence} | {ask} |"


def _quote(ev: Evidence) -> str:
    return f"“{md_escape(excerpt(ev, 120))}” ({md_escape(cite(ev))})"


def _note(finding: Finding, shown: Evidence | None) -> str:
    """A finding in the Ask cell: its message, the quote it is about (unless that is the element's evidence
    beside it), and its suppression."""
    ev = own_evidence(finding, shown)
    quote = f" {_quote(ev)}" if ev is not None else ""
    suppressed = f" *(suppressed: {md_escape(finding.suppression or '')})*" if finding.suppressed else ""
    return md_escape(finding.message) + suppressed + quote


def _contract_wide(report: Report) -> list[str]:
    findings = contract_findings(report)
    if not findings:
        return []
    lines = ["", "## Contract-wide wording", ""]
    for finding in findings:
        suppressed = f" *(suppressed: {md_escape(finding.suppression or '')})*" if finding.suppressed else ""
        quotes = "".join(f"<br>{_quote(ev)}" for ev in finding.evidence)
        lines.append(f"- **{finding.severity}** {md_escape(finding.message)}{suppressed}{quotes}")
    return lines


def _clauses(report: Report) -> list[str]:
    if not report.clauses:
        return []
    lines = ["", "## Clause inventory", "", "| Clause | Value | Where |", "|---|---|---|"]
    for clause in report.clauses:
        where = md_escape(cite(clause.evidence[0])) if clause.evidence else ""
        note = detection_note(clause)
        where += f" *({md_escape(note)})*" if note else ""
        lines.append(f"| {md_escape(clause.title)} | {md_escape(clause.value or '')} | {where} |")
    return lines
