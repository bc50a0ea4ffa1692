"""The SLA table and key deal terms of a document, as report entries with evidence.

The extractors read only the clauses the rules found for these terms (the rest of the text is blanked,
so every offset still points into the document): a term stated nowhere near a term, renewal, liability,
law or service-level clause is not one, and rescanning every sentence of the contract cost as much as all
the element rules together.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from ..report import KeyTerm, SlaEntry
from ..values.deal import LiabilityCap, liability_caps
from ..values.law import governing_law
from ..values.numbers import format_number
from ..values.renewal import notice_periods, term_and_renewal
from ..values.sla import KeyTerms, sla_table
from ..values.terms import find_definitions
from .detect import Hit
from .elements import Context, merge_ranges, scope_of
from .evidence import make_evidence

KEY_TERM_ELEMENTS = ("term_and_renewal", "termination_rights", "liability_indemnity_insurance")
KEY_TERM_CLAUSES = (
    "renewal_term",
    "notice_period_to_terminate_renewal",
    "expiration_date",
    "termination_for_convenience",
    "governing_law",
    "cap_on_liability",
    "uncapped_liability",
)
SLA_ELEMENTS = (
    "sla_availability",
    "sla_incident_response_resolution",
    "service_credits_and_incentives",
    "outcome_based_service_levels",
    "sla_measurement_and_exclusions",
)
# Between two focused ranges: far more blank space than any value pattern bridges (their windows are at most
# a couple of hundred characters), as in the blanked text, and the gap's line breaks, which split sentences.
_GAP = " " * 400


def focus(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``ranges`` blanked (newlines kept, so offsets and lines hold)."""
    pieces: list[str] = []
    cursor = 0
    for start, end in merge_ranges(ranges):
        pieces.append(_blank(text[cursor:start]))
        pieces.append(text[start:end])
        cursor = end
    pieces.append(_blank(text[cursor:]))
    return "".join(pieces)


def _blank(segment: str) -> str:
    return "\n".join(" " * len(line) for line in segment.split("\n"))


@dataclass(frozen=True)
class Excerpt:
    """The focused ranges of a document joined into one short text, and the way back to document offsets.

    Reads like the blanked text to the extractors (the same sentences, nothing bridged between ranges)
    at a fraction of its length: their regexes scan only what was chosen.
    """

    text: str
    starts: tuple[int, ...]  # where each range begins in ``text``
    origins: tuple[int, ...]  # and in the document

    @classmethod
    def of(cls, text: str, ranges: list[tuple[int, int]]) -> Excerpt:
        pieces: list[str] = []
        starts: list[int] = []
        origins: list[int] = []
        length, cursor = 0, 0
        for start, end in merge_ranges(ranges):
            gap = _GAP + "\n" * min(text.count("\n", cursor, start), 2)
            pieces += [gap, text[start:end]]
            starts.append(length + len(gap))
            origins.append(start)
            length += len(gap) + end - start
            cursor = end
        return cls("".join(pieces), tuple(starts), tuple(origins))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of ``text`` as document offsets (a span never crosses two ranges: gaps hold no text)."""
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        shift = self.origins[i] - self.starts[i] if self.starts else 0
        return start + shift, end + shift


def _ranges(ctx: Context, elements: tuple[str, ...], clauses: tuple[str, ...]) -> list[tuple[int, int]]:
    ranges = [r for element in elements for r in ctx.scopes.get(element, [])]
    hits: list[Hit] = [h for clause in clauses for h in ctx.clause_hits.get(clause, [])]
    return ranges + scope_of(ctx.index, hits)


def sla_entries(ctx: Context) -> tuple[SlaEntry, ...]:
    index = ctx.index
    tables = [(t.start, t.end) for t in index.document.tables]
    document = dataclasses.replace(
        index.document, text=focus(index.text, _ranges(ctx, SLA_ELEMENTS, ()) + tables)
    )
    return tuple(
        SlaEntry(
            metric=row.metric,
            target=row.target,
            window=row.window,
            priority=row.priority,
            remedy=row.remedy,
            evidence=make_evidence(index, row.start, row.end),
        )
        for row in sla_table(document)
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


def _terms(terms: KeyTerms, excerpt: Excerpt) -> Iterator[tuple[str, str, tuple[int, int] | None]]:
    """(name, value, document span); the term and notice periods were read from ``excerpt``."""

    def located(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return excerpt.span(*span) if span is not None else None

    term = terms.term
    if term.initial_term is not None:
        yield "initial_term", term.initial_term.normalized, located(term.initial_span)
    if term.renewal_term is not None:
        prefix = "successive " if term.renewal_successive else ""
        yield "renewal_term", prefix + term.renewal_term.normalized, located(term.renewal_span)
    elif term.renewal_perpetual:
        yield "renewal_term", "perpetual", located(term.renewal_span)
    if term.auto_renewal is not None:
        yield "auto_renewal", "yes" if term.auto_renewal else "no", located(term.renewal_span)
    if term.non_renewal_notice is not None:
        yield "non_renewal_notice", term.non_renewal_notice.normalized, located(term.notice_span)
    seen = {"non_renewal"} if term.non_renewal_notice is not None else set()
    for notice in terms.notice_periods:
        if notice.purpose not in seen and notice.purpose != "other":
            seen.add(notice.purpose)
            name = notice.purpose if notice.purpose == "cure_period" else f"{notice.purpose}_notice"
            yield name, notice.duration.normalized, located((notice.start, notice.end))
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


def key_term_entries(ctx: Context) -> tuple[KeyTerm, ...]:
    index = ctx.index
    excerpt = Excerpt.of(index.text, _ranges(ctx, KEY_TERM_ELEMENTS, KEY_TERM_CLAUSES))
    terms = KeyTerms(
        term=term_and_renewal(excerpt.text),
        notice_periods=notice_periods(excerpt.text),
        liability_caps=liability_caps(index.text),  # keyword-filtered, cheap on the whole text
        governing_law=governing_law(index.text),
        business_calendar=find_definitions(index.text).calendar,  # definitions can sit anywhere
    )
    entries = []
    for name, value, span in _terms(terms, excerpt):
        evidence = make_evidence(index, *span) if span else None
        entries.append(KeyTerm(name=name, value=value, evidence=evidence))
    return tuple(entries)
