"""Paths to the shared evaluation data (../shared beside the repository)."""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CUAD = SHARED / "cuad"
LABELS = SHARED / "blueprint" / "labels"
PUBLIC = SHARED / "corpus" / "public"

# Blueprint label files that describe the public agreements, and their source files by input kind.
PUBLIC_SOURCES = {
    "pub-bonterms-sla": {"txt": PUBLIC / "bonterms-sla-v1.0.md", "pdf": PUBLIC / "bonterms-sla-v1.0.pdf"},
    "pub-bonterms-cloud-terms": {
        "txt": PUBLIC / "bonterms-cloud-terms-v1.0.md",
        "pdf": PUBLIC / "bonterms-cloud-terms-v1.0.pdf",
    },
    "pub-commonpaper-csa": {"txt": PUBLIC / "commonpaper-cloud-service-agreement.md"},
}


_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def normalize(text: str) -> str:
    """Text as CUAD's highlights and ours are compared: straight quotes, single spaces, lower case."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


def require_shared() -> None:
    if not SHARED.is_dir():
        raise SystemExit(f"shared data not found at {SHARED}: clone the repository beside ../shared")


def cuad_manifest() -> list[dict[str, Any]]:
    with (CUAD / "manifest.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def label_source(doc_id: str, kind: str, labels: Path | None = None) -> Path | None:
    """The file a blueprint label describes, as text ('txt') or PDF ('pdf'); None when not available.

    A folder of labels for agreements of one's own keeps each source beside it, in ``labels/../sources``
    (``<doc>.md`` or ``<doc>.txt``) and ``labels/../samples`` (``<doc>.pdf``), as corpus/blind does."""
    if doc_id in PUBLIC_SOURCES:
        return PUBLIC_SOURCES[doc_id].get(kind)
    if labels is not None:
        home = labels.parent / ("samples" if kind == "pdf" else "sources")
        suffixes = (".pdf",) if kind == "pdf" else (".md", ".txt")
        own = next((home / f"{doc_id}{s}" for s in suffixes if (home / f"{doc_id}{s}").exists()), None)
        if own is not None:
            return own
    return CUAD / kind / f"{doc_id}.{kind}"


def cross_validation_parser(description: str | None) -> argparse.ArgumentParser:
    """The options every cross-validation benchmark takes: folds, seed and input kind."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", choices=["txt", "pdf"], default="txt")
    return parser


def folds(documents: list[str], count: int, seed: int) -> list[list[str]]:
    """``documents`` dealt into ``count`` folds after a seeded shuffle (cross-validation benchmarks)."""
    shuffled = sorted(documents)
    random.Random(seed).shuffle(shuffled)
    return [shuffled[k::count] for k in range(count)]


def confusion_cell(found: bool, expected: bool) -> str:
    """The confusion-matrix cell of one (document, type) call: "tp", "fp", "fn" or "tn"."""
    return "tp" if found and expected else "fp" if found else "fn" if expected else "tn"


def precision_recall_f1(counts: Counter[str], prefix: str = "") -> tuple[float, float, float]:
    """From the ``tp``/``fp``/``fn`` cells of ``counts`` (under ``prefix``); an empty side scores 1."""
    tp, fp, fn = (counts[prefix + k] for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0
