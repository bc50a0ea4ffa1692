"""Sentence spans over canonical text, tuned for contracts.

A rule matches inside one sentence (or one table row), never across a clause boundary. Contract prose is
full of periods that do not end sentences ("U.S.", "Inc.", "Sec. 2", "12.3", "(a)"); this splitter knows
them. It is a regex pass rather than a spaCy pipeline because it runs on every document: measured on CUAD,
spaCy's blank-English tokenizer + sentencizer costs about 2 ms/page, this splitter about a tenth of that.
"""

from __future__ import annotations

import re

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = {
    "inc", "ltd", "llc", "co", "corp", "no", "nos", "sec", "secs", "art", "arts", "para", "paras", "cl", "sch",
    "u.s", "u.k", "e.u", "e.g", "i.e", "etc", "vs", "v", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "approx",
    "min", "max", "dept", "ex", "exh", "fig", "p", "pp", "vol", "n.a", "s.a", "b.v", "n.v", "gmbh", "plc",
    "a.m", "p.m", "am", "pm", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "est", "incl", "ref", "cf", "al", "l.p", "l.l.c", "pty", "s.p.a", "ag", "nv", "bv",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?;:]+[\"”’')\]]*(?=\s+)|\n")
# A bullet glyph a plain-text export keeps as a letter ("o", from Word's Symbol font) before a capitalised item.
_BULLET = re.compile(r"o[ \t]+(?=[A-Z0-9])")
_MAX_SENTENCE = 1500  # very long "sentences" (lists run together) are cut at semicolons/newlines instead


def _ends_sentence(text: str, dot: int, end: int) -> bool:
    """Whether the punctuation run text[dot:end] ends a sentence."""
    punct = text[dot:end]
    if punct.startswith((";", ":")):
        return False  # clause separators: a rule may match across them, the list stays one unit
    if punct.startswith(("!", "?")):
        return True
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in '("“':
        word_start -= 1
    word = text[word_start:dot].lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    if re.fullmatch(r"\(?[0-9ivxlc]{1,6}(?:\.[0-9]{1,3})*\)?|\([a-z]{1,2}\)", word):
        return False  # a clause number such as "12.3." or "(iv)." at the start of a block
    nxt = end
    while nxt < len(text) and text[nxt] == " ":
        nxt += 1
    if _BULLET.match(text, nxt):
        return True  # a list item starts: "... from COMWARE. o ITS will provide ..." (Word's "o" bullet)
    # A lower-case continuation means the period was an abbreviation we do not know.
    return not (nxt < len(text) and text[nxt].islower())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Half-open spans of the sentences in ``text[start:end]``; newlines always end a sentence."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group() == "\n" or _ends_sentence(text, match.start(), match.end()):
            stop = match.end() if match.group() != "\n" else match.start()
            _emit(text, begin, stop, spans)
            begin = match.end()
    _emit(text, begin, end, spans)
    return spans


def _emit(text: str, begin: int, stop: int, spans: list[tuple[int, int]]) -> None:
    """Append the trimmed span; an over-long run is cut at semicolons (or hard) into pieces, iteratively."""
    while True:
        while begin < stop and text[begin].isspace():
            begin += 1
        while stop > begin and text[stop - 1].isspace():
            stop -= 1
        if stop - begin < 2:
            return
        if stop - begin <= _MAX_SENTENCE:
            spans.append((begin, stop))
            return
        cut = text.rfind(";", begin, begin + _MAX_SENTENCE)
        cut = cut + 1 if cut > begin else begin + _MAX_SENTENCE
        spans.append((begin, cut))
        begin = cut
