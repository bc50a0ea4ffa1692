"""Paths to the shared evaluation data (../shared beside the repository)."""

from __future__ import annotations

import json
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


def require_shared() -> None:
    if not SHARED.is_dir():
        raise SystemExit(f"shared data not found at {SHARED}: clone the repository beside ../shared")


def cuad_manifest() -> list[dict[str, Any]]:
    with (CUAD / "manifest.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def label_source(doc_id: str, kind: str) -> Path | None:
    """The file a blueprint label describes, as text ('txt') or PDF ('pdf'); None when not available."""
    if doc_id in PUBLIC_SOURCES:
        return PUBLIC_SOURCES[doc_id].get(kind)
    return CUAD / kind / f"{doc_id}.{kind}"
