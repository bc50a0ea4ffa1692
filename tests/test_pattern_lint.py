"""Bundled patterns are free of a silent authoring mistake: a word boundary before a symbol.

``\\b(?:fees|\\$)`` reads as "fees or a dollar sign", but ``\\b`` before ``$`` only holds when a letter or
digit comes right before the ``$``, so "pay Acme $500" never matches. Such an alternative is dead code
that passes every example written with the other alternatives; this test finds it by reading the patterns.
"""

from __future__ import annotations

import pytest

import msp_contract as mc
from msp_contract.rulebook.patterns import expand_macros

RULES = mc.load_rules()
# First characters of an alternative that a preceding \b can only match after a letter or digit.
SYMBOL_STARTS = ("\\$", "$", "£", "€", "%", "\\(", "\\[", '"', "“", "[$", "[£", "[€")


def _alternatives(pattern: str, open_paren: int) -> list[str]:
    """The top-level alternatives of the group opening at ``pattern[open_paren]``."""
    start = open_paren + (3 if pattern.startswith("(?:", open_paren) else 1)
    depth, i, pieces, begin = 0, start, [], start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 2) + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return [*pieces, pattern[begin:i]]
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(pattern[begin:i])
            begin = i + 1
        i += 1
    return [*pieces, pattern[begin:]]


def dead_symbol_alternatives(pattern: str) -> list[str]:
    """Alternatives in ``pattern`` that start with a symbol right after a ``\\b``."""
    found: list[str] = []
    at = pattern.find("\\b")
    while at != -1:
        after = at + 2
        if pattern.startswith(SYMBOL_STARTS, after):
            found.append(pattern[after : after + 12])
        elif pattern.startswith("(", after):
            found += [a for a in _alternatives(pattern, after) if a.startswith(SYMBOL_STARTS)]
        at = pattern.find("\\b", after)
    return found


def all_patterns() -> list[tuple[str, str]]:
    """(rule id, macro-expanded pattern) for every bundled pattern."""
    out: list[tuple[str, str]] = []
    macros, path = RULES.blueprint.macros, RULES.sources[RULES.elements[0].id]
    rules = [(e.id, [e.detect, *(r.detect for r in e.requirements)]) for e in RULES.elements]
    rules += [(c.id, [c.detect]) for c in RULES.clauses] + [(w.id, [w.detect]) for w in RULES.wording]
    for rule_id, signal_sets in rules:
        for signals in signal_sets:
            for pattern in signals.any + signals.all + signals.not_ + signals.headings:
                out.append((rule_id, expand_macros(pattern, macros, path)))
    return out


def test_the_lint_finds_the_mistake_it_is_for() -> None:
    assert dead_symbol_alternatives(r"\bpay\b[^.]{0,9}\b(?:fees?|\$|£)") == ["\\$", "£"]
    assert dead_symbol_alternatives(r"\bpay\b[^.]{0,9}(?:[$£]|\b(?:fees?|dollars))\b") == []


@pytest.mark.parametrize(("rule_id", "pattern"), all_patterns())
def test_no_alternative_starts_with_a_symbol_after_a_word_boundary(rule_id: str, pattern: str) -> None:
    assert dead_symbol_alternatives(pattern) == [], f"{rule_id}: {pattern}"
