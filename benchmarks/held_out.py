"""Presence on agreements held out of the sentence model's training: the blind rounds of docs/benchmarks.md.

    pip install -e '.[train]'
    python benchmarks/held_out.py --rounds 37,38 [--source txt|pdf|both]
    python benchmarks/held_out.py --rounds 30-34 --rules /tmp/a6e4f2a/rules    # rules from before those rounds
    python benchmarks/held_out.py --documents cuad-dev-006,cuad-dev-042

A model is trained on every reviewed agreement except the held-out ones (``tools/train_sentence_model.py
--exclude``), put into a copy of the rules folder (``--rules``, default the bundled rules), and the held-out
agreements are reviewed with it and with the patterns alone. Presence precision, recall and F1 are scored
against ``benchmarks/labels/reviewed.jsonl``; weak/well-defined and requirement agreement, on the elements both
we and the reviewer call present, against the blind quality calls of ``benchmarks/labels/quality.jsonl``
(rounds 30-38, labelled in session 12 by reviewers who saw neither the rules nor the tool's output). The model is then unseen; the rules are unseen only when
``--rules`` is a folder written before the round was read (``git archive <commit> rules | tar -x -C DIR``,
commits in docs/benchmarks.md): with the bundled rules only rounds 37 and 38 are nearly unseen (round 37 gave
the rules one fix, round 38 none).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_sentence_model as trainer  # noqa: E402

from benchmarks._reviewed import (  # noqa: E402
    REVIEWED,
    prf,
    quality_labels,
    quality_summary,
    reviewed_labels,
    rules_with,
    score_agreement,
    score_report_quality,
)
from benchmarks._shared import CUAD, require_shared  # noqa: E402

# The blind rounds docs/benchmarks.md reports on, by round (the agreements of each, cuad-dev-NNN).
ROUNDS = {
    30: "011 021 103 115 132 208 242 243",
    31: "005 024 067 083 084 168 203 249",
    32: "025 062 063 114 204 241 246 248",
    33: "098 102 134 179 191 192 206 228",
    34: "001 112 130 138 149 175 233 251",
    35: "037 126 135 160 207 218 219 225",
    36: "012 014 082 158 162 165 169 176",
    37: "028 035 118 124 156 157 159 189",
    38: "006 042 049 074 093 100 101 107 110 113 136 141 142 145 150 161 172 188 221 226 254",
}


def round_documents(spec: str) -> list[str]:
    """'37,38' or '30-34' -> the agreements of those rounds."""
    numbers: list[int] = []
    for part in filter(None, spec.split(",")):
        first, _, last = part.partition("-")
        numbers.extend(range(int(first), int(last or first) + 1))
    unknown = [n for n in numbers if n not in ROUNDS]
    if unknown:
        raise SystemExit(f"unknown rounds {unknown}: known {min(ROUNDS)}-{max(ROUNDS)}")
    return [f"cuad-dev-{n}" for r in numbers for n in ROUNDS[r].split()]


def score(
    documents: list[str], rules_dir: Path | None, sources: list[str]
) -> dict[str, dict[str, Counter[str]]]:
    """Per input kind, presence counts with the held-out model and with the patterns alone, and quality
    counts (with the model)."""
    labels, quality = reviewed_labels(), quality_labels()
    missing = [d for d in documents if d not in labels]
    if missing:
        raise SystemExit(f"not in {REVIEWED.name}: {', '.join(missing)}")
    with contextlib.redirect_stderr(io.StringIO()):
        # elements only: the clause model does not change element statuses (engine/clauses.py)
        model = trainer.train(trainer.arguments(["--exclude", ",".join(documents), "--no-clauses"]))
    counts: dict[str, dict[str, Counter[str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        rules = rules_with(model, Path(tmp) / "rules", rules_dir)
        for source in sources:
            with_model, patterns, calls = Counter[str](), Counter[str](), Counter[str]()
            for document in documents:
                path = CUAD / source / f"{document}.{source}"
                scored = score_agreement(path, rules, labels[document]["present"], patterns, with_model)
                if document in quality:
                    score_report_quality(scored.report, quality[document]["elements"], calls)
            counts[source] = {"patterns": patterns, "model": with_model, "quality": calls}
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    chosen = parser.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--rounds", help="blind rounds to hold out: '38', '37,38', '30-34'")
    chosen.add_argument("--documents", help="comma-separated agreements to hold out")
    parser.add_argument("--rules", type=Path, help="rules folder to review with (default: bundled)")
    parser.add_argument("--source", choices=["txt", "pdf", "both"], default="both")
    args = parser.parse_args()
    require_shared()
    documents = round_documents(args.rounds) if args.rounds else args.documents.split(",")
    sources = ["txt", "pdf"] if args.source == "both" else [args.source]
    counts = score(documents, args.rules, sources)
    print(f"{len(documents)} held-out agreements, rules: {args.rules or 'bundled'}; presence:")
    for source, by in counts.items():
        print(f"  [{source}] patterns alone      {prf(by['patterns'])}")
        print(f"  [{source}] with sentence model {prf(by['model'])}")
        print(f"  [{source}] {quality_summary(by['quality'])}")


if __name__ == "__main__":
    main()
