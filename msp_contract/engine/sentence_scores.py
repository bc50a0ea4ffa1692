"""Score a document's sentences with a sentence model: which sentence reads most like each element (or, with
the clause model, each clause type)?

A sentence's score for an element is the model's bias plus the weights of the distinct words it contains
(binary features, the way the trainer saw them). All sentences are scored at once from the index's
word -> sentences table: one gather and one ``bincount`` per element, so the fallback costs well under a
millisecond on a typical contract (benchmarks/speed.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..rulebook.sentence_model import SentenceModel
from .index import DocumentIndex


@dataclass(frozen=True)
class Candidate:
    sentence: int  # index into DocumentIndex.sentences
    score: float  # the model's probability that the sentence states the element


def ranked_candidates(
    index: DocumentIndex, model: SentenceModel, target_ids: Iterable[str]
) -> dict[str, list[Candidate]]:
    """Per target (element or clause type) the model scores, its sentences above the model's threshold, best
    first."""
    columns = {t: model.targets.index(t) for t in target_ids if t in model.targets}
    if not columns or not index.sentences:
        return {}
    sentence_rows, word_rows = _occurrences(index, model)
    if not sentence_rows.size:
        return {}  # no word the model knows: every sentence scores its bias, which is below any threshold
    count = len(index.sentences)
    short = np.fromiter((s.end - s.start < model.min_sentence_chars for s in index.sentences), bool, count)
    floor = model.min_logit
    found: dict[str, list[Candidate]] = {}
    for target, column in columns.items():
        scores = np.bincount(sentence_rows, weights=model.weights[word_rows, column], minlength=count)
        scores += model.bias[column]
        scores[short] = -np.inf
        above = np.flatnonzero(scores > floor)
        if above.size:
            ordered = above[np.argsort(-scores[above], kind="stable")]
            found[target] = [Candidate(int(i), _probability(float(scores[i]))) for i in ordered]
    return found


def _occurrences(index: DocumentIndex, model: SentenceModel) -> tuple[np.ndarray, np.ndarray]:
    """(sentence, model row) for every occurrence of a model word, as two parallel arrays; made once per
    document for the models of one file (they share their word rows: clause and element readings)."""
    key = id(model.rows)
    found = index.model_occurrences.get(key)
    if found is None or found[0] is not model.rows:
        found = index.model_occurrences[key] = (model.rows, *_gather(index, model.rows))
    return found[1], found[2]


def _gather(index: DocumentIndex, model_rows: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    by_word = index.sentences_by_word()
    rows: list[int] = []
    lists: list[list[int]] = []
    for word, sentences in by_word.items():
        row = model_rows.get(word)
        if row is not None:
            rows.append(row)
            lists.append(sentences)
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    sentence_rows = np.fromiter(
        itertools.chain.from_iterable(lists), dtype=np.int64, count=int(lengths.sum())
    )
    return sentence_rows, np.repeat(np.array(rows, dtype=np.int64), lengths)


def _probability(score: float) -> float:
    return float(1.0 / (1.0 + np.exp(-score)))
