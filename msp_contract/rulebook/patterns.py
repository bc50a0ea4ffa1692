"""Compile rule patterns safely: macros expanded, case-insensitive, and bounded in time.

Rule files may come from users, so their patterns run on the ``regex`` engine with a per-call timeout: a
catastrophically backtracking pattern fails loudly with a RuleFileError instead of hanging a CI job. The
bundled rules run without it, because the engine charges about 1.3 µs a call for a timeout (a tenth of the
review) and tests/test_pattern_safety.py vets every bundled pattern against pathological sentences instead.
Only on sentence-sized spans, though: a scan of a whole document keeps the timeout, since a bounded pattern
can still take long over megabytes without a full stop. A review's time budget is checked before every call.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path

import regex

from ..budget import DEADLINE, DeadlineExceeded, check_deadline
from ..errors import RuleFileError
from .literals import (
    Literals,
    Lookup,
    leading_literals,
    literal_options,
    parse_regex,
    prefilter_plan,
    required_literals,
)
from .location import is_bundled
from .schema import Signals

MATCH_TIMEOUT_SECONDS = 2.0
# Spans up to this long (a sentence is at most 1,500 characters, a table row read with its header twice that)
# are searched by bundled patterns without a per-call timeout.
VETTED_SPAN = 4096


def _timeout() -> float:
    deadline = DEADLINE.get()
    if deadline is None:
        return MATCH_TIMEOUT_SECONDS
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded
    return min(MATCH_TIMEOUT_SECONDS, remaining)


def _on_timeout(pattern: regex.Pattern[str]) -> Exception:
    deadline = DEADLINE.get()
    if deadline is not None and time.monotonic() >= deadline:
        return DeadlineExceeded()
    return _timed_out(pattern)


_MACRO = regex.compile(r"\{([a-z_]+)\}")
_FLAGS = regex.IGNORECASE | regex.VERSION0


@dataclass(frozen=True)
class CompiledSignals:
    any: tuple[regex.Pattern[str], ...]
    any_leading: tuple[frozenset[str] | None, ...]  # per pattern of ``any``: what every match starts with
    any_plans: tuple[tuple[Lookup, ...], ...]  # per pattern of ``any``: its literal prefilter (literals.py)
    all: tuple[regex.Pattern[str], ...]
    all_plans: tuple[tuple[Lookup, ...], ...]  # prefilters of ``all`` and ``not_``: which sentences to search
    not_: tuple[regex.Pattern[str], ...]
    not_plans: tuple[tuple[Lookup, ...], ...]
    headings: tuple[regex.Pattern[str], ...]
    heading_literals: tuple[Literals | None, ...]
    outside: tuple[regex.Pattern[str], ...]
    clauses: tuple[str, ...]
    negation: bool
    scope: str

    @property
    def empty(self) -> bool:
        return not (self.any or self.headings or self.clauses)


def expand_macros(pattern: str, macros: dict[str, str], path: Path) -> str:
    def substitute(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise RuleFileError(path, f"unknown macro {{{name}}} in pattern {pattern!r}")
        return f"(?:{macros[name]})"

    for _ in range(3):  # macros may use macros, a few levels deep
        pattern = _MACRO.sub(substitute, pattern)
    return pattern


@functools.lru_cache(maxsize=4096)
def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, _FLAGS)


# Compiled pattern -> the rule file it came from, so a run-time timeout names the file to fix.
_ORIGIN: dict[regex.Pattern[str], Path] = {}
# Patterns of the bundled rules, which tests/test_pattern_safety.py vets: a call on a sentence-sized span
# skips the per-call timeout. Any other pattern runs with one (a user's file may repeat a bundled pattern
# word for word: it is the same vetted regex).
_VETTED: set[regex.Pattern[str]] = set()


def compile_pattern(pattern: str, macros: dict[str, str], path: Path) -> regex.Pattern[str]:
    expanded = expand_macros(pattern, macros, path)
    try:
        compiled = _compile(expanded)
    except regex.error as exc:
        raise RuleFileError(
            path, f"invalid pattern {pattern!r}: {exc}", line_of_text(path, pattern)
        ) from None
    _ORIGIN.setdefault(compiled, path)
    if compiled not in _VETTED and is_bundled(path):
        _VETTED.add(compiled)
    return compiled


def line_of_text(path: Path, needle: str) -> int | None:
    """1-based line of the rule file where ``needle`` (a pattern as written) appears, if it does."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    probe = needle[:40]
    return next((number for number, line in enumerate(lines, 1) if probe in line), None)


def _timed_out(pattern: regex.Pattern[str]) -> RuleFileError:
    return RuleFileError(
        _ORIGIN.get(pattern, Path("<rules>")),
        f"pattern {pattern.pattern[:120]!r} timed out (catastrophic backtracking?)",
        line_of_text(_ORIGIN[pattern], pattern.pattern) if pattern in _ORIGIN else None,
    )


def check_pattern(pattern: str, macros: dict[str, str], path: Path) -> None:
    """Syntax check without the cost of compiling (the regex module compiles slowly: ~1 ms a pattern).

    The stdlib parser accepts nearly all rule syntax and its parse is reused for the literal prefilter;
    only what it rejects is compiled by the regex engine to decide. Compilation itself happens on first use.
    """
    expanded = expand_macros(pattern, macros, path)
    if parse_regex(expanded) is not None:
        return
    compile_pattern(pattern, macros, path)


def check_signals(signals: Signals, macros: dict[str, str], path: Path) -> None:
    for pattern in (*signals.any, *signals.all, *signals.not_, *signals.headings, *signals.outside):
        check_pattern(pattern, macros, path)


@functools.lru_cache(maxsize=8192)
def compile_signals_cached(
    signals: Signals, macros: tuple[tuple[str, str], ...], path: Path
) -> CompiledSignals:
    """``compile_signals`` once per rule and macro set: evaluation asks for the same signals per document."""
    return compile_signals(signals, dict(macros), path)


def compile_signals(signals: Signals, macros: dict[str, str], path: Path) -> CompiledSignals:
    def many(patterns: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
        return tuple(compile_pattern(p, macros, path) for p in patterns)

    def plans(patterns: tuple[regex.Pattern[str], ...]) -> tuple[tuple[Lookup, ...], ...]:
        return tuple(prefilter_plan(literal_options(p.pattern)) for p in patterns)

    any_patterns, all_patterns, not_patterns = many(signals.any), many(signals.all), many(signals.not_)
    heading_patterns = many(signals.headings)
    return CompiledSignals(
        any=any_patterns,
        any_leading=tuple(leading_literals(p.pattern) for p in any_patterns),
        any_plans=plans(any_patterns),
        all=all_patterns,
        all_plans=plans(all_patterns),
        not_=not_patterns,
        not_plans=plans(not_patterns),
        headings=heading_patterns,
        heading_literals=tuple(required_literals(p.pattern) for p in heading_patterns),
        outside=many(signals.outside),
        clauses=signals.clauses,
        negation=signals.negation,
        scope=signals.scope,
    )


def _vetted(pattern: regex.Pattern[str], pos: int, end: int) -> bool:
    """Whether this call may skip the per-call timeout: a bundled pattern over a sentence-sized span."""
    if pattern not in _VETTED or end - pos > VETTED_SPAN:
        return False
    check_deadline()
    return True


def search(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> regex.Match[str] | None:
    """``pattern.search`` with the rule time bound; a timeout is a rule defect, reported as such."""
    end = len(text) if endpos is None else endpos
    if _vetted(pattern, pos, end):
        return pattern.search(text, pos, end)
    try:
        return pattern.search(text, pos, end, timeout=_timeout())
    except TimeoutError:
        raise _on_timeout(pattern) from None


def match_at(pattern: regex.Pattern[str], text: str, pos: int, endpos: int) -> regex.Match[str] | None:
    """``pattern.match`` with the rule time bound. The most frequent call of a review (once per place an
    anchored pattern's first word occurs, about 1,400 a contract), so ``_vetted`` and ``check_deadline`` are
    written out here rather than called."""
    if endpos - pos <= VETTED_SPAN and pattern in _VETTED:
        deadline = DEADLINE.get()
        if deadline is not None and time.monotonic() >= deadline:
            raise DeadlineExceeded
        return pattern.match(text, pos, endpos)
    try:
        return pattern.match(text, pos, endpos, timeout=_timeout())
    except TimeoutError:
        raise _on_timeout(pattern) from None


def finditer(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> list[regex.Match[str]]:
    end = len(text) if endpos is None else endpos
    if _vetted(pattern, pos, end):
        return list(pattern.finditer(text, pos, end))
    try:
        return list(pattern.finditer(text, pos, end, timeout=_timeout()))
    except TimeoutError:
        raise _on_timeout(pattern) from None
