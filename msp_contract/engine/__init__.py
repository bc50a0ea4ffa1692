"""The review engine: document + rules + config → Report. Pure: no file output, no clock."""

from __future__ import annotations

from ..budget import DeadlineExceeded, time_budget
from ..config import DEFAULT_CONFIG, Config
from ..errors import ResourceLimitError
from ..model import Document
from ..report import SEVERITY_ORDER, DocumentInfo, ElementResult, Finding, Report, ToolInfo
from ..rulebook import RuleSet
from .clauses import evaluate_clauses
from .deal_terms import key_term_entries, sla_entries
from .elements import Context, evaluate_elements, global_outside, index_for
from .findings import element_findings, summarize
from .index import DocumentIndex
from .wording import document_wording_findings

__all__ = ["DocumentIndex", "review"]


def _selected(config: Config, *names: str) -> bool:
    if config.select and not any(n in config.select for n in names):
        return False
    return not any(n in config.ignore for n in names)


def review(
    document: Document,
    rules: RuleSet,
    config: Config = DEFAULT_CONFIG,
    *,
    timeout_seconds: float | None = None,
) -> Report:
    """Review ``document``; with ``timeout_seconds``, the review (rule matching and value extraction) stops
    with a ResourceLimitError when it runs past that budget: user rule files can be slow without being
    catastrophic, and hostile text (megabytes without a full stop) slows everything."""
    try:
        with time_budget(timeout_seconds):
            return _review(document, rules, config)
    except DeadlineExceeded:
        raise ResourceLimitError(
            document.source.path,
            f"reviewing took longer than timeout_seconds={timeout_seconds:g}",
            "raise Limits.timeout_seconds (--timeout), split the file, or simplify slow custom rule patterns",
        ) from None


def _review(document: Document, rules: RuleSet, config: Config) -> Report:
    from .. import __version__

    index = index_for(document, rules)
    clause_hits, clauses = evaluate_clauses(index, rules, config.sentence_model)
    ctx = Context(index, rules, clause_hits, config.thresholds, global_outside(rules))
    selected = [rule for rule in rules.elements if _selected(config, rule.id, f"pillar{rule.pillar}")]
    results = evaluate_elements(ctx, selected, config.sentence_model)
    elements: list[ElementResult] = []
    findings: list[Finding] = []
    for rule in selected:
        result = results[rule.id]
        elements.append(result)
        findings.extend(f for f in element_findings(result, config) if _selected(config, f.rule, rule.id))
    document_wording = document_wording_findings(ctx.index, rules, ctx.own_clauses, config, ctx.wording_hits)
    findings.extend(f for f in document_wording if _selected(config, f.rule))
    findings.sort(
        key=lambda f: (-SEVERITY_ORDER[f.severity], f.evidence[0].start if f.evidence else -1, f.rule)
    )
    return Report(
        tool=ToolInfo(
            version=__version__,
            blueprint=rules.blueprint.name,
            blueprint_version=rules.blueprint.version,
            rules_digest=rules.digest,
        ),
        document=DocumentInfo(
            path=document.source.path,
            format=document.source.format,
            pages=document.source.page_count,
            sha256=document.source.sha256,
            has_unresolved_revisions=document.has_unresolved_revisions,
            warnings=document.warnings,
        ),
        elements=tuple(elements),
        clauses=clauses,
        findings=tuple(findings),
        summary=summarize(elements, findings),
        key_terms=key_term_entries(ctx),
        sla_table=sla_entries(ctx),
    )
