"""Evaluate one blueprint element: is it present, which requirements are met, is the wording weak?"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import regex

from ..model import Document, Section
from ..report import ElementResult, Evidence, RequirementResult
from ..rulebook import ElementRule, Requirement, RuleSet, Signals
from ..rulebook.patterns import CompiledSignals, compile_pattern
from ..valuechecks import VALUE_CHECKS, FoundValue
from .detect import Hit, heading_hits, pattern_hits, sentence_allowed
from .evidence import hit_evidence, quotable
from .index import DocumentIndex
from .parties import stand_ins
from .sentence_scores import ranked_candidates
from .survival import survival_hits
from .wording import WordingHits, evaluate_wording, own_clauses

MAX_EVIDENCE = 3
_SCOPE_MIN, _SCOPE_MAX = 200, 8000  # requirement search scope: the clause around a hit, within these sizes
_SENTENCES_AROUND = 2


@dataclass(frozen=True)
class Context:
    index: DocumentIndex
    rules: RuleSet
    clause_hits: Mapping[str, list[Hit]]
    thresholds: Mapping[str, float]
    global_outside: tuple[regex.Pattern[str], ...]
    scopes: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # element id -> its clauses
    # element id -> the clauses its evidence sits in (wording.own_clauses), for the elements found
    own_clauses: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # hits of document-wide signals, by compiled signals: conditions such as "the contract raises renewal"
    # are shared by several requirements (YAML anchors) and need one search per document
    document_hits: dict[CompiledSignals, list[Hit]] = field(default_factory=dict)
    wording_hits: WordingHits = field(default_factory=dict)  # wording rules' hits, shared with the document's


def index_for(document: Document, rules: RuleSet) -> DocumentIndex:
    """The document index the rules read: named parties overwritten by these rules' own role words."""
    return DocumentIndex(document, stand_ins=stand_ins(rules.blueprint.macros))


def global_outside(rules: RuleSet) -> tuple[regex.Pattern[str], ...]:
    """Headings under which no hit counts, for every rule (blueprint.yaml ``outside``)."""
    macros = rules.blueprint.macros
    return tuple(compile_pattern(p, macros, rules.blueprint_path) for p in rules.blueprint.outside)


def detect(
    ctx: Context,
    signals: CompiledSignals,
    ranges: list[tuple[int, int]] | None = None,
    *,
    presence: bool = True,
) -> list[Hit]:
    """Hits of ``signals``. The blueprint's global ``outside`` headings (force majeure) only gate presence:
    a requirement is looked for inside the element's own clauses, wherever those sit."""
    outside = ctx.global_outside if presence else ()
    hits = pattern_hits(ctx.index, signals, ranges, outside) + heading_hits(
        ctx.index, signals, ranges, outside
    )
    for clause_type in signals.clauses:
        hits.extend(
            h for h in ctx.clause_hits.get(clause_type, []) if ranges is None or _inside(ranges, h.start)
        )
    return sorted(set(hits), key=lambda h: (h.start, h.via))


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in ranges)


def scope_of(index: DocumentIndex, hits: list[Hit]) -> list[tuple[int, int]]:
    """Where an element's details are expected: the clause around each hit, never a neighbouring clause.

    The clause is the smallest enclosing section of a useful size; without one (unstructured text, or a
    section too large to be "the clause"), a few sentences around the hit, kept inside its own section.
    """
    ranges: list[tuple[int, int]] = []
    for hit in hits:
        ranges.append((hit.start, hit.end))
        i = index.sentence_at(hit.start)
        section = index.sentences[i].section if i is not None else None
        chosen = _clause_around(index, section)
        if chosen is not None:
            ranges.append(chosen)
        elif i is not None:
            lo = index.sentences[max(0, i - _SENTENCES_AROUND)].start
            hi = index.sentences[min(len(index.sentences) - 1, i + _SENTENCES_AROUND)].end
            if section is not None:
                lo, hi = max(lo, section.start), min(hi, section.end)
            ranges.append((lo, hi))
    return merge_ranges(ranges)


def _clause_around(index: DocumentIndex, section: Section | None) -> tuple[int, int] | None:
    chosen = None
    for candidate in index.ancestry(section):
        size = candidate.end - candidate.start
        if size > _SCOPE_MAX:
            break
        chosen = candidate
        if size >= _SCOPE_MIN:
            break
    return (chosen.start, chosen.end) if chosen is not None else None


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ranges joined, empty ones dropped, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def _values(ctx: Context, requirement: Requirement, hits: list[Hit]) -> list[tuple[FoundValue, Hit]]:
    check = VALUE_CHECKS[requirement.value] if requirement.value else None
    if check is None:
        return []
    found: list[tuple[FoundValue, Hit]] = []
    for hit in hits:
        sentence = ctx.index.text[hit.start : hit.end]
        found.extend((value, hit) for value in check(sentence))
    return found


def _meets(
    value: FoundValue, requirement: Requirement, thresholds: Mapping[str, float]
) -> tuple[bool, str | None]:
    policy = requirement.policy
    if policy is None or policy.op == "present":
        return True, None
    limit = thresholds.get(policy.param, policy.default)
    if limit is None or value.number is None:
        return True, None
    expected = f"{policy.op} {limit:g}{policy.unit}"
    ok = value.number >= limit if policy.op == ">=" else value.number <= limit
    return ok, expected


def evaluate_requirement(
    ctx: Context, rule: ElementRule, requirement: Requirement, scope: list[tuple[int, int]]
) -> RequirementResult:
    hits = _scoped_hits(ctx, rule, requirement.detect, scope)
    evidence = tuple(hit_evidence(ctx.index, h) for h in hits[:MAX_EVIDENCE])
    met, value_text, expected = bool(hits), None, None
    if requirement.value:
        values = _values(ctx, requirement, hits)
        met = bool(values)
        if values:
            judged = [(v, h, *_meets(v, requirement, ctx.thresholds)) for v, h in values]
            value, hit, ok, expected = min(judged, key=lambda item: item[2])  # a failing value wins
            met, value_text = ok, value.display
            evidence = (hit_evidence(ctx.index, hit),)
    if not met and value_text is None:
        ruled_out = _ruled_out(ctx, rule, requirement, scope)
        if ruled_out or _never_raised(ctx, rule, requirement, scope):
            return RequirementResult(
                id=requirement.id, title=requirement.title, met=False, applicable=False, evidence=ruled_out
            )
    return RequirementResult(
        id=requirement.id,
        title=requirement.title,
        met=met,
        evidence=evidence if met or value_text else (),
        value=value_text,
        expected=expected,
        ask=None if met else requirement.ask,
    )


def _ruled_out(
    ctx: Context, rule: ElementRule, requirement: Requirement, scope: list[tuple[int, int]]
) -> tuple[Evidence, ...]:
    """Evidence that the contract rules the requirement out (its ``not_applicable_when`` fires)."""
    if requirement.not_applicable_when is None:
        return ()
    hits = _scoped_hits(ctx, rule, requirement.not_applicable_when, scope)
    return tuple(hit_evidence(ctx.index, h) for h in hits[:1])


def _never_raised(
    ctx: Context, rule: ElementRule, requirement: Requirement, scope: list[tuple[int, int]]
) -> bool:
    """Whether the contract never raises the point the requirement is about (its ``applies_when`` is silent)."""
    conditions = requirement.applies_when
    return conditions is not None and not _scoped_hits(ctx, rule, conditions, scope)


def _scoped_hits(
    ctx: Context, rule: ElementRule, signals: Signals, scope: list[tuple[int, int]]
) -> list[Hit]:
    """Hits of a requirement's signals (or of its applicability conditions) in the element's clauses, or in
    the whole document with ``scope: document``."""
    compiled = ctx.rules.compiled(rule.id, signals)
    if compiled.empty:
        hits: list[Hit] = []
    elif signals.scope == "document":
        if compiled not in ctx.document_hits:
            ctx.document_hits[compiled] = detect(ctx, compiled, None, presence=False)
        hits = ctx.document_hits[compiled]
    else:
        hits = detect(ctx, compiled, scope, presence=False)
    if not hits and signals.survival:
        return survival_hits(ctx.index, scope)
    return hits


@dataclass(frozen=True)
class ModelHit:
    hit: Hit
    score: float  # the sentence model's probability


def evaluate_element(ctx: Context, rule: ElementRule, model_hit: ModelHit | None = None) -> ElementResult:
    """The element's status, requirements and wording. ``model_hit``: the sentence the sentence model read
    as stating an element its rule patterns did not find (they are not run again)."""
    hits = [model_hit.hit] if model_hit is not None else detect(ctx, ctx.rules.compiled(rule.id, rule.detect))
    if not hits:
        return ElementResult(
            id=rule.id, pillar=rule.pillar, title=rule.title, status="missing", severity=rule.severity,
            evidence=(), requirements=tuple(
                RequirementResult(id=r.id, title=r.title, met=False, ask=r.ask) for r in rule.requirements
            ), why=rule.why, ask=rule.ask,
        )  # fmt: skip
    scope = ctx.scopes[rule.id] = scope_of(ctx.index, hits)
    requirements = tuple(evaluate_requirement(ctx, rule, r, scope) for r in rule.requirements)
    clauses = ctx.own_clauses[rule.id] = own_clauses(ctx.index, hits)
    wording = evaluate_wording(ctx.index, ctx.rules, rule, clauses, ctx.wording_hits)
    quality = {r.id for r in rule.requirements if r.counts_for_quality}
    unmet = [r for r in requirements if not r.met and r.applicable and r.id in quality]
    weak = bool(unmet or wording)
    asks = [r.ask for r in unmet if r.ask] + [w.ask for w in wording]
    return ElementResult(
        id=rule.id,
        pillar=rule.pillar,
        title=rule.title,
        status="weak" if weak else "present",
        severity=rule.severity,
        evidence=_best_evidence(ctx.index, hits),
        requirements=requirements,
        wording=wording,
        why=rule.why,
        ask=" ".join(asks) if asks else None,
        detected_by="model" if model_hit is not None else "rules",
        model_score=round(model_hit.score, 3) if model_hit is not None else None,
    )


def evaluate_elements(
    ctx: Context, selected: list[ElementRule], sentence_model: bool = True
) -> dict[str, ElementResult]:
    """Every selected element by its rules; then, with ``sentence_model``, a second reading of the elements
    the rule patterns missed, by the rules folder's sentence model."""
    results = {rule.id: evaluate_element(ctx, rule) for rule in selected}
    if sentence_model:
        missing = [rule for rule in selected if results[rule.id].status == "missing"]
        for rule, hit in model_hits(ctx, missing):
            results[rule.id] = evaluate_element(ctx, rule, hit)
    return results


def model_hits(ctx: Context, missing: list[ElementRule]) -> list[tuple[ElementRule, ModelHit]]:
    """For elements no rule pattern found, the best sentence the sentence model reads as stating each one,
    among sentences the element's rule would accept (``detect.sentence_allowed``)."""
    model = ctx.rules.sentence_model
    if model is None or not missing:
        return []
    ranked = ranked_candidates(ctx.index, model, [rule.id for rule in missing])
    found: list[tuple[ElementRule, ModelHit]] = []
    for rule in missing:
        signals = ctx.rules.compiled(rule.id, rule.detect)
        guard = ctx.rules.compiled(rule.id, rule.sentence_model.signals)
        for candidate in ranked.get(rule.id, []):
            if sentence_allowed(ctx.index, signals, guard, candidate.sentence, ctx.global_outside):
                sentence = ctx.index.sentences[candidate.sentence]
                hit = Hit(sentence.start, sentence.end, sentence.start, sentence.end, "model")
                found.append((rule, ModelHit(hit, candidate.score)))
                break
    return found


def _best_evidence(index: DocumentIndex, hits: list[Hit]) -> tuple[Evidence, ...]:
    """Headings first (they show where the provision lives), then pattern hits, in document order."""
    ordered = sorted(hits, key=lambda h: (h.via != "heading", h.start))
    chosen = [hit_evidence(index, hit) for hit in quotable(index, ordered, MAX_EVIDENCE)]
    return tuple(sorted(chosen, key=lambda e: e.start))
