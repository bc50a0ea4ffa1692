"""Notebook views of a Report and a Portfolio: HTML and Markdown (escaped, no JavaScript) and DataFrames.

pandas is optional (``pip install msp-contract[pandas]``) and imported only when a DataFrame is asked for.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from .render.common import STATUS_LABEL, cite, raised_severity
from .render.html import CSS, report_fragment
from .render.markdown import render_one
from .report import Report

if TYPE_CHECKING:
    from .batch import Portfolio

PANDAS_HINT = "to_pandas() needs pandas: pip install msp-contract[pandas]"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(PANDAS_HINT) from None
    return pandas


def report_html(report: Report) -> str:
    return report_fragment(report)


def report_markdown(report: Report) -> str:
    return render_one(report)


def element_rows(report: Report) -> list[dict[str, Any]]:
    """One plain dict per element: what ``to_pandas`` tabulates (also usable without pandas)."""
    rows = []
    for element in report.elements:
        ev = element.evidence[0] if element.evidence else None
        findings = [f for f in report.findings if f.element == element.id]
        rows.append(
            {
                "element": element.id,
                "pillar": element.pillar,
                "title": element.title,
                "status": element.status,
                # the rule's setting (what the element raises when missing), and what it raises here
                "severity": element.severity,
                "finding_severity": raised_severity(report, element.id),  # None: nothing raised
                "quote": ev.quote if ev else None,
                "section": ev.section if ev else None,
                "page": ev.page if ev else None,
                "citation": cite(ev) if ev else None,
                "detected_by": element.detected_by,
                "findings": sum(not f.suppressed for f in findings),
                "suppressed": sum(f.suppressed for f in findings),
                "ask": element.ask,
            }
        )
    return rows


def report_frame(report: Report) -> Any:
    pandas = _pandas()
    return pandas.DataFrame(element_rows(report)).set_index("element")


def portfolio_frame(portfolio: Portfolio) -> Any:
    """Contracts (rows) × elements (columns), each cell a status; failed files are left out."""
    pandas = _pandas()
    statuses = portfolio.statuses()
    frame = pandas.DataFrame.from_dict(statuses, orient="index")
    frame.index.name = "contract"
    return frame


def portfolio_html(portfolio: Portfolio) -> str:
    statuses = portfolio.statuses()
    element_ids: list[str] = list(dict.fromkeys(e for row in statuses.values() for e in row))
    head = "".join(f"<th>{escape(e)}</th>" for e in element_ids)
    rows = []
    for path, row in statuses.items():
        cells = "".join(
            f'<td class="{escape(row.get(e, ""))}">{STATUS_LABEL.get(row.get(e, ""), "")}</td>'
            for e in element_ids
        )
        rows.append(f"<tr><th>{escape(path)}</th>{cells}</tr>")
    failed = "".join(
        f"<li><code>{escape(f.path)}</code>: {escape(f.reason)}</li>" for f in portfolio.failures
    )
    parts = [
        f'<div class="mspc"><style>{CSS}</style>',
        f"<p>{len(portfolio.reports)} contracts reviewed, {len(portfolio.failures)} could not be read</p>",
        f"<table><tr><th>contract</th>{head}</tr>{''.join(rows)}</table>",
        f"<ul>{failed}</ul>" if failed else "",
        "</div>",
    ]
    return "".join(parts)
