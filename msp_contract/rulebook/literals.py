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
import re
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
COMMON_WORDS = {
    "shall", "will", "the", "and", "any", "such", "this", "that", "with", "party", "parties", "agreement",
    "provider", "customer", "supplier", "company", "services", "service", "may", "not", "for", "all",
}  # fmt: skip
# Symbols rare enough in prose to filter on although short: "%" or "$" next to "uptime" finds SLA targets.
_RARE_SYMBOLS = set("%$£€§")
_REPEATS = tuple(op for op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) if op)
_BOUNDARIES = {c.AT_BOUNDARY, c.AT_BEGINNING, c.AT_BEGINNING_STRING, c.AT_BEGINNING_LINE}
# Lookarounds ("(?<!\\bin\\s)support") consume no text: what precedes them still precedes what follows.
_LOOKAROUNDS = (c.ASSERT, c.ASSERT_NOT)


@dataclass(frozen=True, slots=True)
class Literals:
    strings: frozenset[str]  # lower-case; any one of them occurs in every match
    at_word_start: bool  # no word character precedes any of them wherever it occurs in a match
    at_word_end: bool = False  # ... and a space or punctuation mark follows each (so a word ends with it)


def _selectivity(required: Literals) -> tuple[int, bool]:
    common = any(literal.strip() in COMMON_WORDS for literal in required.strings)
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
    if op in _REPEATS and av[0] == 0 and av[1] == 1:  # "cut-?over": both spellings, "cutover" and "cut-over"
        pure = _pure(av[2])
        return ({""} | pure[0], True) if pure is not None and pure[1] else None
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


def _separator(code: int) -> bool:
    """A character that is never part of a word (the ``\\w+`` the word index tokenizes with)."""
    return not chr(code).isalnum() and chr(code) != "_"


def _class_of_separators(av: Any, categories: tuple[Any, ...]) -> bool:
    """A character class made only of separator literals and the given categories (``[\\s,;]``)."""
    return bool(av) and all(
        (o is c.CATEGORY and v in categories) or (o is c.LITERAL and _separator(v)) for o, v in av
    )


def _ends_with_non_word(op: Any, av: Any, before: bool = False) -> bool:
    """Whether a word must start right after this item: what it matches ends in a non-word character (a
    space, hyphen, punctuation), or it may match nothing and a word could already start (``before``)."""
    if op is c.LITERAL:
        return _separator(av)
    if op is c.IN:
        return _class_of_separators(av, (c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD))
    if op in _REPEATS:
        low, _high, sub = av
        ends = len(sub) > 0 and _ends_with_non_word(*list(sub)[-1])
        return ends and (low >= 1 or before)  # "\\s*" keeps a word start that came before it
    if op is c.SUBPATTERN:
        return _items_end_with_non_word(av[-1], before)
    if op is c.BRANCH:  # "(?:any\s+|such\s+)": every alternative ends in a space
        return all(_items_end_with_non_word(branch, before) for branch in av[1])
    return False


def _items_end_with_non_word(items: Any, before: bool) -> bool:
    state = before
    for op, av in items:
        if op is not c.AT and op not in _LOOKAROUNDS:
            state = _ends_with_non_word(op, av, state)
    return state


def _starts_with_separator(op: Any, av: Any) -> bool:
    """Whether what this item matches starts with whitespace or punctuation (never with a character the
    word index counts as part of a word). ``\\W`` and ``\\b`` do not count: the regex engine's idea of a
    word character differs from ``str.isalnum`` for a few symbols ("²")."""
    if op is c.LITERAL:
        return _separator(av)
    if op is c.IN:
        return _class_of_separators(av, (c.CATEGORY_SPACE,))
    if op in _REPEATS:
        return av[0] >= 1 and _first_is_separator(av[2])
    if op is c.SUBPATTERN:
        return _first_is_separator(av[-1])
    if op is c.BRANCH:
        return all(_first_is_separator(branch) for branch in av[1])
    return False


def _first_is_separator(items: Any) -> bool:
    return len(items) > 0 and _starts_with_separator(*items[0])


def _usable(literal: str) -> bool:
    return len(literal) >= MIN_LITERAL or (bool(literal) and set(literal) <= _RARE_SYMBOLS)


def _run_requirement(run: set[str], anchored: bool, separated: bool = False) -> Literals | None:
    """``separated``: the item after the run starts with a separator (``_starts_with_separator``)."""
    if not run or not all(map(_usable, run)):
        return None
    # A string that opens with a separator ('"level' of '["“]?level') is looked up by the word after it
    # (index_key), which starts a word wherever it occurs; the others start where the run starts.
    return Literals(frozenset(run), anchored, separated)


def _sequence(
    items: Any, anchored_start: bool = False, options: list[Literals] | None = None
) -> Literals | None:
    """The most selective requirement of a sequence; every requirement found is appended to ``options``."""
    found: list[Literals] = [] if options is None else options
    run: set[str] = {""}
    run_anchored = anchored = anchored_start

    def close_run(separated: bool = False) -> None:
        if (required := _run_requirement(run, run_anchored, separated)) is not None:
            found.append(required)

    for op, av in items:
        if op is c.AT:  # zero-width: a literal run continues across it
            if av in _BOUNDARIES and run == {""}:
                run_anchored = anchored = True
            continue
        if op in _LOOKAROUNDS:  # zero-width too; what it looks at is not required
            continue
        expansion = _expansions(op, av)
        if expansion is not None and len(run) * len(expansion[0]) <= _MAX_VARIANTS:
            before = anchored if run == {""} else False
            if run == {""}:
                run_anchored = anchored
            chars, complete = expansion
            run = {prefix + ch for prefix in run for ch in chars}
            if complete:
                anchored = all(_separator(ord(s[-1])) if s else run_anchored for s in run)
                continue
            close_run()  # the run ends inside this item; the item may still require more inside it
            if (required := _item(op, av, before)) is not None:
                found.append(required)
            run, anchored = {""}, False
            continue
        close_run(_starts_with_separator(op, av))
        run = {""}
        if (required := _item(op, av, anchored)) is not None:
            found.append(required)
        anchored = _ends_with_non_word(op, av, anchored)
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
        all_anchored = all_end = True
        for branch in av[1]:
            required = _sequence(branch, anchored)
            if required is None:
                return None  # one branch can match without any literal we know
            options |= required.strings
            all_anchored &= required.at_word_start
            all_end &= required.at_word_end
        return Literals(frozenset(options), all_anchored, all_end)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _sequence(sub, anchored) if low >= 1 else None
    return None


@dataclass(frozen=True, slots=True, eq=False)
class Lookup:
    """How a document index finds the sentences holding one of an option's literals.

    Interned: ``lookup_of`` returns one object per distinct lookup, so identity is equality and the object
    hashes by identity, in C. Every candidate check hashes its plan and lookups (per-document caches), and a
    value hash would hash every string of every lookup again, each time."""

    prefixes: tuple[str, ...]  # words of the word index, as prefixes: a constant-time lookup each
    words: tuple[str, ...]  # whole words of the word index (more selective: "term" is not "termination")
    in_words: tuple[str, ...]  # literals that may sit inside a word: found in the document's vocabulary
    anywhere: tuple[str, ...]  # literals spanning words or symbols: found in the text

    @property
    def cheap(self) -> bool:  # word-index lookups only
        return not (self.in_words or self.anywhere)

    @property
    def size(self) -> int:  # how many strings a document index looks up for it
        return len(self.prefixes) + len(self.words) + len(self.in_words) + len(self.anywhere)


_INTERNED: dict[tuple[tuple[str, ...], ...], Lookup] = {}


def _interned(*parts: tuple[str, ...]) -> Lookup:
    found = _INTERNED.get(parts)
    if found is None:
        found = _INTERNED[parts] = Lookup(*parts)
    return found


_WORD = re.compile(r"\w+")
INDEX_MIN_WORD = 3  # shorter words are too common to index on


def index_key(literal: str, at_word_start: bool, at_word_end: bool = False) -> tuple[str, bool] | None:
    """The word of ``literal`` to look up in a word index: one that must start a word in the text (the
    first only when the literal starts a word; any after a space or hyphen), preferring a rare, long one
    ("not assignable" is looked up by "assignable"); and whether it is a whole word there (it is followed
    by a space or punctuation mark: inside the literal, or after it when ``at_word_end``). The index
    tokenizes with the same ``\\w+``."""
    words = [
        m
        for m in _WORD.finditer(literal)
        if len(m.group()) >= INDEX_MIN_WORD and (m.start() > 0 or at_word_start)
    ]
    if not words:
        return None
    key = max(words, key=lambda m: (m.group() not in COMMON_WORDS, len(m.group())))
    return key.group(), key.end() < len(literal) or at_word_end


def _shortest_prefixes(strings: set[str]) -> list[str]:
    """The strings no other of them starts: wherever "agrees" or "services" begins, "agree" or "service"
    does too, so looking for the longer ones adds nothing."""
    return [s for s in strings if not any(t != s and s.startswith(t) for t in strings)]


@functools.lru_cache(maxsize=16384)
def lookup_of(option: Literals) -> Lookup:
    """Worked out once per option, not per document. A prefix that another prefix of the option starts
    with adds nothing ("service" covers "services"), nor does a literal that holds a shorter one of the
    option ("day" covers "days")."""
    prefixes: set[str] = set()
    words: set[str] = set()
    in_words: set[str] = set()
    anywhere: list[str] = []
    for literal in option.strings:
        if (key := index_key(literal, option.at_word_start, option.at_word_end)) is not None:
            (words if key[1] else prefixes).add(key[0])  # a superset of the literal: the regex then decides
        elif _WORD.fullmatch(literal):
            in_words.add(literal)
        else:
            anywhere.append(literal)
    minimal = sorted(_shortest_prefixes(prefixes))
    whole = sorted(w for w in words if not any(w.startswith(p) for p in minimal))
    inside = sorted(w for w in in_words if not any(q != w and q in w for q in in_words))
    return _interned(tuple(minimal), tuple(whole), tuple(inside), tuple(sorted(anywhere)))


def prefilter_plan(options: tuple[Literals, ...]) -> tuple[Lookup, ...]:
    """The lookups of a pattern's options, cheapest first: word-index ones before text scans, and fewer
    strings before more (ties in selectivity order). A document lacks most options' words and the first
    empty lookup ends the plan, so a one-word option is better asked before a twenty-verb alternation."""
    lookups = [lookup_of(option) for option in options]
    return tuple(sorted(lookups, key=lambda lookup: (not lookup.cheap, lookup.size)))


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
    return frozenset(_shortest_prefixes(pure[0]))  # "agrees" starts wherever "agree" does


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
