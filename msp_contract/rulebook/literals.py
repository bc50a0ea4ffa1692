"""Required literals of a regex: strings at least one of which must occur in any match.

The engine uses them as a prefilter (the idea behind ripgrep's and Hyperscan's literal extraction): it looks
the literals up in the document, then runs the regex only on the sentences that contain one. That makes rule
evaluation cost proportional to what a document actually says, not to (patterns x document length). A
pattern whose literals cannot be derived is simply scanned in full.

A literal known to start at a word boundary (``\\bdisaster``, ``recovery`` after ``\\s+``) can be looked up
in a per-document index of word prefixes in constant time; any other literal is found with ``str.find``.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as c
    import sre_parse

MIN_LITERAL = 3  # shorter literals ("we", "or") filter nothing
_MAX_VARIANTS = 16
# Words in nearly every contract sentence: a prefilter on them selects almost everything.
_COMMON = {
    "shall", "will", "the", "and", "any", "such", "this", "that", "with", "party", "parties", "agreement",
    "provider", "customer", "supplier", "company", "services", "service", "may", "not", "for", "all",
}  # fmt: skip
_BOUNDARIES = {c.AT_BOUNDARY, c.AT_BEGINNING, c.AT_BEGINNING_STRING, c.AT_BEGINNING_LINE}


@dataclass(frozen=True, slots=True)
class Literals:
    strings: frozenset[str]  # lower-case; any one of them occurs in every match
    at_word_start: bool  # each of them starts at a word boundary wherever it occurs in a match


Requirement = Literals


def _selectivity(required: Literals) -> tuple[int, bool]:
    common = any(literal.strip() in _COMMON for literal in required.strings)
    return (1 if common else min(map(len, required.strings)), required.at_word_start)


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective of two requirements: uncommon words first, then the longest shortest literal."""
    if a is None:
        return b
    if b is None:
        return a
    return a if _selectivity(a) >= _selectivity(b) else b


def _class_chars(av: Any) -> set[str] | None:
    """The characters of a small class made only of literals ("[TP]" after the parser factored RTO|RPO)."""
    chars = {chr(v).lower() for op, v in av if op is c.LITERAL}
    if len(chars) != len(av) or not chars or len(chars) > 4:
        return None
    return chars


def _pure(items: Any) -> tuple[set[str], bool] | None:
    """Strings that every match of ``items`` starts with, and whether they are the whole match.

    ``p(?:lan|rocedures?)`` (the parser factors the shared "p" out) gives ({"plan", "procedure"}, False):
    the optional "s" ends the literal prefix, but "procedure" is still required.
    """
    strings = {""}
    for op, av in items:
        expansion = _expansions(op, av)
        if expansion is None or len(strings) * len(expansion[0]) > _MAX_VARIANTS:
            return (strings, False) if strings != {""} else None
        chars, complete = expansion
        strings = {prefix + ch for prefix in strings for ch in chars}
        if not complete:
            return strings, False
    return strings, True


def _expansions(op: Any, av: Any) -> tuple[set[str], bool] | None:
    if op is c.LITERAL:
        return {chr(av).lower()}, True
    if op is c.IN:
        chars = _class_chars(av)
        return (chars, True) if chars is not None else None
    if op is c.SUBPATTERN:
        return _pure(av[-1])
    if op is c.BRANCH:
        options: set[str] = set()
        complete = True
        for branch in av[1]:
            pure = _pure(branch)
            if pure is None:
                return None
            options |= pure[0]
            complete &= pure[1]
        return options, complete
    return None


def _ends_with_non_word(op: Any, av: Any) -> bool:
    """Whether what this item matches must end in a non-word character (a space, hyphen, punctuation)."""
    if op is c.LITERAL:
        return not chr(av).isalnum() and chr(av) != "_"
    if op is c.IN:
        return all(
            (o is c.CATEGORY and v in (c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD))
            or (o is c.LITERAL and not chr(v).isalnum() and chr(v) != "_")
            for o, v in av
        )
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return low >= 1 and len(sub) > 0 and _ends_with_non_word(*list(sub)[-1])
    return False


def _run_requirement(run: set[str], anchored: bool) -> Literals | None:
    if not run or min(map(len, run)) < MIN_LITERAL:
        return None
    starts_word = all(s[0].isalnum() or s[0] == "_" for s in run)
    return Literals(frozenset(run), anchored and starts_word)


def _sequence(
    items: Any, anchored_start: bool = False, options: list[Literals] | None = None
) -> Literals | None:
    """The most selective requirement of a sequence; every requirement found is appended to ``options``."""
    found: list[Literals] = [] if options is None else options
    run: set[str] = {""}
    run_anchored = anchored = anchored_start

    def close_run() -> None:
        if (required := _run_requirement(run, run_anchored)) is not None:
            found.append(required)

    for op, av in items:
        if op is c.AT:  # zero-width: a literal run continues across it
            if av in _BOUNDARIES and run == {""}:
                run_anchored = anchored = True
            continue
        expansion = _expansions(op, av)
        if expansion is not None and len(run) * len(expansion[0]) <= _MAX_VARIANTS:
            before = anchored if run == {""} else False
            if run == {""}:
                run_anchored = anchored
            chars, complete = expansion
            run = {prefix + ch for prefix in run for ch in chars}
            if complete:
                anchored = all(not s[-1:].isalnum() and s[-1:] != "_" for s in run)
                continue
            close_run()  # the run ends inside this item; the item may still require more inside it
            if (required := _item(op, av, before)) is not None:
                found.append(required)
            run, anchored = {""}, False
            continue
        close_run()
        run = {""}
        if (required := _item(op, av, anchored)) is not None:
            found.append(required)
        anchored = _ends_with_non_word(op, av)
    close_run()
    best: Literals | None = None
    for required in found:
        best = _better(best, required)
    return best


def _item(op: Any, av: Any, anchored: bool) -> Literals | None:
    if op is c.SUBPATTERN:
        return _sequence(av[-1], anchored)
    if op is c.BRANCH:
        options: set[str] = set()
        all_anchored = True
        for branch in av[1]:
            required = _sequence(branch, anchored)
            if required is None:
                return None  # one branch can match without any literal we know
            options |= required.strings
            all_anchored &= required.at_word_start
        return Literals(frozenset(options), all_anchored)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _sequence(sub, anchored) if low >= 1 else None
    return None


@functools.lru_cache(maxsize=8192)
def leading_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case strings every match *starts* with (``\\b(?:RTO|RPO)\\b`` -> {"rto", "rpo"}), if known.

    The engine then tries the pattern only where one of them occurs (``match`` at that position) instead
    of scanning a sentence: patterns that open with a long alternation are slow to ``search``.
    """
    parsed = parse_regex(pattern)
    if parsed is None:
        return None
    items = [(op, av) for op, av in parsed if op is not c.AT]  # zero-width: \b, ^ do not consume text
    if len(items) < len(parsed) and any(
        op is c.AT for op, av in list(parsed)[1:] if op is c.AT and av not in _BOUNDARIES
    ):
        return None
    pure = _pure(items)
    if pure is None or not pure[0] or min(map(len, pure[0])) < MIN_LITERAL:
        return None
    return frozenset(pure[0])


@functools.lru_cache(maxsize=8192)
def parse_regex(pattern: str) -> Any:
    """The stdlib parse tree of ``pattern`` (shared by the literal analyses and the load-time syntax
    check), or None for regex-module syntax the stdlib parser does not know."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return sre_parse.parse(pattern)
    except Exception:  # regex-module syntax the stdlib parser does not know
        return None


@functools.lru_cache(maxsize=8192)
def literal_options(pattern: str) -> tuple[Literals, ...]:
    """Every independent requirement of the pattern: each is necessary, so any one can prefilter.

    The engine picks, per document, the one whose literals occur in the fewest sentences.
    """
    parsed = parse_regex(pattern)
    if parsed is None:
        return ()
    options: list[Literals] = []
    _sequence(parsed, options=options)
    return tuple(
        sorted(set(options), key=lambda o: (-_selectivity(o)[0], not o.at_word_start, sorted(o.strings)))
    )


@functools.lru_cache(maxsize=8192)
def required_literals(pattern: str) -> Literals | None:
    """Lower-case literals, one of which every match contains; None when none can be derived."""
    parsed = parse_regex(pattern)
    return _sequence(parsed) if parsed is not None else None
