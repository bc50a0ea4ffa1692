"""The reviewed agreements (``benchmarks/labels/reviewed.jsonl``, and the quality calls of
``benchmarks/labels/quality.jsonl``) as the benchmarks read them: the labels, a rules folder carrying a freshly
trained model, presence counted with and without it, and weak/well-defined counted against a quality call."""

from __future__ import annotations

import json
import math
import shutil
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msp_contract as mc
from benchmarks._shared import REPO, confusion_cell, precision_recall_f1
from msp_contract.rulebook import default_rules_dir
from msp_contract.rulebook.sentence_model import FILE_NAME

REVIEWED = REPO / "benchmarks" / "labels" / "reviewed.jsonl"
QUALITY = REPO / "benchmarks" / "labels" / "quality.jsonl"


def labels_by_document(path: Path) -> dict[str, dict[str, Any]]:
    """The lines of a label file (one JSON object per agreement), by their ``document``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {label["document"]: label for label in map(json.loads, lines)}


def reviewed_labels() -> dict[str, dict[str, Any]]:
    """Each reviewed agreement's label line, by document id."""
    return labels_by_document(REVIEWED)


def quality_labels() -> dict[str, dict[str, Any]]:
    """Each quality-labelled agreement's calls (``elements.<id>.well_defined``, attributes), by document id."""
    return labels_by_document(QUALITY)


def rules_with(model: dict[str, object], folder: Path, source: Path | None = None) -> mc.RuleSet:
    """A copy of the rules folder ``source`` (default: the bundled rules) with ``model`` as its model."""
    shutil.copytree(source or default_rules_dir(), folder)
    (folder / FILE_NAME).write_text(json.dumps(model), encoding="utf-8")
    return mc.load_rules(folder)


def _count(counts: Counter[str], element: str, found: bool, expected: bool) -> None:
    call = confusion_cell(found, expected)
    counts[call] += 1
    counts[f"{element}:{call}"] += 1


@dataclass(frozen=True)
class Scored:
    """One agreement scored: its review (with the model), and the elements the model added, each with
    whether the reviewer has it."""

    report: mc.Report
    added: dict[str, bool]


def score_agreement(
    path: Path,
    rules: mc.RuleSet,
    present: Iterable[str],
    patterns_only: Counter[str],
    with_model: Counter[str],
) -> Scored:
    """Review ``path`` with the sentence model and with the patterns alone and count both against the
    elements a reviewer found ``present``."""
    report = mc.analyze(path, rules=rules)
    base = mc.analyze(path, rules=rules, config=mc.Config(sentence_model=False)).statuses()
    expected = set(present)
    added: dict[str, bool] = {}
    for element, status in report.statuses().items():
        _count(patterns_only, element, base[element] != "missing", element in expected)
        _count(with_model, element, status != "missing", element in expected)
        if status != "missing" and base[element] == "missing":
            added[element] = element in expected
    return Scored(report, added)


def count_call(counts: Counter[str], truly_well: bool, said_well: bool) -> None:
    """One weak/well-defined pair: its cell (``quality_<truth>_<answer>``, w = well defined, k = weak)."""
    counts[f"quality_{'w' if truly_well else 'k'}_{'w' if said_well else 'k'}"] += 1
    counts["quality_pairs"] += 1
    counts["quality_agree"] += truly_well == said_well


def score_quality(ours: mc.report.ElementResult, truth: Mapping[str, Any], counts: Counter[str]) -> bool:
    """Count one element both we and the label call present: weak/well-defined (``count_call``) and each
    requirement the label calls met or missing; whether we agree."""
    well, truly = ours.status == "present", bool(truth["well_defined"])
    count_call(counts, truly, well)
    met = {r.id for r in ours.requirements if r.met}
    known = {r.id for r in ours.requirements}
    for expected, attributes in (
        (True, truth.get("attributes_met", [])),
        (False, truth.get("attributes_missing", [])),
    ):
        for attribute in attributes:
            if attribute in known:
                counts["req_pairs"] += 1
                counts["req_agree"] += (attribute in met) == expected
    return well == truly


def score_report_quality(report: mc.Report, calls: Mapping[str, Any], counts: Counter[str]) -> None:
    """``score_quality`` for each element of ``calls`` (a quality label's ``elements``) we found present."""
    ours = {e.id: e for e in report.elements}
    for element, truth in calls.items():
        if element in ours and ours[element].status != "missing":
            score_quality(ours[element], truth, counts)


def quality_summary(counts: Counter[str], items: str = "requirement") -> str:
    """Weak/well-defined agreement, next to what always answering 'weak' would score and Cohen's kappa
    (agreement beyond chance): most present elements are weak, so raw agreement alone flatters. ``items``
    names what ``req_pairs`` counted (requirements against a label, attributes between two labels)."""
    n = counts["quality_pairs"]
    if not n:
        return "no quality pairs"
    truly_well = counts["quality_w_w"] + counts["quality_w_k"]
    said_well = counts["quality_w_w"] + counts["quality_k_w"]
    observed = counts["quality_agree"] / n
    chance = (truly_well * said_well + (n - truly_well) * (n - said_well)) / n**2
    kappa = (observed - chance) / (1 - chance) if not math.isclose(chance, 1.0) else 0.0
    recall = counts["quality_w_w"] / truly_well if truly_well else 1.0
    precision = counts["quality_w_w"] / said_well if said_well else 1.0
    requirements = counts["req_agree"] / counts["req_pairs"] if counts["req_pairs"] else 0.0
    return (
        f"weak/well-defined agreement {observed:.3f} (n={n}; always 'weak' {(n - truly_well) / n:.3f}; "
        f"kappa {kappa:.2f}; well defined: recall {recall:.2f}, precision {precision:.2f}); "
        f"{items} agreement {requirements:.3f} (n={counts['req_pairs']})"
    )


def prf(counts: Counter[str], prefix: str = "") -> str:
    tp, fp, fn = (counts[prefix + k] for k in ("tp", "fp", "fn"))
    p, r, f = precision_recall_f1(counts, prefix)
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"
