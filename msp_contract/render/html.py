"""Static HTML review: one self-contained page, inline CSS, no JavaScript, no external assets.

Every string from the contract or the rules goes through ``html.escape``; the same fragment builder is
used by ``Report._repr_html_`` in notebooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..report import ClauseResult, ElementResult, Evidence, Finding, Report
from .common import (
    STATUS_LABEL,
    by_pillar,
    cite,
    contract_findings,
    detection_note,
    element_findings,
    excerpt,
    own_evidence,
    summary_line,
)
from .context import EMPTY_CONTEXT, RunContext

CSS = (
    ".mspc{font-family:system-ui,sans-serif;font-size:14px;line-height:1.4}"
    ".mspc table{border-collapse:collapse;margin:.4em 0 1em}"
    ".mspc td,.mspc th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
    ".mspc .missing{background:#fde2e2}.mspc .weak{background:#fff4d6}.mspc .present{background:#e6f6e6}"
    ".mspc .quote{font-style:italic}.mspc .cite{color:#555;font-size:12px}.mspc .supp{color:#777}"
)


def e(text: object) -> str:
    return escape(str(text), quote=True)


def render(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    body = "\n".join(report_fragment(r, context) for r in reports)
    if context.failures:
        items = "".join(f"<li><code>{e(f.path)}</code>: {e(f.reason)}</li>" for f in context.failures)
        body += f'\n<div class="mspc"><h2>Files that could not be reviewed</h2><ul>{items}</ul></div>'
    if context.notices:
        items = "".join(f"<li>{e(n.message)}</li>" for n in context.notices)
        body += f'\n<div class="mspc"><h2>Warnings</h2><ul>{items}</ul></div>'
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>msp-contract review</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def report_fragment(report: Report, context: RunContext = EMPTY_CONTEXT) -> str:
    """The review of one contract as an HTML fragment (no <html> wrapper): also the notebook view."""
    parts = [
        f'<div class="mspc"><style>{CSS}</style>',
        f"<h2>Contract review: {e(report.document.path)}</h2>",
        f"<p>{e(report.tool.blueprint)} {e(report.tool.blueprint_version)} · {e(summary_line(report))}</p>",
    ]
    for pillar, elements in by_pillar(report):
        parts.append(f"<h3>Pillar {pillar}: {e(context.pillar_name(pillar))}</h3>")
        parts.append("<table><tr><th>Status</th><th>Element</th><th>Evidence</th><th>Ask</th></tr>")
        parts += [_row(report, element) for element in elements]
        parts.append("</table>")
    parts.append(_contract_wide(report))
    parts.append(_clauses(report))
    parts.append("</div>")
    return "".join(parts)


def _quote(ev: Evidence, limit: int = 160) -> str:
    return f'<span class="quote">“{e(excerpt(ev, limit))}”</span> <span class="cite">{e(cite(ev))}</span>'


def _row(report: Report, element: ElementResult) -> str:
    evidence = ""
    shown = element.evidence[0] if element.evidence else None
    if shown is not None:
        evidence = _quote(shown)
        note = detection_note(element)
        evidence += f' <span class="cite">({e(note)})</span>' if note else ""
    notes = "".join(
        _note_item(f, shown)
        for f in element_findings(report, element.id)
        if f.kind != "missing" or f.suppressed
    )
    ask = (f"<ul>{notes}</ul>" if notes else "") + e(element.ask or "")
    return (
        f'<tr class="{element.status}"><td>{STATUS_LABEL[element.status]}</td><td>{e(element.title)}</td>'
        f"<td>{evidence}</td><td>{ask}</td></tr>"
    )


def _note_item(finding: Finding, shown: Evidence | None) -> str:
    """A finding as a list item: its message, the quote it is about (unless that is the element's evidence
    beside it), and its suppression."""
    ev = own_evidence(finding, shown)
    quote = f"<br>{_quote(ev, 120)}" if ev is not None else ""
    suppressed = f" (suppressed: {e(finding.suppression or '')})" if finding.suppressed else ""
    return f'<li class="{"supp" if finding.suppressed else ""}">{e(finding.message)}{suppressed}{quote}</li>'


def _note(clause: ClauseResult) -> str:
    note = detection_note(clause)
    return f' <span class="cite">({e(note)})</span>' if note else ""


def _contract_wide(report: Report) -> str:
    findings = contract_findings(report)
    if not findings:
        return ""
    items = "".join(_contract_item(f) for f in findings)
    return f"<h3>Contract-wide wording</h3><ul>{items}</ul>"


def _contract_item(finding: Finding) -> str:
    """A finding no element claims, with every place it quotes."""
    quotes = "".join(f"<br>{_quote(ev, 120)}" for ev in finding.evidence)
    suppressed = f" (suppressed: {e(finding.suppression or '')})" if finding.suppressed else ""
    return f'<li class="{"supp" if finding.suppressed else ""}">{e(finding.message)}{suppressed}{quotes}</li>'


def _clauses(report: Report) -> str:
    if not report.clauses:
        return ""
    rows = "".join(
        f"<tr><td>{e(c.title)}</td><td>{e(c.value or '')}</td>"
        f"<td>{e(cite(c.evidence[0])) if c.evidence else ''}{_note(c)}</td></tr>"
        for c in report.clauses
    )
    return (
        f"<h3>Clause inventory</h3><table><tr><th>Clause</th><th>Value</th><th>Where</th></tr>{rows}</table>"
    )
