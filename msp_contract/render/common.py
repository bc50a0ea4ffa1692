"""Small helpers shared by the renderers: ordering elements gaps-first, citing evidence, trimming quotes."""

from __future__ import annotations

from collections.abc import Iterable

from ..report import SEVERITY_ORDER, ClauseResult, ElementResult, Evidence, Finding, Report, Severity

STATUS_ORDER = {"missing": 0, "weak": 1, "present": 2}
STATUS_LABEL = {"missing": "MISSING", "weak": "WEAK", "present": "PRESENT"}


def by_pillar(report: Report) -> list[tuple[int, list[ElementResult]]]:
    """Elements grouped by pillar (in pillar order), gaps first within a pillar: missing, weak, present."""
    pillars = sorted({e.pillar for e in report.elements})
    order = {e.id: i for i, e in enumerate(report.elements)}
    return [
        (
            pillar,
            sorted(
                (e for e in report.elements if e.pillar == pillar),
                key=lambda e: (STATUS_ORDER[e.status], order[e.id]),
            ),
        )
        for pillar in pillars
    ]


def trim(quote: str, limit: int = 160, *, cut_before: bool = False, cut_after: bool = False) -> str:
    """One line, at most ``limit`` characters: enough to recognise the clause, never a dump. A longer text is
    cut at a word boundary; "…" marks each end where the text goes on (``cut_before``/``cut_after``: it
    already did, in the document)."""
    flat = " ".join(quote.split())
    lead, tail = ("…" if cut_before else ""), ("…" if cut_after else "")
    if len(lead) + len(flat) + len(tail) <= limit:
        return lead + flat + tail
    room = flat[: max(limit - len(lead) - 1, 1)]
    space = room.rfind(" ")
    shown = room[:space] if space > len(room) // 2 else room  # a word longer than half the room is cut
    return lead + shown.rstrip(" ,;:") + "…"


def excerpt(evidence: Evidence, limit: int = 160) -> str:
    """The evidence quote for a reader, one line of at most ``limit`` characters, with "…" where the
    contract's sentence goes on beyond it."""
    return trim(evidence.quote, limit, cut_before=evidence.trimmed_start, cut_after=evidence.trimmed_end)


def cite(evidence: Evidence) -> str:
    """'§12.3 Service Credits, p.4' (or just 'p.4' outside any numbered clause)."""
    parts = []
    if evidence.section:
        parts.append(f"§{evidence.section}" + (f" {evidence.heading}" if evidence.heading else ""))
    elif evidence.heading:
        parts.append(evidence.heading)
    parts.append(f"p.{evidence.page}")
    return ", ".join(parts)


def detection_note(result: ElementResult | ClauseResult) -> str | None:
    """Why a reader should check the quote first: no rule pattern found it, the sentence model did."""
    if result.detected_by != "model":
        return None
    score = f", p={result.model_score:.2f}" if result.model_score is not None else ""
    return f"found by the sentence model{score}: no rule pattern matched; check the quote"


def element_findings(report: Report, element_id: str) -> list[Finding]:
    return [f for f in report.findings if f.element == element_id]


def contract_findings(report: Report) -> list[Finding]:
    """Findings no element claims: wording outside every element's clauses, quoted where it occurs."""
    return [f for f in report.findings if f.element is None]


def raised_severity(report: Report, element_id: str) -> Severity | None:
    """The highest severity among the element's unsuppressed findings, None when it raises none: what it adds
    to the summary and the exit code (``ElementResult.severity`` is the rule's setting, what a missing element
    raises; a weak element's unmet requirements are usually one level lower)."""
    live = unsuppressed(element_findings(report, element_id))
    return max((f.severity for f in live), key=SEVERITY_ORDER.__getitem__, default=None)


def own_evidence(finding: Finding, shown: Evidence | None) -> Evidence | None:
    """The quote behind a finding when it is not the element's evidence already shown beside it (a wording
    finding's sentence, a policy finding's value): the reader must see what the finding is about."""
    if finding.evidence and finding.evidence[0] != shown:
        return finding.evidence[0]
    return None


def unsuppressed(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if not f.suppressed]


def summary_line(report: Report) -> str:
    s = report.summary
    counts = ", ".join(f"{s.findings.get(k, 0)} {k}" for k in ("error", "warning", "info"))
    waived = f", {s.suppressed} suppressed" if s.suppressed else ""
    return (
        f"{report.document.path}: {s.present} present, {s.weak} weak, {s.missing} missing "
        f"of {s.elements} elements; findings: {counts}{waived}"
    )


def ruled_out(element: ElementResult) -> list[tuple[list[str], Evidence]]:
    """Requirements the contract itself rules out, grouped by the sentence that does (titles, evidence)."""
    groups: dict[tuple[int, int], tuple[list[str], Evidence]] = {}
    for requirement in element.requirements:
        if not requirement.applicable and requirement.evidence:
            ev = requirement.evidence[0]
            groups.setdefault((ev.start, ev.end), ([], ev))[0].append(requirement.title)
    return list(groups.values())
