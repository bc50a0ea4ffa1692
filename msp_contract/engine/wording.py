"""Vague or provider-favourable wording (rules/wording/), reported with the clause it sits in.

An element lists the wording rules that weaken it, and a phrase counts against the element only inside the
element's own clauses: the evidence sentences and the innermost section around each. That is narrower than
the scope its requirements are looked for in (elements.scope_of), which may climb to a parent section or,
in a short contract, to the whole document: "sole discretion" in §1.2 says nothing about the backups of §6.
A phrase no element claims is a document-level finding, pinned to no element.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..config import Config
from ..report import Finding, Severity, WordingResult
from ..rulebook import ElementRule, RuleSet, Wording
from .detect import Hit, pattern_hits
from .evidence import hit_evidence
from .findings import fingerprint
from .index import DocumentIndex

# An element's own clause is its innermost section, unless that is longer than this (unstructured text,
# or a whole article): then the evidence sentence alone.
CLAUSE_MAX = 8000
# Outside every element's clauses a phrase is a note for the reader, not a gap of the blueprint.
DOCUMENT_SEVERITY: Severity = "info"
MAX_QUOTES = 3  # places quoted by a document-level wording finding


def own_clauses(index: DocumentIndex, hits: Iterable[Hit]) -> list[tuple[int, int]]:
    """The clauses an element's evidence sits in: each hit with its innermost section (a heading hit, the
    whole section it heads), never a parent section the hit merely belongs to."""
    ranges: list[tuple[int, int]] = []
    for hit in hits:
        ranges.append((hit.start, hit.end))
        i = index.sentence_at(hit.start)
        if i is None:
            continue
        section = index.sentences[i].section
        if hit.via == "heading" and section is not None and section.end - section.start <= CLAUSE_MAX:
            ranges.append((section.start, section.end))
        else:
            ranges.append(_sentence_run(index, i))
    return sorted(set(ranges))


def _sentence_run(index: DocumentIndex, i: int) -> tuple[int, int]:
    """The sentences around sentence ``i`` whose innermost section is its own: the text of that section
    outside its subsections (a clause's body, or the lead-in of an article). Just sentence ``i`` when the
    run is longer than CLAUSE_MAX."""
    sentences = index.sentences
    home = sentences[i].section
    lo = hi = i
    while lo > 0 and sentences[lo - 1].section is home:
        lo -= 1
        if sentences[i].end - sentences[lo].start > CLAUSE_MAX:
            return sentences[i].start, sentences[i].end
    while hi + 1 < len(sentences) and sentences[hi + 1].section is home:
        hi += 1
        if sentences[hi].end - sentences[lo].start > CLAUSE_MAX:
            return sentences[i].start, sentences[i].end
    return sentences[lo].start, sentences[hi].end


WordingHits = dict[str, list[Hit]]  # wording rule id -> its hits anywhere in the document, searched once


def evaluate_wording(
    index: DocumentIndex,
    rules: RuleSet,
    rule: ElementRule,
    clauses: list[tuple[int, int]],
    memo: WordingHits,
) -> tuple[WordingResult, ...]:
    """The element's wording rules that fire inside its own clauses, each with its first hit."""
    results: list[WordingResult] = []
    for wording_id in rule.wording:
        wording = rules.wording_rule(wording_id)
        hits = [hit for hit in _document_hits(index, rules, wording, memo) if _inside(clauses, hit)]
        if hits:
            results.append(
                WordingResult(
                    id=wording.id,
                    title=wording.title,
                    reason=wording.reason,
                    ask=wording.ask,
                    evidence=hit_evidence(index, hits[0]),
                )
            )
    return tuple(results)


def document_wording_findings(
    index: DocumentIndex,
    rules: RuleSet,
    claimed: Mapping[str, list[tuple[int, int]]],
    config: Config,
    memo: WordingHits,
) -> list[Finding]:
    """Wording in no clause of an element that lists the rule (``claimed``: element id -> its own clauses,
    for the elements found). One finding per wording rule, attached to no element, quoting the first few
    places: a long contract can say "promptly" forty times, and one note per place would bury the gaps."""
    clauses_of: dict[str, list[tuple[int, int]]] = {}
    for element in rules.elements:
        for wording_id in element.wording if element.id in claimed else ():
            clauses_of.setdefault(wording_id, []).extend(claimed[element.id])
    findings: list[Finding] = []
    for wording in rules.wording:
        rule = f"wording.{wording.id}"
        ranges = clauses_of.get(wording.id, [])
        hits = [hit for hit in _document_hits(index, rules, wording, memo) if not _inside(ranges, hit)]
        if not hits:
            continue
        evidence = tuple(hit_evidence(index, hit) for hit in hits[:MAX_QUOTES])
        places = f" ({len(hits)} places)" if len(hits) > 1 else ""
        findings.append(
            Finding(
                # one finding per rule and document: keyed on the rule alone, so a baseline entry for it
                # survives an element claiming (or losing) one of its places
                fingerprint=fingerprint(rule, ()),
                rule=rule,
                element=None,
                kind="wording",
                severity=config.severity.get(rule, DOCUMENT_SEVERITY),
                message=f"Contract wording{places}: {wording.title} — {wording.reason}",
                why=wording.reason,
                ask=wording.ask,
                evidence=evidence,
            )
        )
    return findings


def _document_hits(index: DocumentIndex, rules: RuleSet, wording: Wording, memo: WordingHits) -> list[Hit]:
    hits = memo.get(wording.id)
    if hits is None:
        hits = memo[wording.id] = pattern_hits(index, rules.compiled(wording.id, wording.detect))
    return hits


def _inside(ranges: list[tuple[int, int]], hit: Hit) -> bool:
    """Whether the hit's sentence starts in one of the ranges (as ``pattern_hits`` selects by ranges)."""
    return any(start <= hit.start < end for start, end in ranges)
