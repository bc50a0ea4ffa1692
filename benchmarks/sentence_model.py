"""Cross-validate the sentence model on the reviewed agreements: what does it add on agreements it never saw?

    pip install -e '.[train]'
    python benchmarks/sentence_model.py [--folds 5] [--source txt|pdf] [--per-element]

The agreements of ``benchmarks/labels/reviewed.jsonl`` are split into folds. For each fold a model is
trained on the other folds (``tools/train_sentence_model.py``), put beside a copy of the bundled rules, and
the fold's agreements are reviewed with it and with the patterns alone. Presence precision, recall and F1
are summed over all folds. The patterns were written with most of these agreements in view, so this
measures what the model adds on top of fitted patterns: a lower bound on what it adds where the patterns
are not fitted (docs/benchmarks.md has rounds scored with older rules for that).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_sentence_model as trainer  # noqa: E402

import msp_contract as mc  # noqa: E402
from benchmarks._shared import CUAD, require_shared  # noqa: E402
from msp_contract.rulebook import default_rules_dir  # noqa: E402
from msp_contract.rulebook.sentence_model import FILE_NAME  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "reviewed.jsonl"


def _folds(documents: list[str], count: int, seed: int) -> list[list[str]]:
    shuffled = sorted(documents)
    random.Random(seed).shuffle(shuffled)
    return [shuffled[k::count] for k in range(count)]


def _rules_with(model: dict[str, object], folder: Path, source: Path | None = None) -> mc.RuleSet:
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


def _prf(counts: Counter[str], prefix: str = "") -> str:
    tp, fp, fn = (counts[prefix + k] for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", choices=["txt", "pdf"], default="txt")
    parser.add_argument("--per-element", action="store_true")
    parser.add_argument(
        "--only", type=Path, help="score only the agreements listed in this file (one per line)"
    )
    args = parser.parse_args()
    require_shared()
    labels = {label["document"]: label for label in map(json.loads, LABELS.read_text().splitlines())}
    patterns_only, with_model = Counter[str](), Counter[str]()
    element_ids = [e.id for e in mc.load_rules().elements]
    added: dict[str, Counter[str]] = defaultdict(Counter)
    only = set(args.only.read_text().split()) if args.only else set()
    for number, fold in enumerate(_folds(list(labels), args.folds, args.seed), 1):
        with contextlib.redirect_stderr(io.StringIO()):
            model = trainer.train(trainer.arguments(["--exclude", ",".join(fold)]))
        with tempfile.TemporaryDirectory() as tmp:
            rules = _rules_with(model, Path(tmp) / "rules")
            for document in fold:
                if args.only and document not in only:
                    continue
                path = CUAD / args.source / f"{document}.{args.source}"
                present = labels[document]["present"]
                for element, right in score_agreement(
                    path, rules, present, patterns_only, with_model
                ).items():
                    added[element]["right" if right else "wrong"] += 1
        print(f"fold {number}/{args.folds}: {len(fold)} agreements", file=sys.stderr)
    print(f"{len(labels)} reviewed agreements ({args.source}), {args.folds}-fold, presence:")
    print(f"  patterns alone      {_prf(patterns_only)}")
    print(f"  with sentence model {_prf(with_model)}")
    if args.per_element:
        for element in element_ids:
            print(
                f"  {element:40} patterns {_prf(patterns_only, element + ':')}  "
                f"model adds {added[element]['right']} right, {added[element]['wrong']} wrong"
            )


if __name__ == "__main__":
    main()
