"""Renderers: reports → text in one format. An explicit registry, one module per format.

Every renderer has the signature ``render(reports, context=EMPTY_CONTEXT) -> str``; ``context`` carries what
is not in a report (files that failed, run-level notices, pillar names, document texts for line numbers).
Stability: ``json``/``jsonl``/``sarif``/``junit`` are contracts; ``github``/``gitlab`` follow their
platforms; ``text``/``markdown``/``html`` are for people and must not be parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..report import Report
from . import github, gitlab, html, jsonfmt, junit, markdown, sarif, text
from .context import EMPTY_CONTEXT, FileFailure, Notice, RunContext

Renderer = Callable[[Sequence[Report], RunContext], str]

RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "json": jsonfmt.render_json,
    "jsonl": jsonfmt.render_jsonl,
    "markdown": markdown.render,
    "html": html.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "gitlab": gitlab.render,
}


def render(fmt: str, reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    return RENDERERS[fmt](reports, context)


__all__ = ["EMPTY_CONTEXT", "RENDERERS", "FileFailure", "Notice", "RunContext", "render"]
