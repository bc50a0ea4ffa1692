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
from benchmarks._reviewed import prf, reviewed_labels, rules_with, score_agreement  # noqa: E402
from benchmarks._shared import CUAD, cross_validation_parser, folds, require_shared  # noqa: E402


def main() -> None:
    parser = cross_validation_parser(__doc__)
    parser.add_argument("--per-element", action="store_true")
    parser.add_argument(
        "--only", type=Path, help="score only the agreements listed in this file (one per line)"
    )
    args = parser.parse_args()
    require_shared()
    labels = reviewed_labels()
    patterns_only, with_model = Counter[str](), Counter[str]()
    element_ids = [e.id for e in mc.load_rules().elements]
    added: dict[str, Counter[str]] = defaultdict(Counter)
    only = set(args.only.read_text().split()) if args.only else set()
    for number, fold in enumerate(folds(list(labels), args.folds, args.seed), 1):
        with contextlib.redirect_stderr(io.StringIO()):
            # elements only: the clause model does not change element statuses (engine/clauses.py)
            model = trainer.train(trainer.arguments(["--exclude", ",".join(fold), "--no-clauses"]))
        with tempfile.TemporaryDirectory() as tmp:
            rules = rules_with(model, Path(tmp) / "rules")
            for document in fold:
                if args.only and document not in only:
                    continue
                path = CUAD / args.source / f"{document}.{args.source}"
                present = labels[document]["present"]
                for element, right in score_agreement(
                    path, rules, present, patterns_only, with_model
                ).added.items():
                    added[element]["right" if right else "wrong"] += 1
        print(f"fold {number}/{args.folds}: {len(fold)} agreements", file=sys.stderr)
    print(f"{len(labels)} reviewed agreements ({args.source}), {args.folds}-fold, presence:")
    print(f"  patterns alone      {prf(patterns_only)}")
    print(f"  with sentence model {prf(with_model)}")
    if args.per_element:
        for element in element_ids:
            print(
                f"  {element:40} patterns {prf(patterns_only, element + ':')}  "
                f"model adds {added[element]['right']} right, {added[element]['wrong']} wrong"
            )


if __name__ == "__main__":
    main()
