"""Required literals of a regex: strings at least one of which must occur in any match.

The engine uses them as a prefilter (the idea behind ripgrep's and Hyperscan's literal extraction): it finds
the literals with ``str.find`` on the lower-cased text, then runs the regex only on the sentences that
contain one. That makes rule evaluation cost proportional to what a document actually says, not to
(number of patterns x document length). A pattern whose literals cannot be derived is simply scanned in full.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as c
    import sre_parse

MIN_LITERAL = 3  # shorter literals ("we", "or") filter nothing

Requirement = frozenset[str]  # any one of these strings must occur


# Words in nearly every contract sentence: a prefilter on them selects almost everything.
_COMMON = {
    "shall", "will", "the", "and", "any", "such", "this", "that", "with", "party", "parties", "agreement",
    "provider", "customer", "supplier", "company", "services", "service", "may", "not", "for", "all",
}  # fmt: skip


def _selectivity(required: Requirement) -> int:
    if any(literal.strip() in _COMMON for literal in required):
        return 1
    return min(map(len, required))


def _better(a: Requirement | None, b: Requirement | None) -> Requirement | None:
    """The more selective of two requirements: uncommon words first, then the longest shortest literal."""
    if a is None:
        return b
    if b is None:
        return a
    return a if _selectivity(a) >= _selectivity(b) else b


_MAX_VARIANTS = 16


def _literal_run(run: set[str]) -> Requirement | None:
    return frozenset(run) if run and min(map(len, run)) >= MIN_LITERAL else None


def _class_chars(av: Any) -> set[str] | None:
    """The characters of a small class made only of literals ("[TP]" after the parser factored RTO|RPO)."""
    chars = {chr(v).lower() for op, v in av if op is c.LITERAL}
    if len(chars) != len(av) or not chars or len(chars) > 4:
        return None
    return chars


def _pure(items: Any) -> set[str] | None:
    """All strings a sequence of literals, small classes and literal branches can match, if few."""
    strings = {""}
    for op, av in items:
        chars = _expansions(op, av)
        if chars is None or len(strings) * len(chars) > _MAX_VARIANTS:
            return None
        strings = {prefix + ch for prefix in strings for ch in chars}
    return strings


def _expansions(op: Any, av: Any) -> set[str] | None:
    if op is c.LITERAL:
        return {chr(av).lower()}
    if op is c.IN:
        return _class_chars(av)
    if op is c.SUBPATTERN:
        return _pure(av[-1])
    if op is c.BRANCH:
        options: set[str] = set()
        for branch in av[1]:
            pure = _pure(branch)
            if pure is None:
                return None
            options |= pure
        return options
    return None


def _sequence(items: Any) -> Requirement | None:
    best: Requirement | None = None
    run: set[str] = {""}
    for op, av in items:
        chars = _expansions(op, av)
        if chars is not None and len(run) * len(chars) <= _MAX_VARIANTS:
            run = {prefix + ch for prefix in run for ch in chars}
            continue
        if op is c.AT:  # \b, ^, $: zero-width, the literal run continues across it
            continue
        best = _better(best, _literal_run(run))
        run = {""}
        best = _better(best, _item(op, av))
    return _better(best, _literal_run(run))


def _item(op: Any, av: Any) -> Requirement | None:
    if op is c.SUBPATTERN:
        return _sequence(av[-1])
    if op is c.BRANCH:
        options: set[str] = set()
        for branch in av[1]:
            required = _sequence(branch)
            if required is None:
                return None  # one branch can match without any literal we know
            options |= required
        return frozenset(options)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _sequence(sub) if low >= 1 else None
    return None


@functools.lru_cache(maxsize=8192)
def required_literals(pattern: str) -> Requirement | None:
    """Lower-case literals, one of which every match contains; None when none can be derived."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern)
    except Exception:  # regex-module syntax the stdlib parser does not know: no prefilter
        return None
    return _sequence(parsed)
