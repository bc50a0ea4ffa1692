"""The SLA table and key deal terms of a document, as report entries with evidence."""

from __future__ import annotations

from collections.abc import Iterator

from ..report import KeyTerm, SlaEntry
from ..values.deal import LiabilityCap
from ..values.numbers import format_number
from ..values.sla import KeyTerms, key_terms, sla_table
from .evidence import make_evidence
from .index import DocumentIndex


def sla_entries(index: DocumentIndex) -> tuple[SlaEntry, ...]:
    return tuple(
        SlaEntry(
            metric=row.metric,
            target=row.target,
            window=row.window,
            priority=row.priority,
            remedy=row.remedy,
            evidence=make_evidence(index, row.start, row.end),
        )
        for row in sla_table(index.document)
    )


def _cap_text(cap: LiabilityCap) -> str | None:
    if cap.amount is not None:
        currency = f"{cap.amount.currency} " if cap.amount.currency else ""
        value = f"{currency}{cap.amount.amount:,.0f}"
    elif cap.basis is not None:
        multiple = "" if cap.basis.multiple == 1 else f"{format_number(cap.basis.multiple)}x "
        lookback = f" in the preceding {cap.basis.lookback.normalized}" if cap.basis.lookback else ""
        value = f"{multiple}{cap.basis.kind.replace('_', ' ')}{lookback}"
    else:
        return None
    if cap.carve_outs:
        value += f" (except {', '.join(cap.carve_outs)})"
    return value


def _terms(terms: KeyTerms) -> Iterator[tuple[str, str, tuple[int, int] | None]]:
    term = terms.term
    if term.initial_term is not None:
        yield "initial_term", term.initial_term.normalized, term.initial_span
    if term.renewal_term is not None:
        prefix = "successive " if term.renewal_successive else ""
        yield "renewal_term", prefix + term.renewal_term.normalized, term.renewal_span
    elif term.renewal_perpetual:
        yield "renewal_term", "perpetual", term.renewal_span
    if term.auto_renewal is not None:
        yield "auto_renewal", "yes" if term.auto_renewal else "no", term.renewal_span
    if term.non_renewal_notice is not None:
        yield "non_renewal_notice", term.non_renewal_notice.normalized, term.notice_span
    seen = {"non_renewal"} if term.non_renewal_notice is not None else set()
    for notice in terms.notice_periods:
        if notice.purpose not in seen and notice.purpose != "other":
            seen.add(notice.purpose)
            name = notice.purpose if notice.purpose == "cure_period" else f"{notice.purpose}_notice"
            yield name, notice.duration.normalized, (notice.start, notice.end)
    for cap in terms.liability_caps[:1]:
        if (text := _cap_text(cap)) is not None:
            yield "liability_cap", text, (cap.start, cap.end)
    if terms.governing_law is not None:
        law = terms.governing_law
        yield "governing_law", law.jurisdiction, (law.start, law.end)
    calendar = terms.business_calendar
    if calendar.defined:
        span = (
            (calendar.start, calendar.end)
            if calendar.start is not None and calendar.end is not None
            else None
        )
        yield "business_hours", calendar.describe(), span


def key_term_entries(index: DocumentIndex) -> tuple[KeyTerm, ...]:
    entries = []
    for name, value, span in _terms(key_terms(index.document)):
        evidence = make_evidence(index, *span) if span else None
        entries.append(KeyTerm(name=name, value=value, evidence=evidence))
    return tuple(entries)
