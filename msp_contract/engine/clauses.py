"""The clause inventory: which CUAD-compatible clause types a document has, with evidence and a value.

Clause patterns (``rules/clauses``) decide first. With the sentence model on, a clause type no pattern found
gets a second reading by the rules folder's clause model: the best sentence it scores above the clause
threshold, among sentences the clause's rule would accept (not a contents line, not vetoed by its ``not``
patterns, not under an excluded heading). Such a clause is marked ``detected_by: "model"``. Its sentence is
not a hit the blueprint elements or key terms build on: those read the patterns' hits only, since the
elements have their own model reading.
"""

from __future__ import annotations

import regex

from ..report import ClauseResult
from ..rulebook import ClauseRule, RuleSet
from ..valuechecks import VALUE_CHECKS
from .detect import Hit, heading_hits, pattern_hits, sentence_allowed
from .elements import MAX_EVIDENCE, global_outside
from .evidence import hit_evidence, quotable
from .index import DocumentIndex
from .sentence_scores import Candidate, ranked_candidates

ClauseHits = dict[str, list[Hit]]  # clause type -> the patterns' hits, in document order


def evaluate_clauses(
    index: DocumentIndex, rules: RuleSet, sentence_model: bool = True
) -> tuple[ClauseHits, tuple[ClauseResult, ...]]:
    """Detect every clause type (CUAD categories); blueprint elements may reuse the patterns' hits."""
    outside = global_outside(rules)
    hits_by_type: ClauseHits = {}
    found: dict[str, ClauseResult] = {}
    for rule in rules.clauses:
        signals = rules.compiled(rule.id, rule.detect)
        headed = heading_hits(index, signals, None, outside)
        hits = pattern_hits(index, signals, None, outside) + headed
        hits.sort(key=lambda h: h.start)
        hits_by_type[rule.id] = hits
        if hits:
            found[rule.id] = _result(index, rule, _citation_order(index, headed, hits))
    if sentence_model:
        missing = [rule for rule in rules.clauses if rule.id not in found]
        for rule, candidate in _model_picks(index, rules, missing, outside):
            found[rule.id] = _model_result(index, rule, candidate)
    return hits_by_type, tuple(found[rule.id] for rule in rules.clauses if rule.id in found)


def _citation_order(index: DocumentIndex, headed: list[Hit], hits: list[Hit]) -> list[Hit]:
    """The hits in the order to cite them: first those inside a section the clause's own headings name
    (``headed``: its heading hits; a cap cited from "Limitation of Liability", not from a survival list that
    mentions it), then the rest; each group in document order."""
    sections = [index.document.section_at(hit.start) for hit in headed]
    spans = [(s.start, s.end) for s in sections if s is not None]
    if not spans:
        return hits
    titled: list[Hit] = []
    others: list[Hit] = []
    for hit in hits:
        inside = any(start <= hit.match_start < end for start, end in spans)
        (titled if inside else others).append(hit)
    return titled + others


def _result(
    index: DocumentIndex, rule: ClauseRule, hits: list[Hit], model_score: float | None = None
) -> ClauseResult:
    """The clause as its hits show it; ``model_score``: the hit is the clause model's sentence."""
    return ClauseResult(
        type=rule.id,
        cuad_category=rule.cuad,
        title=rule.title,
        value=_clause_value(index, rule.value, hits),
        evidence=tuple(hit_evidence(index, h) for h in quotable(index, hits, MAX_EVIDENCE)),
        detected_by="rules" if model_score is None else "model",
        model_score=model_score,
    )


def _model_result(index: DocumentIndex, rule: ClauseRule, candidate: Candidate) -> ClauseResult:
    sentence = index.sentences[candidate.sentence]
    hit = Hit(sentence.start, sentence.end, sentence.start, sentence.end, "model")
    return _result(index, rule, [hit], round(candidate.score, 3))


def _model_picks(
    index: DocumentIndex, rules: RuleSet, missing: list[ClauseRule], outside: tuple[regex.Pattern[str], ...]
) -> list[tuple[ClauseRule, Candidate]]:
    """For clause types no pattern found, the best sentence the clause model reads as the clause, among
    sentences the clause's rule would accept."""
    model = rules.clause_model
    if model is None or not missing:
        return []
    ranked = ranked_candidates(index, model, [rule.id for rule in missing])
    picks: list[tuple[ClauseRule, Candidate]] = []
    for rule in missing:
        signals = rules.compiled(rule.id, rule.detect)
        allowed = (
            c for c in ranked.get(rule.id, []) if sentence_allowed(index, signals, None, c.sentence, outside)
        )
        best = next(allowed, None)
        if best is not None:
            picks.append((rule, best))
    return picks


def _clause_value(index: DocumentIndex, check_name: str | None, hits: list[Hit]) -> str | None:
    check = VALUE_CHECKS.get(check_name) if check_name else None
    if check is None:
        return None
    for hit in hits:
        values = check(index.text[hit.start : hit.end])
        if values:
            return values[0].display
    return None
