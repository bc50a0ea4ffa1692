"""Every bundled pattern runs in bounded time on pathological sentences.

The engine searches sentences with bundled patterns without the regex engine's per-call timeout (it costs
a tenth of the review; rulebook/patterns.py). That is safe only if no bundled pattern backtracks
catastrophically on a sentence-sized span, whatever the document says. This test is that guarantee: each
pattern is run, with a timeout, on sentences made to provoke backtracking, among them its own literals
repeated with no full stop (the worst case for the bounded gaps the rules use).
"""

from __future__ import annotations

import itertools

import pytest
import regex

import msp_contract as mc
from msp_contract.rulebook.literals import literal_options
from msp_contract.rulebook.patterns import VETTED_SPAN, compile_pattern

RULES = mc.load_rules()
SENTENCE = 1500  # sentences.py cuts longer ones
TIMEOUT = 0.5  # seconds per call: far above any bounded pattern's cost on 1,500 characters


def bundled_patterns() -> list[regex.Pattern[str]]:
    signal_sets = [e.detect for e in RULES.elements] + [e.sentence_model.signals for e in RULES.elements]
    for element in RULES.elements:
        signal_sets += [r.detect for r in element.requirements]
        signal_sets += [c for r in element.requirements for c in r.conditions]
    signal_sets += [c.detect for c in RULES.clauses] + [w.detect for w in RULES.wording]
    sources = [s.any + s.all + s.not_ + s.headings for s in signal_sets] + [RULES.blueprint.outside]
    path = RULES.sources[RULES.elements[0].id]
    unique = sorted({p for patterns in sources for p in patterns})
    return [compile_pattern(p, RULES.blueprint.macros, path) for p in unique]


def repeated(words: str, length: int = SENTENCE) -> str:
    return (words * (length // max(len(words), 1) + 1))[:length]


GENERIC = [
    repeated("a "),
    "a" * SENTENCE,
    repeated("1.1 "),
    repeated("terminate the agreement for any reason upon notice if the provider fails to cure, "),
    repeated("the Services shall be provided in accordance with the Service Levels; "),
]


def provoking(pattern: regex.Pattern[str]) -> list[str]:
    """The pattern's own literals repeated, in one run with no full stop, and interleaved with filler."""
    literals = sorted({s for option in literal_options(pattern.pattern) for s in option.strings})
    if not literals:
        return []
    joined = " ".join(literals) + " "
    spaced = " ".join(f"{literal} within thirty (30) days of" for literal in literals) + " "
    return [repeated(joined), repeated(spaced)]


def test_the_harness_catches_catastrophic_backtracking() -> None:
    catastrophic = regex.compile(r"(?:a|aa)+$", regex.I)
    with pytest.raises(TimeoutError):
        catastrophic.search("a" * 60 + "!", timeout=TIMEOUT)


def test_sentences_fit_the_vetted_span() -> None:
    assert 2 * SENTENCE + 3 <= VETTED_SPAN  # a table row is read with its header row: " | " between


@pytest.mark.parametrize("chunk", range(4))
def test_no_bundled_pattern_backtracks_catastrophically(chunk: int) -> None:
    patterns = bundled_patterns()
    assert len(patterns) > 1000  # the whole rule set, not a stray subset
    slow = []
    for pattern in itertools.islice(patterns, chunk, None, 4):
        for text in [*GENERIC, *provoking(pattern)]:
            try:
                pattern.search(text, timeout=TIMEOUT)
            except TimeoutError:
                slow.append(pattern.pattern[:120])
                break
    assert not slow, f"patterns that backtrack catastrophically: {slow}"
