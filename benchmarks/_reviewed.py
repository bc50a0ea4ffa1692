"""The reviewed agreements (``benchmarks/labels/reviewed.jsonl``) as the sentence-model benchmarks read them:
the labels, a rules folder carrying a freshly trained model, and presence counted with and without it."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msp_contract as mc
from benchmarks._shared import REPO
from msp_contract.rulebook import default_rules_dir
from msp_contract.rulebook.sentence_model import FILE_NAME

REVIEWED = REPO / "benchmarks" / "labels" / "reviewed.jsonl"


def reviewed_labels() -> dict[str, dict[str, Any]]:
    """Each reviewed agreement's label line, by document id."""
    lines = REVIEWED.read_text(encoding="utf-8").splitlines()
    return {label["document"]: label for label in map(json.loads, lines)}


def rules_with(model: dict[str, object], folder: Path, source: Path | None = None) -> mc.RuleSet:
    """A copy of the rules folder ``source`` (default: the bundled rules) with ``model`` as its model."""
    shutil.copytree(source or default_rules_dir(), folder)
    (folder / FILE_NAME).write_text(json.dumps(model), encoding="utf-8")
    return mc.load_rules(folder)


def _count(counts: Counter[str], element: str, found: bool, expected: bool) -> None:
    cell = "tp" if found and expected else "fp" if found else "fn" if expected else "tn"
    counts[cell] += 1
    counts[f"{element}:{cell}"] += 1


def score_agreement(
    path: Path,
    rules: mc.RuleSet,
    present: Iterable[str],
    patterns_only: Counter[str],
    with_model: Counter[str],
) -> dict[str, bool]:
    """Review ``path`` with the sentence model and with the patterns alone and count both against the
    elements a reviewer found ``present``; returns the elements the model added, each with whether the
    reviewer has it."""
    ours = mc.analyze(path, rules=rules).statuses()
    base = mc.analyze(path, rules=rules, config=mc.Config(sentence_model=False)).statuses()
    expected = set(present)
    added: dict[str, bool] = {}
    for element, status in ours.items():
        _count(patterns_only, element, base[element] != "missing", element in expected)
        _count(with_model, element, status != "missing", element in expected)
        if status != "missing" and base[element] == "missing":
            added[element] = element in expected
    return added


def prf(counts: Counter[str], prefix: str = "") -> str:
    tp, fp, fn = (counts[prefix + k] for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"
