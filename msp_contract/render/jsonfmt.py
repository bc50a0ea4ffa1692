"""JSON (one report object, or an array for several files) and JSON Lines (one record per line).

Both go through ``Report.model_dump(mode="json")`` so they always match the published report schema.
A file that failed is an error record ``{"path": ..., "error": {"type": ..., "message": ...}}``; JSON Lines
also carries run-level warnings as ``{"warning": {"code": ..., "message": ..., "source": ...}}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..report import Report
from .context import EMPTY_CONTEXT, RunContext


def _records(reports: Sequence[Report], context: RunContext) -> list[dict[str, Any]]:
    """Reports and error records in the order the files were given (a stable sort: unknown paths last)."""
    position = {path: i for i, path in enumerate(context.paths)}
    records = [(r.document.path, r.model_dump(mode="json")) for r in reports]
    records += [(f.path, f.record()) for f in context.failures]
    records.sort(key=lambda item: position.get(item[0], len(position)))
    return [record for _, record in records]


def render_json(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    records = _records(reports, context)
    payload: Any = records[0] if len(records) == 1 else records
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def render_jsonl(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    records = _records(reports, context) + [n.record() for n in context.notices]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
