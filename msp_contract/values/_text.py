"""Sentence spans for contract text, tolerant of "a.m.", "U.S.", clause numbers and hard-wrapped lines."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from ..rulebook.literals import required_literals

# A full stop after these is not a sentence end ("8:00 a.m. to", "U.S. dollars", "Section 5.2").
_ABBREVIATIONS = frozenset(
    [
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "etc",
        "no",
        "nos",
        "inc",
        "ltd",
        "co",
        "corp",
        "u.s",
        "u.k",
        "sec",
        "art",
        "vs",
        "st",
        "mr",
        "ms",
        "dr",
        "jr",
        "sr",
        "approx",
        "incl",
        "cf",
        "para",
        "paras",
        "ss",
        "fig",
        "s.a",
        "n.v",
        "b.v",
        "l.p",
        "l.l.c",
        "llc",
        "plc",
        "pty",
    ]
)
_END = re.compile(r"[.!?](?=[\"”’')\]]*\s)|\n[ \t]*\n")
# Longer "sentences" are cut (at a semicolon or line break if there is one). The extractors do work per match
# over their whole sentence, and text without full stops (a run-on export, a hostile file) would otherwise
# be one sentence of megabytes; the time budget is also checked only between sentences. The longest real
# sentence in the CUAD and public corpora is 10,319 characters.
MAX_SENTENCE = 20_000
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def _is_false_stop(text: str, pos: int) -> bool:
    """True when the character at ``pos`` is a full stop that does not end a sentence."""
    if text[pos] != ".":
        return False
    word = _WORD_BEFORE.search(text[max(0, pos - 12) : pos])
    if word:
        token = word.group(1).lower().strip(".")
        if token in _ABBREVIATIONS or len(token) == 1:
            return True
    nxt = text[pos + 1 : pos + 40].lstrip()
    # "5. The" is a clause number; a lowercase continuation means we are inside a sentence.
    return bool(re.match(r"[a-z]", nxt)) or bool(re.search(r"(?:^|\s)\d{1,3}$", text[max(0, pos - 4) : pos]))


@functools.lru_cache(maxsize=256)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Half-open spans of sentences (and headings / list lines separated by blank lines), whitespace-trimmed.

    Cached: every document-level extractor walks the same sentences of the same text.
    """
    return tuple(_sentence_spans(text))


def sentences_matching(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The sentences of ``text`` in which ``pattern`` matches: a keyword filter that the document-level
    extractors run before their detailed per-sentence work.

    The regex runs only on sentences holding one of its required literals (found with ``str.find``, far
    cheaper than a case-insensitive regex scan of a whole contract); without such literals, on the
    sentences one scan of the whole text touches.
    """
    spans = sentence_spans(text)
    starts = _starts(text)
    chosen: set[int] = set()
    literals = required_literals(pattern.pattern)
    lowered = _lowered(text)
    if literals is not None and lowered is not None:
        for literal in literals.strings:
            position = lowered.find(literal)
            while position != -1:
                chosen.add(bisect.bisect_right(starts, position) - 1)
                position = lowered.find(literal, position + 1)
    else:
        for match in pattern.finditer(text):
            for offset in (match.start(), max(match.end() - 1, match.start())):
                chosen.add(bisect.bisect_right(starts, offset) - 1)
    return [spans[i] for i in sorted(chosen) if i >= 0 and pattern.search(text[spans[i][0] : spans[i][1]])]


@functools.lru_cache(maxsize=16)
def _lowered(text: str) -> str | None:
    """``text`` lower-cased, or None when lower-casing would move offsets (a few non-ASCII letters)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


@functools.lru_cache(maxsize=256)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(start for start, _ in sentence_spans(text))


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    visible = _LastVisible(text)
    for match in _END.finditer(text):
        pos = match.start()
        if text[pos] == "\n":
            # A blank line mid-sentence (PDF extraction) does not end it: the text before ends in a word
            # or a comma.
            last = visible.before(pos)
            if last is not None and (last.islower() or last == ","):
                continue
            end = pos
        else:
            if _is_false_stop(text, pos):
                continue
            end = pos + 1
        yield from _trimmed(text, start, end)
        start = match.end()
    yield from _trimmed(text, start, len(text))


class _LastVisible:
    """The last non-space character before an offset, for offsets asked in increasing order: each part of
    the text is read once (blanked focus texts hold long runs of spaces and line breaks)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.read_to = 0
        self.last: str | None = None

    def before(self, pos: int) -> str | None:
        piece = self.text[self.read_to : pos].rstrip()
        if piece:
            self.last = piece[-1]
        self.read_to = max(self.read_to, pos)
        return self.last


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _cut(text, start)
        yield from _trimmed(text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _cut(text: str, start: int) -> int:
    """Where to end an over-long sentence starting at ``start``: after its last semicolon or line break
    within MAX_SENTENCE characters, else at its last space, else hard."""
    limit = start + MAX_SENTENCE
    for separators in ((";", "\n"), (" ", "\t")):
        cut = max(text.rfind(separator, start, limit) for separator in separators)
        if cut > start:
            return cut + 1
    return limit


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces: for matching, never for spans."""
    return re.sub(r"\s+", " ", text).strip()
