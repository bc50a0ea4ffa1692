"""The literal prefilter never hides a match: it only skips sentences where a pattern cannot match."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SAMPLES, SHARED, doc

import msp_contract as mc
from msp_contract.engine.index import DocumentIndex
from msp_contract.rulebook.literals import literal_options, prefilter_plan, required_literals
from msp_contract.rulebook.patterns import compile_signals

RULES = mc.load_rules()


def all_patterns() -> list[str]:
    signals = [e.detect for e in RULES.elements] + [r.detect for e in RULES.elements for r in e.requirements]
    signals += [c.detect for c in RULES.clauses] + [w.detect for w in RULES.wording]
    patterns = []
    for s in signals:
        compiled = compile_signals(s, RULES.blueprint.macros, Path("x"))
        patterns += [p.pattern for p in (*compiled.any, *compiled.all, *compiled.not_)]  # all are prefiltered
    return sorted(set(patterns))


@pytest.mark.parametrize(
    ("pattern", "literals", "anchored"),
    [
        (r"\bdisaster[\s-]+recovery\b", {"disaster"}, True),
        (r"\b(?:RTO|RPO)\b", {"rto", "rpo"}, True),
        (r"(?:shall|will)\s+not\s+assign", {"assign"}, True),
        (r"\w+ment\b", {"ment"}, False),
        (r"(?:a|aa)+$", None, False),
        (r"\d+\s*%", {"%"}, False),  # rare symbols filter although short
        (r"\d+\s*ms", None, False),  # short words do not
        (r"\bcut-?over\b", {"cut-over", "cutover"}, True),  # an optional character: both spellings
        (
            r"(?m)^\s*(?:\(?[a-z]{1,3}[.)]\s+)?(?:provide|perform)",
            {"provide", "perform"},
            True,
        ),  # "\s*" keeps
    ],
)
def test_required_literals(pattern: str, literals: set[str] | None, anchored: bool) -> None:
    found = required_literals(pattern)
    if literals is None:
        assert found is None
    else:
        assert found is not None and set(found.strings) == literals and found.at_word_start == anchored


@pytest.mark.parametrize(
    ("pattern", "prefixes", "words"),
    [
        (r"\bterm\s+of\s+this", (), ("term",)),  # whitespace follows: the word is "term", not "termination"
        (r"\bterms?[,;]", (), ("term", "terms")),
        (
            r"\bpost-termination\b",
            ("termination",),
            (),
        ),  # \b may sit before a symbol the index reads as a letter
        (r"\bpost-(?:termination|expiry)\s", (), ("expiry", "termination")),
        (r"\bterm\W", ("term",), ()),  # the regex engine's \W is not the index's non-word
        (r"\bterm(?:s|\s+of)", ("term",), ()),  # one branch continues the word
        (r"\bterm\s*of", ("term",), ()),  # the space is optional
        (r"\bterm(?:\s|-)+of", (), ("term",)),
    ],
)
def test_whole_word_lookups(pattern: str, prefixes: tuple[str, ...], words: tuple[str, ...]) -> None:
    lookup = prefilter_plan(literal_options(pattern))[0]
    assert (lookup.prefixes, lookup.words) == (prefixes, words)


@pytest.mark.parametrize(
    ("pattern", "word_start"),
    [
        (r"\bupon\s+(?:any\s+|such\s+)?termination\b", True),  # each alternative ends in a space
        (r"\bupon\s+(?:any\s+|such|)?termination\b", False),  # "such" may run into the word
    ],
)
def test_optional_alternatives_keep_a_word_start(pattern: str, word_start: bool) -> None:
    plan = prefilter_plan(literal_options(pattern))
    assert any("termination" in lookup.prefixes for lookup in plan) is word_start
    assert any("termination" in lookup.in_words for lookup in plan) is not word_start


@pytest.mark.parametrize(
    ("pattern", "word_start"),
    [
        (r"\bprovide\s+(?:the\s+)?(?:services?|(?<!\bin\s)support)\b", True),  # a lookbehind consumes nothing
        (r"\bprovide\s+(?!the\b)(?:\w+\s+)?support\b", True),  # nor does a lookahead
        (r"\bprovide\s+[\"“]?support\b", True),  # an optional quote: the word after it starts a word
        (r"\bprovide\s*(?!the\b)support\b", False),  # "providesupport": the lookahead keeps no space
    ],
)
def test_lookarounds_and_opening_quotes_keep_a_word_start(pattern: str, word_start: bool) -> None:
    plan = prefilter_plan(literal_options(pattern))
    assert any("support" in lookup.prefixes or "support" in lookup.words for lookup in plan) is word_start
    assert any("support" in lookup.in_words for lookup in plan) is not word_start


def test_equal_lookups_are_one_object() -> None:
    """Lookups are interned: the per-document caches hash them by identity, so two options that come to
    the same lookup ("credit" and "credits|credited|credit": every such word starts with "credit") must
    share one object."""
    first, second = literal_options(r"\bcredit"), literal_options(r"\b(?:credits|credited|credit)")
    assert first != second
    assert prefilter_plan(first)[0] is prefilter_plan(second)[0]


def test_leading_literals_keep_only_the_shortest_of_a_prefix_chain() -> None:
    """Anchored matching looks for each leading literal in every candidate sentence: "agrees" begins
    wherever "agree" does, so looking for it too would only find the same places again."""
    from msp_contract.rulebook.literals import leading_literals

    assert leading_literals(r"\b(?:agrees?|undertakes?)\s+to\b") == {"agree", "undertake"}
    assert leading_literals(r"\b(?:term|termination)\b") == {"term"}


def test_a_literal_that_holds_a_shorter_one_adds_no_lookup() -> None:
    lookup = prefilter_plan(literal_options(r"\d+\s*(?:days?|months?)"))[0]
    assert lookup.in_words == ("day", "month")  # "days" holds "day": every word with "days" has "day"


def sentence_matches(index: DocumentIndex, pattern: object) -> set[int]:
    text = index.text
    return {
        i
        for i, s in enumerate(index.sentences)
        if pattern.search(text, s.start, s.end)  # type: ignore[attr-defined]
    }


def documents() -> list[mc.Document]:
    docs = [mc.load(SAMPLES / "strong-msa.pdf"), mc.load(SAMPLES / "weak-msa.docx")]
    docs.append(
        doc("THE SUPPLIER’S LIABILITY. Non-renewal: 30 days. Ünïcode İstanbul 24x7 co-managed RTO/RPO.")
    )
    if SHARED.is_dir():
        docs.append(mc.load(SHARED / "cuad" / "txt" / "cuad-dev-223.txt"))
    return docs


def test_prefilter_keeps_every_sentence_a_shipped_pattern_matches() -> None:
    patterns = all_patterns()
    assert len(patterns) > 100
    for document in documents():
        index = DocumentIndex(document)
        for source in patterns:
            compiled = compile_signals(mc.rulebook.Signals.model_validate({"any": [source]}), {}, Path("x"))
            matches = sentence_matches(index, compiled.any[0])
            plan = compiled.any_plans[0]
            for candidates in [index.candidates(plan), *(index.sentences_with(lookup) for lookup in plan)]:
                if candidates is not None:
                    missed = matches - set(candidates)
                    assert not missed, f"{source!r} matches sentences {missed} the prefilter skipped"


def test_anchored_matching_finds_exactly_what_a_sentence_search_finds() -> None:
    from msp_contract.engine.detect import _sentence_matches
    from msp_contract.rulebook.literals import leading_literals

    patterns = all_patterns()
    anchored = [p for p in patterns if leading_literals(p) is not None]
    assert len(anchored) > 100
    for document in documents():
        index = DocumentIndex(document)
        for source in anchored:
            compiled = compile_signals(mc.rulebook.Signals.model_validate({"any": [source]}), {}, Path("x"))
            pattern, leading = compiled.any[0], compiled.any_leading[0]
            for i, sentence in enumerate(index.sentences):
                expected = [
                    (m.start(), m.end()) for m in pattern.finditer(index.text, sentence.start, sentence.end)
                ]
                assert _sentence_matches(index, pattern, leading, i) == expected, (source, i)
