"""Cross-validate the clause model on CUAD: what does it add on contracts it never saw?

    pip install -e '.[train]'
    python benchmarks/clause_model.py [--folds 5] [--source txt|pdf]

The development contracts of ``../shared/cuad`` are split into folds. For each fold a clause model is trained
on the other folds' expert highlights (``tools/train_sentence_model.py --exclude``), put beside a copy of the
bundled rules, and the fold's contracts get the clause inventory with it and with the patterns alone.
Document-level precision, recall and F1 per clause type are summed over all folds, as ``benchmarks/cuad.py``
counts them. The clause patterns were written with all of these contracts in view, so this measures what
the model adds on top of fitted patterns: a lower bound on what it adds where the patterns are not fitted.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_sentence_model as trainer  # noqa: E402

import msp_contract as mc  # noqa: E402
from benchmarks._reviewed import rules_with  # noqa: E402
from benchmarks._shared import (  # noqa: E402
    CUAD,
    confusion_cell,
    cross_validation_parser,
    cuad_manifest,
    folds,
    precision_recall_f1,
    require_shared,
)
from msp_contract.engine.clauses import evaluate_clauses  # noqa: E402
from msp_contract.engine.elements import index_for  # noqa: E402


def main() -> None:
    parser = cross_validation_parser(__doc__)
    args = parser.parse_args()
    require_shared()
    manifest = {entry["id"]: entry for entry in cuad_manifest()}
    element_ids = ",".join(e.id for e in mc.load_rules().elements)
    patterns: dict[str, Counter[str]] = defaultdict(Counter)
    with_model: dict[str, Counter[str]] = defaultdict(Counter)
    for number, fold in enumerate(folds(list(manifest), args.folds, args.seed), 1):
        train_args = ["--exclude", ",".join(fold), "--skip", element_ids]
        with contextlib.redirect_stderr(io.StringIO()):
            model = trainer.train(trainer.arguments(train_args))
        with tempfile.TemporaryDirectory() as tmp:
            rules = rules_with(model, Path(tmp) / "rules")
            for document in fold:
                entry = manifest[document]
                index = index_for(mc.load(CUAD / entry[args.source]), rules)
                alone = {c.type for c in evaluate_clauses(index, rules, False)[1]}
                both = {c.type for c in evaluate_clauses(index, rules, True)[1]}
                for rule in rules.clauses:
                    expected = bool(entry["labels"].get(rule.cuad, {}).get("clauses"))
                    patterns[rule.id][confusion_cell(rule.id in alone, expected)] += 1
                    with_model[rule.id][confusion_cell(rule.id in both, expected)] += 1
                    if rule.id in both - alone:
                        with_model[rule.id]["added_right" if expected else "added_wrong"] += 1
        print(f"fold {number}/{args.folds}: {len(fold)} contracts", file=sys.stderr)
    print(f"{len(manifest)} CUAD contracts ({args.source}), {args.folds}-fold, document-level F1:")
    print(f"{'type':38} {'patterns P/R/F1':>20} {'with model P/R/F1':>20}  model adds right/wrong")
    macro_alone, macro_both = [], []
    for clause_type in patterns:
        a, b = precision_recall_f1(patterns[clause_type]), precision_recall_f1(with_model[clause_type])
        macro_alone.append(a[2])
        macro_both.append(b[2])
        added = with_model[clause_type]
        print(
            f"{clause_type:38} {a[0]:.3f}/{a[1]:.3f}/{a[2]:.3f}  {b[0]:.3f}/{b[1]:.3f}/{b[2]:.3f}"
            f"  {added['added_right']:3d} / {added['added_wrong']:3d}"
        )
    alone, both = sum(macro_alone) / len(macro_alone), sum(macro_both) / len(macro_both)
    print(f"macro-F1: patterns alone {alone:.3f}, with the clause model {both:.3f}")


if __name__ == "__main__":
    main()
