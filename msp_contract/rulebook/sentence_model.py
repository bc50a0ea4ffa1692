"""The sentence model file (``rules/sentence_model.json``): word weights per element, learned from labels.

Phrase patterns find an element when a contract words it the way some pattern expects. Agreements far from
managed services (licences, endorsements, joint ventures) word their duties in their own terms, so the
patterns miss many provisions that a reviewer marks present. The sentence model is a fallback for exactly
that: a linear score per element over the words of one sentence (after named parties are replaced by their
role words), trained on reviewed agreements by ``tools/train_sentence_model.py``. It is data like the rule
files: validated at load, with errors that name the file, and a user's rules folder may ship its own or none.

The same file may also hold weights per clause type (``clauses``, CUAD categories), trained on CUAD's expert
highlights: a second reading of the clause types the clause patterns missed, with its own threshold.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import RuleFileError

FILE_NAME = "sentence_model.json"
FORMAT = 1


class _ElementWeights(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    bias: float
    weights: dict[str, float]  # lower-case word -> weight of its presence in the sentence


class SentenceModelFile(BaseModel):
    """The JSON file as written by the trainer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = Field(ge=FORMAT, le=FORMAT)
    description: str = ""
    trained_on: dict[str, Any] = Field(default_factory=dict)  # provenance: labels file, digest, counts
    threshold: float = Field(gt=0.0, lt=1.0)  # probability a sentence must exceed to count as evidence
    min_sentence_chars: int = Field(ge=0)  # shorter sentences (headings, numbers) are never scored
    elements: dict[str, _ElementWeights]
    # Weights per clause type (rules/clauses), and the probability their sentences must exceed: clause
    # types are judged per document against expert highlights, so one wrong sentence is one wrong clause.
    clauses: dict[str, _ElementWeights] = Field(default_factory=dict)
    clause_threshold: float | None = Field(default=None, gt=0.0, lt=1.0)


@dataclass(frozen=True, eq=False)
class SentenceModel:
    """The weights as arrays: one row per word, one column per target (an element, or a clause type)."""

    targets: tuple[str, ...]
    rows: dict[str, int]  # word -> row of ``weights``
    weights: NDArray[np.float64] = field(repr=False)
    bias: NDArray[np.float64] = field(repr=False)
    threshold: float
    min_sentence_chars: int
    path: str

    @property
    def min_logit(self) -> float:
        """The score (log-odds) that ``threshold`` corresponds to."""
        return math.log(self.threshold / (1.0 - self.threshold))

    @classmethod
    def of(
        cls,
        by_target: dict[str, _ElementWeights],
        threshold: float,
        min_sentence_chars: int,
        path: str,
        rows: dict[str, int],
    ) -> SentenceModel:
        """The arrays for ``by_target``; ``rows``: the word -> row table shared by the models of one file (the
        engine then gathers a document's word occurrences once for both)."""
        targets = tuple(sorted(by_target))
        weights = np.zeros((len(rows), len(targets)))
        for column, target in enumerate(targets):
            for word, weight in by_target[target].weights.items():
                weights[rows[word], column] = weight
        bias = np.array([by_target[t].bias for t in targets])
        return cls(targets, rows, weights, bias, threshold, min_sentence_chars, path)


@dataclass(frozen=True)
class SentenceModels:
    """What one model file holds: the element model, and the clause model when the file has clause weights."""

    elements: SentenceModel | None
    clauses: SentenceModel | None


def read_sentence_model(path: Path, element_ids: set[str], clause_ids: set[str]) -> SentenceModels:
    """Load and validate a model file; every element and clause type it scores must be one of the rule
    set's."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise RuleFileError(path, f"invalid JSON: {exc.msg}", exc.lineno) from None
    try:
        parsed = SentenceModelFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RuleFileError(path, f"{where}: {first['msg']}") from None
    _check_weights(path, "elements", parsed.elements, element_ids, "the blueprint")
    _check_weights(path, "clauses", parsed.clauses, clause_ids, "rules/clauses")
    rows = _rows_of([parsed.elements, parsed.clauses])
    chars = parsed.min_sentence_chars
    elements = SentenceModel.of(parsed.elements, parsed.threshold, chars, str(path), rows)
    if not parsed.clauses:
        return SentenceModels(elements, None)
    threshold = parsed.clause_threshold or parsed.threshold
    return SentenceModels(elements, SentenceModel.of(parsed.clauses, threshold, chars, str(path), rows))


def _rows_of(parts: list[dict[str, _ElementWeights]]) -> dict[str, int]:
    words = sorted({word for part in parts for weights in part.values() for word in weights.weights})
    return {word: i for i, word in enumerate(words)}


def _check_weights(
    path: Path, key: str, by_target: dict[str, _ElementWeights], known: set[str], where: str
) -> None:
    unknown = sorted(set(by_target) - known)
    if unknown:
        raise RuleFileError(path, f"{key}: weights for ids {where} does not have: {', '.join(unknown)}")
    for target, weights in by_target.items():
        bad = next((w for w, v in weights.weights.items() if not math.isfinite(v) or w != w.lower()), None)
        if bad is not None:
            raise RuleFileError(path, f"{key}.{target}.weights.{bad}: words are lower case, weights finite")
