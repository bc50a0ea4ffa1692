"""Document-level helpers: the SLA table (from tables and prose) and a key-terms summary.

These take a ``Document`` because SLA schedules are usually tables; every row keeps the span of the cells
(or sentence) it came from so the engine can quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Table
from .deal import LiabilityCap, liability_caps
from .durations import Duration, find_durations
from .law import GoverningLaw, governing_law
from .percent import find_percentages
from .renewal import NoticePeriod, TermAndRenewal, notice_periods, term_and_renewal
from .service_levels import _PRIORITY, availability_targets, normalize_priority, response_times
from .terms import BusinessCalendar, find_definitions


@dataclass(frozen=True, slots=True)
class SlaRow:
    metric: str  # "availability", "response_time", "resolution_time", "restore_time", "update_time", or as written
    target: str  # "99.9%", "15 minutes", "4 business hours"
    window: str | None  # measurement window ("month") or coverage ("24x7")
    priority: str | None  # "P1", "critical", ...
    remedy: str | None  # credit text from a remedy/credit column
    start: int  # evidence: the table row's cells or the sentence
    end: int
    duration: Duration | None = None
    percent: float | None = None
    source: str = "table"  # "table" or "prose"


@dataclass(frozen=True, slots=True)
class KeyTerms:
    term: TermAndRenewal
    notice_periods: tuple[NoticePeriod, ...]
    liability_caps: tuple[LiabilityCap, ...]
    governing_law: GoverningLaw | None
    business_calendar: BusinessCalendar


_COLUMN_ROLES: tuple[tuple[str, str], ...] = (
    ("priority", r"priority|severity|sev\b|level|category|impact|incident\s+type|class"),
    ("response_time", r"respon|acknowledg|reaction"),
    ("resolution_time", r"resol|fix|repair|closure"),
    ("restore_time", r"restor|recover|work[\s-]?around"),
    ("update_time", r"update|status"),
    ("remedy", r"credit|remed|penalt|rebate"),
    ("target", r"target|availab|service\s+level|sla|threshold|commitment|minimum"),
    ("metric", r"metric|measure|service|kpi|description|name"),
)


def _roles(header: list[str]) -> dict[int, str]:
    """Column index -> role, from header cell wording (first matching role wins per column)."""
    roles: dict[int, str] = {}
    for index, cell in enumerate(header):
        for role, pattern in _COLUMN_ROLES:
            if re.search(pattern, cell, re.I) and role not in roles.values():
                roles[index] = role
                break
    return roles


def _row_span(table: Table, row: int) -> tuple[int, int]:
    cells = [c for c in table.cells if c.row == row]
    return (min(c.start for c in cells), max(c.end for c in cells)) if cells else (table.start, table.end)


def _table_rows(text: str, table: Table, calendar: BusinessCalendar) -> list[SlaRow]:
    grid = table.rows(text)
    if len(grid) < 2:
        return []
    roles = _roles(grid[0])
    if not roles:  # headerless: "Priority 1 | 15 minutes | 4 hours"
        roles = {0: "priority", 1: "response_time", 2: "resolution_time"} if table.n_cols >= 3 else {}
        body = grid
    else:
        body = grid[1:]
    starts = {(c.row, c.col): c.start for c in table.cells}
    rows: list[SlaRow] = []
    for offset, cells in enumerate(body):
        row_index = offset + (len(grid) - len(body))
        cell_starts = [starts.get((row_index, col), 0) for col in range(len(cells))]
        rows.extend(_rows_from(cells, cell_starts, roles, _row_span(table, row_index), calendar))
    return rows


def _rows_from(
    cells: list[str],
    starts: list[int],
    roles: dict[int, str],
    span: tuple[int, int],
    calendar: BusinessCalendar,
) -> list[SlaRow]:
    """SLA rows from one table row; durations are shifted from cell to document offsets."""

    def column(role: str) -> int | None:
        return next((i for i, r in roles.items() if r == role and i < len(cells) and cells[i].strip()), None)

    def cell(role: str) -> str | None:
        index = column(role)
        return cells[index] if index is not None else None

    priority_cell = cell("priority")
    priority = (
        normalize_priority(priority_cell) if priority_cell and _PRIORITY.search(priority_cell) else None
    )
    remedy = cell("remedy")
    out: list[SlaRow] = []
    for role in ("response_time", "resolution_time", "restore_time", "update_time"):
        index = column(role)
        durations = find_durations(cells[index]) if index is not None else ()
        if index is not None and durations:
            d = durations[0]
            shifted = Duration(
                d.value,
                d.unit,
                d.business,
                d.qualifier,
                d.start + starts[index],
                d.end + starts[index],
                d.max_value,
            )
            # business-time targets run on the contract's own business hours
            coverage = f"business hours ({calendar.describe()})" if d.business else None
            out.append(
                SlaRow(role, d.normalized, coverage, priority, remedy, span[0], span[1], duration=shifted)
            )
    target = cell("target")
    pcts = find_percentages(target) if target else ()
    if pcts:
        metric = (cell("metric") or "availability").strip()
        name = (
            "availability"
            if re.search(r"availab|up[\s-]?time", metric + " " + (target or ""), re.I)
            else metric
        )
        window = next((w for w in ("month", "quarter", "year") if re.search(w, " ".join(cells), re.I)), None)
        out.append(
            SlaRow(
                name, pcts[0].normalized, window, priority, remedy, span[0], span[1], percent=pcts[0].value
            )
        )
    return out


def _inside_table(document: Document, start: int) -> bool:
    return any(t.start <= start < t.end for t in document.tables)


def sla_table(document: Document) -> tuple[SlaRow, ...]:
    """Service levels from the document's tables, then from prose outside them, in document order."""
    rows: list[SlaRow] = []
    calendar = find_definitions(document.text).calendar
    for table in document.tables:
        rows.extend(_table_rows(document.text, table, calendar))
    for rt in response_times(document.text, calendar):
        if not _inside_table(document, rt.duration.start):
            rows.append(
                SlaRow(
                    f"{rt.kind}_time",
                    rt.duration.normalized,
                    rt.coverage,
                    rt.priority,
                    None,
                    rt.start,
                    rt.end,
                    duration=rt.duration,
                    source="prose",
                )
            )
    for target in availability_targets(document.text):
        if not _inside_table(document, target.start):
            rows.append(
                SlaRow(
                    "availability",
                    f"{target.percent:g}%",
                    target.window,
                    None,
                    None,
                    target.sentence_start,
                    target.sentence_end,
                    percent=target.percent,
                    source="prose",
                )
            )
    return tuple(sorted(rows, key=lambda r: r.start))


def key_terms(document: Document | str) -> KeyTerms:
    """Term and renewal, notice periods, liability caps, governing law and the business calendar."""
    text = document if isinstance(document, str) else document.text
    return KeyTerms(
        term=term_and_renewal(text),
        notice_periods=notice_periods(text),
        liability_caps=liability_caps(text),
        governing_law=governing_law(text),
        business_calendar=find_definitions(text).calendar,
    )
