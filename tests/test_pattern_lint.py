"""Bundled patterns are free of a silent authoring mistake: a word boundary before a symbol.

``\\b(?:fees|\\$)`` reads as "fees or a dollar sign", but ``\\b`` before ``$`` only holds when a letter or
digit comes right before the ``$``, so "pay Acme $500" never matches. Such an alternative is dead code
that passes every example written with the other alternatives; this test finds it by reading the patterns.
A second check keeps a silent cost out: a pattern with no literal to look up is searched through the whole
of every document, so only the listed ones may lack one.
"""

from __future__ import annotations

from typing import Any

import pytest

import msp_contract as mc
from msp_contract.rulebook.literals import c, literal_options, parse_regex, prefilter_plan
from msp_contract.rulebook.patterns import expand_macros

RULES = mc.load_rules()
# Symbols that follow a space in running text ("pay $500", "(a)", "[***]", '"Term"', "Terms & Conditions"):
# after a \b they can match only when a letter or digit comes right before them. A colon or a percent
# sign follows its word directly ("Manager:", "99.9%"), so a \b before them is fine.
OPENING_SYMBOLS = frozenset("$£€([{\"“‘'&#")


def _symbols_first(op: Any, av: Any) -> list[str]:
    """The opening symbols that what this item matches may start with, one per alternative that starts
    with one: ``(?:fees|\\$|£)`` gives ``["$", "£"]``."""
    if op is c.LITERAL:
        return [chr(av)] if chr(av) in OPENING_SYMBOLS else []
    if op is c.IN:
        chars = [chr(v) for o, v in av if o is c.LITERAL]
        opening = len(chars) == len(av) and set(chars) <= OPENING_SYMBOLS
        return ["[" + "".join(chars) + "]"] if opening else []
    if op is c.SUBPATTERN:
        return _symbols_first(*av[-1][0]) if len(av[-1]) else []
    if op is c.BRANCH:
        return [sym for branch in av[1] if len(branch) for sym in _symbols_first(*branch[0])]
    return []


def dead_symbol_alternatives(pattern: str) -> list[str]:
    """Symbols that an alternative of ``pattern`` starts with right after a ``\\b``."""
    found: list[str] = []

    def walk(items: Any) -> None:
        items = list(items)
        for i, (op, av) in enumerate(items):
            if op is c.AT and av is c.AT_BOUNDARY and i + 1 < len(items):
                found.extend(_symbols_first(*items[i + 1]))
            if op is c.SUBPATTERN:
                walk(av[-1])
            elif op is c.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.ASSERT, c.ASSERT_NOT):
                walk(av[-1])

    walk(parse_regex(pattern))
    return found


def all_patterns() -> list[tuple[str, str]]:
    """(rule id, macro-expanded pattern) for every bundled pattern."""
    out: list[tuple[str, str]] = []
    macros, path = RULES.blueprint.macros, RULES.sources[RULES.elements[0].id]
    rules = [
        (e.id, [e.detect, *(r.detect for r in e.requirements), e.sentence_model.signals])
        for e in RULES.elements
    ]
    rules += [(c.id, [c.detect]) for c in RULES.clauses] + [(w.id, [w.detect]) for w in RULES.wording]
    for rule_id, signal_sets in rules:
        for signals in signal_sets:
            for pattern in signals.any + signals.all + signals.not_ + signals.headings:
                out.append((rule_id, expand_macros(pattern, macros, path)))
    return out


def test_the_lint_finds_the_mistake_it_is_for() -> None:
    assert dead_symbol_alternatives(r"\bpay\b[^.]{0,9}\b(?:fees?|\$|£)") == ["$", "£"]
    assert dead_symbol_alternatives(r"\bpay\b[^.]{0,9}(?:[$£]|\b(?:fees?|dollars))\b") == []


@pytest.mark.parametrize(("rule_id", "pattern"), all_patterns())
def test_no_alternative_starts_with_a_symbol_after_a_word_boundary(rule_id: str, pattern: str) -> None:
    assert dead_symbol_alternatives(pattern) == [], f"{rule_id}: {pattern}"


# Patterns with no literal of three letters or more to look up: the engine searches them through the whole
# document (see docs/rules-authoring.md). Each is here because its words are all short (clock times,
# "24x7", "P1", "GB", country codes); a pattern that lands in this list by accident (a top-level "up to|..."
# or an alternation of short words) costs every review a full scan, so the list is checked, not inferred.
UNPREFILTERED = {
    ("scope_of_services", r"\bup\s+to\s+\d+(?:[.,]\d+)?\s*(?:gb|mb|tb)\b"),
    ("scope_of_services", r"\b24\s*(?:x|×|/|\s*hours?\s+(?:a|per)\s+day\s*,?\s*)\s*7\b"),
    ("scope_of_services", r"\b7\s*x\s*24\b"),
    ("scope_of_services", r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)\s*(?:to|-|–|until|and)\s*"),
    ("scope_of_services", r"\b\d{1,2}:\d{2}\s*(?:to|-|–|until)\s*\d{1,2}:\d{2}\b"),
    ("sla_incident_response_resolution", r"\b(?:P[1-4]|Sev\s*[1-4])\b"),
    ("sla_incident_response_resolution", r"\b24\s*[x×/]\s*7\b|\b7\s*[x×]\s*24\b|\btwenty-four\s+"),
    ("sla_incident_response_resolution", r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)\s*(?:to|-|–|through"),
    ("escalation_path", r"\b24\s*[x×/]\s*7\b|\b7\s*[x×]\s*24\b|\b(?:twenty-four|24)\s+"),
    (
        "service_and_data_location",
        r"\b(?:United\s+States|U\.S\.A?\.?|USA|European\s+(?:Union|Economic\s+Area)",
    ),
}


def test_every_bundled_pattern_has_a_literal_to_look_up_unless_listed() -> None:
    macros, path = RULES.blueprint.macros, RULES.sources[RULES.elements[0].id]
    rules = [
        (e.id, [e.detect, *(r.detect for r in e.requirements), e.sentence_model.signals])
        for e in RULES.elements
    ]
    rules += [(c.id, [c.detect]) for c in RULES.clauses] + [(w.id, [w.detect]) for w in RULES.wording]
    unplanned = {
        (rule_id, pattern)
        for rule_id, signal_sets in rules
        for signals in signal_sets
        for pattern in signals.any
        if not prefilter_plan(literal_options(expand_macros(pattern, macros, path)))
    }
    unlisted = [
        (rule_id, pattern)
        for rule_id, pattern in unplanned
        if not any(rule_id == r and pattern.startswith(prefix) for r, prefix in UNPREFILTERED)
    ]
    assert unlisted == [], "patterns with no literal to look up (split or lead with a longer word)"
    assert len(unplanned) == len(UNPREFILTERED)
