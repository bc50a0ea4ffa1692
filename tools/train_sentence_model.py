"""Train ``rules/sentence_model.json`` from reviewed agreements.

    pip install -e '.[train]'
    python tools/train_sentence_model.py                      # writes rules/sentence_model.json
    python tools/train_sentence_model.py --exclude cuad-dev-037,cuad-dev-126 --out /tmp/model.json

The labels (``benchmarks/labels/reviewed.jsonl``) say, per CUAD development agreement, which blueprint
elements a reviewer found present and where (character spans into the text ``msp_contract.load`` returns for
``../shared/cuad/txt/<document>.txt``; the file holds no contract text). Each sentence of each agreement is
one example per element: positive when it overlaps the reviewer's evidence for that element. Features are
the distinct lower-case words of the sentence after named parties are replaced by their role words, exactly
as ``msp_contract.engine.sentence_scores`` reads them.

Reviewers quote two or three sentences for an element, not every sentence that states it, so the sentences
they left unquoted in an agreement where the element is present are weak negatives: they weigh
``--present-negative-weight`` (0.1), while every sentence of an agreement without the element weighs 1. The
engine only asks whether an agreement states an element at all, and that is what the full-weight negatives
teach. Measured on 85 agreements held out of training and of the rules' fitting (docs/benchmarks.md), this
raised presence F1 from 0.806 to 0.831 (weights 0.1-0.3 and thresholds 0.5-0.7 all within 0.03 of it).

An L1-penalised logistic regression keeps a few hundred words per element; words in more than ``--max-df``
of all sentences (articles, "shall", "agreement") are left out, which keeps scoring cheap and the weights
readable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

import msp_contract
from msp_contract.engine.elements import index_for
from msp_contract.rulebook import load_rules
from msp_contract.rulebook.sentence_model import FORMAT

ROOT = Path(__file__).resolve().parent.parent


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--labels", type=Path, default=ROOT / "benchmarks/labels/reviewed.jsonl")
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "shared/cuad/txt")
    parser.add_argument("--out", type=Path, default=ROOT / "rules/sentence_model.json")
    parser.add_argument("--exclude", default="", help="comma-separated documents to leave out (held out)")
    parser.add_argument(
        "--skip", default="", help="comma-separated elements left to the patterns alone (no weights)"
    )
    parser.add_argument("--c", type=float, default=1.0, help="inverse L1 penalty")
    parser.add_argument("--min-df", type=int, default=3, help="a word must occur in this many sentences")
    parser.add_argument("--max-df", type=float, default=0.05, help="...and in at most this share of them")
    parser.add_argument(
        "--min-documents",
        type=int,
        default=5,
        help="...and in this many agreements (no one contract's names)",
    )
    parser.add_argument(
        "--present-negative-weight",
        type=float,
        default=0.1,
        help="weight of the sentences a reviewer did not quote, in agreements where the element is present",
    )
    parser.add_argument("--threshold", type=float, default=0.6)
    parser.add_argument("--min-sentence-chars", type=int, default=15)
    return parser.parse_args(argv)


def excluded_ids(args: argparse.Namespace) -> set[str]:
    return set(filter(None, args.exclude.split(",")))


def _examples(
    args: argparse.Namespace,
) -> tuple[list[set[str]], dict[str, np.ndarray], dict[str, np.ndarray], dict[str, int]]:
    """Per sentence its words; per element the positive mask and the mask of sentences from agreements that
    have the element; per word the number of agreements using it."""
    rules = load_rules()
    element_ids = [e.id for e in rules.elements]
    excluded = excluded_ids(args)
    sentences: list[set[str]] = []
    positive: dict[str, list[bool]] = {e: [] for e in element_ids}
    in_present: dict[str, list[bool]] = {e: [] for e in element_ids}
    documents: dict[str, int] = {}
    for line in args.labels.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        if label["document"] in excluded:
            continue
        index = index_for(msp_contract.load(args.texts / f"{label['document']}.txt"), rules)
        words: list[set[str]] = [set() for _ in index.sentences]
        for word, found_in in index.sentences_by_word().items():
            documents[word] = documents.get(word, 0) + 1
            for i in found_in:
                words[i].add(word)
        for i, sentence in enumerate(index.sentences):
            if sentence.end - sentence.start < args.min_sentence_chars:
                continue
            sentences.append(words[i])
            for element_id in element_ids:
                spans = label["present"].get(element_id, [])
                positive[element_id].append(any(a < sentence.end and sentence.start < b for a, b in spans))
                in_present[element_id].append(bool(spans))
    return (
        sentences,
        {e: np.array(v) for e, v in positive.items()},
        {e: np.array(v) for e, v in in_present.items()},
        documents,
    )


def _matrix(
    sentences: list[set[str]], documents: dict[str, int], args: argparse.Namespace
) -> tuple[list[str], object]:
    from scipy.sparse import csr_matrix

    frequency: dict[str, int] = {}
    for words in sentences:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    ceiling = args.max_df * len(sentences)
    vocabulary = sorted(
        w
        for w, n in frequency.items()
        if args.min_df <= n <= ceiling
        and documents[w] >= args.min_documents
        and not w.isdigit()
        and w.isascii()
    )
    column = {w: j for j, w in enumerate(vocabulary)}
    rows, cols = [], []
    for i, words in enumerate(sentences):
        for word in words:
            j = column.get(word)
            if j is not None:
                rows.append(i)
                cols.append(j)
    data = np.ones(len(rows))
    return vocabulary, csr_matrix((data, (rows, cols)), shape=(len(sentences), len(vocabulary)))


def train(args: argparse.Namespace) -> dict[str, object]:
    """The model file's content, trained on the labels ``args`` name (less ``--exclude``)."""
    from sklearn.linear_model import LogisticRegression

    sentences, positive, in_present, documents = _examples(args)
    vocabulary, matrix = _matrix(sentences, documents, args)
    elements = {}
    skipped = set(filter(None, args.skip.split(",")))
    for element_id, target in positive.items():
        if element_id in skipped:
            continue
        if target.sum() < 5:
            continue  # too few examples to learn from: the patterns alone decide
        fitted = LogisticRegression(
            C=args.c, l1_ratio=1.0, solver="liblinear", max_iter=3000, random_state=0
        )  # liblinear shuffles: a fixed seed makes the file reproducible
        weight = np.where(in_present[element_id] & ~target, args.present_negative_weight, 1.0)
        fitted.fit(matrix, target, sample_weight=weight)
        weights = {vocabulary[j]: round(float(w), 4) for j, w in enumerate(fitted.coef_[0]) if abs(w) >= 1e-4}
        elements[element_id] = {"bias": round(float(fitted.intercept_[0]), 4), "weights": weights}
        print(f"{element_id:42} positives {int(target.sum()):5}  words {len(weights):4}", file=sys.stderr)
    model = {
        "format": FORMAT,
        "description": "Word weights per blueprint element for sentences the rule patterns miss.",
        "trained_on": {
            "labels": str(args.labels.relative_to(ROOT))
            if args.labels.is_relative_to(ROOT)
            else str(args.labels),
            "labels_sha256": hashlib.sha256(args.labels.read_bytes()).hexdigest()[:16],
            "documents": sum(1 for _ in args.labels.open(encoding="utf-8")) - len(excluded_ids(args)),
            "sentences": len(sentences),
            "excluded": sorted(excluded_ids(args)),
            "c": args.c,
            "min_df": args.min_df,
            "max_df": args.max_df,
            "min_documents": args.min_documents,
            "present_negative_weight": args.present_negative_weight,
            "skipped": sorted(skipped),
        },
        "threshold": args.threshold,
        "min_sentence_chars": args.min_sentence_chars,
        "elements": elements,
    }
    print(f"{len(elements)} elements, {len(vocabulary)} candidate words", file=sys.stderr)
    return model


def main() -> int:
    args = arguments()
    model = train(args)
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
