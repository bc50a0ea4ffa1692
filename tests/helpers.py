"""Shared test helpers: where the shared data is, and small documents built from text."""

from __future__ import annotations

from pathlib import Path

import pytest

from msp_contract.model import Document
from msp_contract.rulebook.examples import document_from_text

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
