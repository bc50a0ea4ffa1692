"""Shared test helpers: where the shared data is, and small documents built from text."""

from __future__ import annotations

from pathlib import Path

import pytest

from msp_contract.model import Document
from msp_contract.rulebook.examples import document_from_text
from msp_contract.rulebook.sentence_model import SentenceModel

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"
SAMPLES = CORPUS / "samples"
PUBLIC = SHARED / "corpus" / "public"

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="../shared (CUAD, public agreements) not present"
)


def doc(text: str) -> Document:
    """A segmented Document from plain text, as the text parser reads it."""
    return document_from_text(text)


def top_words(model: SentenceModel | None, target: str, count: int) -> list[str]:
    """The ``count`` alphabetic words ``model`` weighs highest for ``target`` (an element or clause type)."""
    assert model is not None
    column = model.targets.index(target)
    by_weight = sorted(model.rows, key=lambda word: -model.weights[model.rows[word], column])
    return [w for w in by_weight if w.isalpha()][:count]
