import re

from msp_contract.model import Document, Page, SourceInfo, Table, TableCell
from msp_contract.values.sla import key_terms, sla_table


def _document(text: str, table_lines: int) -> Document:
    """A Document whose first ``table_lines`` lines form a pipe-separated table."""
    cells: list[TableCell] = []
    position, n_cols = 0, 0
    lines = text.split("\n")[:table_lines]
    for row, line in enumerate(lines):
        for col, match in enumerate(re.finditer(r"[^|]+", line)):
            start, end = position + match.start(), position + match.end()
            while text[start] == " ":
                start += 1
            while text[end - 1] == " ":
                end -= 1
            cells.append(TableCell(start, end, row, col))
            n_cols = max(n_cols, col + 1)
        position += len(line) + 1
    table = Table(0, position - 1, 1, len(lines), n_cols, tuple(cells))
    source = SourceInfo("test.txt", "txt", "0" * 64, len(text), 1)
    return Document(source, text, (Page(1, 0, len(text)),), tables=(table,))


TEXT = (
    "Priority | Response Time | Resolution Time | Service Credit\n"
    "Priority 1 | 15 minutes | 4 hours | 5%\n"
    "Priority 2 | 1 hour | 1 Business Day | 2%\n"
    "\n"
    "The Service will be available 99.9% per calendar month. "
    "This Agreement is governed by the laws of the State of New York. "
    "The Agreement renews automatically for successive one (1) year periods unless either party gives notice of "
    "non-renewal at least sixty (60) days prior to the end of the then-current term."
)


def test_sla_table_reads_table_rows_and_prose() -> None:
    document = _document(TEXT, 3)
    rows = [(r.metric, r.target, r.priority, r.remedy, r.window, r.source) for r in sla_table(document)]
    assert rows == [
        ("response_time", "15 minutes", "P1", "5%", None, "table"),
        ("resolution_time", "4 hours", "P1", "5%", None, "table"),
        ("response_time", "1 hour", "P2", "2%", None, "table"),
        ("resolution_time", "1 business day", "P2", "2%", "business hours (09:00-17:00 Mon-Fri)", "table"),
        ("availability", "99.9%", None, None, "month", "prose"),
    ]


def test_sla_spans_point_into_document_text() -> None:
    document = _document(TEXT, 3)
    first = sla_table(document)[0]
    assert document.text[first.start : first.end] == "Priority 1 | 15 minutes | 4 hours | 5%"
    assert first.duration is not None
    assert document.text[first.duration.start : first.duration.end] == "15 minutes"


def test_headerless_table() -> None:
    text = "P1 | 30 minutes | 8 hours\nP2 | 2 hours | 24 hours"
    rows = [(r.priority, r.metric, r.target) for r in sla_table(_document(text, 2))]
    assert rows == [
        ("P1", "response_time", "30 minutes"),
        ("P1", "resolution_time", "8 hours"),
        ("P2", "response_time", "2 hours"),
        ("P2", "resolution_time", "24 hours"),
    ]


def test_key_terms() -> None:
    terms = key_terms(_document(TEXT, 3))
    assert terms.governing_law is not None and terms.governing_law.jurisdiction == "New York"
    assert terms.term.renewal_term is not None and terms.term.renewal_term.normalized == "1 year"
    assert terms.term.non_renewal_notice is not None and terms.term.non_renewal_notice.normalized == "60 days"
    assert [n.purpose for n in terms.notice_periods] == ["non_renewal"]
    assert key_terms(TEXT).governing_law == terms.governing_law
