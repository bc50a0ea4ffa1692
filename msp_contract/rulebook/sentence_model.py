"""The sentence model file (``rules/sentence_model.json``): word weights per element, learned from labels.

Phrase patterns find an element when a contract words it the way some pattern expects. Agreements far from
managed services (licences, endorsements, joint ventures) word their duties in their own terms, so the
patterns miss many provisions that a reviewer marks present. The sentence model is a fallback for exactly
that: a linear score per element over the words of one sentence (after named parties are replaced by their
role words), trained on reviewed agreements by ``tools/train_sentence_model.py``. It is data like the rule
files: validated at load, with errors that name the file, and a user's rules folder may ship its own or none.
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


@dataclass(frozen=True, eq=False)
class SentenceModel:
    """The weights as arrays: one row per word, one column per element."""

    elements: tuple[str, ...]
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
    def of(cls, data: SentenceModelFile, path: str) -> SentenceModel:
        elements = tuple(sorted(data.elements))
        words = sorted({word for e in data.elements.values() for word in e.weights})
        rows = {word: i for i, word in enumerate(words)}
        weights = np.zeros((len(words), len(elements)))
        for column, element_id in enumerate(elements):
            for word, weight in data.elements[element_id].weights.items():
                weights[rows[word], column] = weight
        bias = np.array([data.elements[e].bias for e in elements])
        return cls(elements, rows, weights, bias, data.threshold, data.min_sentence_chars, path)


def read_sentence_model(path: Path, element_ids: set[str]) -> SentenceModel:
    """Load and validate a model file; every element it scores must be one of the blueprint's."""
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
    unknown = sorted(set(parsed.elements) - element_ids)
    if unknown:
        raise RuleFileError(path, f"weights for elements the blueprint does not have: {', '.join(unknown)}")
    for element_id, weights in parsed.elements.items():
        bad = next((w for w, v in weights.weights.items() if not math.isfinite(v) or w != w.lower()), None)
        if bad is not None:
            raise RuleFileError(
                path, f"elements.{element_id}.weights.{bad}: words are lower case, weights finite"
            )
    return SentenceModel.of(parsed, str(path))
