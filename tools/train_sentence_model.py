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

The same run trains the clause model (``clauses`` in the file) from CUAD's expert highlights
(``../shared/cuad/manifest.jsonl``): a sentence is a positive example of a clause type when it lies inside
a clause the experts highlighted for it (whitespace and quotes normalized; a fuzzy match of at least
``CLAUSE_MATCH`` for sentences of 40 characters or more, since CUAD's texts and ours differ in line breaks and
hyphens). Every other sentence is a negative at full weight: CUAD's experts highlight every clause of a
category, not a sample. ``--no-clauses`` leaves them out (the element benchmarks retrain without them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

import msp_contract
from msp_contract.engine.elements import index_for
from msp_contract.engine.index import DocumentIndex
from msp_contract.rulebook import load_rules
from msp_contract.rulebook.sentence_model import FORMAT

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks._shared import normalize  # noqa: E402  (how CUAD's highlights and our sentences compare)

CLAUSE_MATCH = 90  # rapidfuzz partial_ratio of a sentence against an expert clause
# Clause types a bag of words cannot read. A change of control is a relation (the change triggers a right
# or needs consent), and its words recur apart in other senses: "change control procedures", "a material
# adverse change ... outside the control of". Cross-validated on CUAD the model added 1 right and 3 wrong
# contracts (F1 0.776 -> 0.768 txt, 0.767 -> 0.759 PDF), the only type it made worse on both inputs.
LEFT_TO_PATTERNS = ("change_of_control",)
MIN_PIECE_CHARS = 15  # shorter highlighted fragments (a date, a name) are no sentence's evidence


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--labels", type=Path, default=ROOT / "benchmarks/labels/reviewed.jsonl")
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "shared/cuad/txt")
    parser.add_argument(
        "--cuad", type=Path, default=ROOT.parent / "shared/cuad/manifest.jsonl", help="clause labels"
    )
    parser.add_argument("--no-clauses", action="store_true", help="train the element model only")
    parser.add_argument(
        "--clause-threshold", type=float, default=0.8, help="probability a clause sentence must exceed"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "rules/sentence_model.json")
    parser.add_argument("--exclude", default="", help="comma-separated documents to leave out (held out)")
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated elements or clause types left to the patterns alone (no weights), besides "
        + ", ".join(LEFT_TO_PATTERNS),
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


@dataclass
class Examples:
    """One example per sentence of every agreement read: its words, and per target whether it is positive."""

    sentences: list[set[str]] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)  # word -> agreements using it
    element_positive: dict[str, list[bool]] = field(default_factory=dict)
    element_in_present: dict[str, list[bool]] = field(default_factory=dict)  # agreement has the element
    element_labelled: list[bool] = field(default_factory=list)  # the sentence's agreement is reviewed
    clause_positive: dict[str, list[bool]] = field(default_factory=dict)
    clause_labelled: list[bool] = field(default_factory=list)  # the sentence's agreement is in CUAD's labels


def _examples(args: argparse.Namespace) -> Examples:
    """Every sentence of the reviewed agreements (and, for the clause model, of CUAD's labelled ones), once."""
    rules = load_rules()
    element_ids = [e.id for e in rules.elements]
    excluded = excluded_ids(args)
    reviewed = {
        label["document"]: label
        for label in map(json.loads, args.labels.read_text(encoding="utf-8").splitlines())
    }
    cuad = {} if args.no_clauses else _cuad_labels(args.cuad)
    clause_names = {c.id: c.cuad for c in rules.clauses if c.cuad}
    found = Examples(
        element_positive={e: [] for e in element_ids},
        element_in_present={e: [] for e in element_ids},
        clause_positive={c: [] for c in clause_names} if cuad else {},
    )
    for document in [*reviewed, *(d for d in cuad if d not in reviewed)]:
        if document in excluded:
            continue
        index = index_for(msp_contract.load(args.texts / f"{document}.txt"), rules)
        kept = [i for i, s in enumerate(index.sentences) if s.end - s.start >= args.min_sentence_chars]
        found.sentences.extend(_sentence_words(index, kept, found.documents))
        _element_examples(found, reviewed.get(document), index, kept, element_ids)
        if cuad:
            _clause_examples(found, cuad.get(document), index, kept, clause_names)
    return found


def _sentence_words(index: DocumentIndex, kept: list[int], documents: dict[str, int]) -> list[set[str]]:
    words: list[set[str]] = [set() for _ in index.sentences]
    for word, found_in in index.sentences_by_word().items():
        documents[word] = documents.get(word, 0) + 1
        for i in found_in:
            words[i].add(word)
    return [words[i] for i in kept]


def _element_examples(
    found: Examples, label: dict[str, Any] | None, index: DocumentIndex, kept: list[int], ids: list[str]
) -> None:
    found.element_labelled.extend([label is not None] * len(kept))
    for element_id in ids:
        spans = label["present"].get(element_id, []) if label is not None else []
        found.element_in_present[element_id].extend([bool(spans)] * len(kept))
        found.element_positive[element_id].extend(
            any(a < index.sentences[i].end and index.sentences[i].start < b for a, b in spans) for i in kept
        )


def _clause_examples(
    found: Examples,
    labels: dict[str, Any] | None,
    index: DocumentIndex,
    kept: list[int],
    clause_names: dict[str, str],
) -> None:
    found.clause_labelled.extend([labels is not None] * len(kept))
    sentences = [normalize(index.text[index.sentences[i].start : index.sentences[i].end]) for i in kept]
    for clause_id, cuad_name in clause_names.items():
        highlighted = (labels or {}).get(cuad_name, {}).get("clauses", [])
        pieces = [normalize(p) for clause in highlighted for p in clause.split("<omitted>")]
        pieces = [p for p in pieces if len(p) >= MIN_PIECE_CHARS]
        found.clause_positive[clause_id].extend(_inside_any(s, pieces) for s in sentences)


def _inside_any(sentence: str, pieces: list[str]) -> bool:
    """Whether ``sentence`` lies inside one of the highlighted ``pieces`` (or one of them inside it)."""
    for piece in pieces:
        short, long = (sentence, piece) if len(sentence) <= len(piece) else (piece, sentence)
        if short in long:
            return True
        if len(short) >= 40 and fuzz.partial_ratio(short, long, score_cutoff=CLAUSE_MATCH):
            return True
    return False


def _cuad_labels(manifest: Path) -> dict[str, dict[str, Any]]:
    """CUAD's labels (category -> highlighted clauses) by document id."""
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return {entry["id"]: entry["labels"] for entry in map(json.loads, lines)}


def _is_feature_word(word: str) -> bool:
    """Words of two or more ASCII letters. Tokens with digits are numbers, dates and the form codes of
    filing footers ("10-12G/A" in CUAD's texts, which taught the clause model's insurance weights "12g"),
    and single letters are list markers: neither says what a sentence provides. (Cross-validated: element
    presence 0.872 -> 0.871, clause macro-F1 0.871 -> 0.872; held-out rounds 37-38 0.852 -> 0.854.)"""
    return word.isascii() and word.isalpha() and len(word) > 1


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
        if args.min_df <= n <= ceiling and documents[w] >= args.min_documents and _is_feature_word(w)
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
    found = _examples(args)
    vocabulary, matrix = _matrix(found.sentences, found.documents, args)
    skipped = set(filter(None, args.skip.split(","))) | set(LEFT_TO_PATTERNS)
    elements = _fit_all(
        vocabulary,
        matrix,
        {e: t for e, t in found.element_positive.items() if e not in skipped},
        np.array(found.element_labelled),
        {e: np.array(v) for e, v in found.element_in_present.items()},
        args,
    )
    wanted = {c: t for c, t in found.clause_positive.items() if c not in skipped}
    clauses = _fit_all(vocabulary, matrix, wanted, np.array(found.clause_labelled), {}, args)
    model = {
        "format": FORMAT,
        "description": "Word weights per blueprint element and per clause type for sentences the rule "
        "patterns miss.",
        "trained_on": {
            "labels": str(args.labels.relative_to(ROOT))
            if args.labels.is_relative_to(ROOT)
            else str(args.labels),
            "labels_sha256": hashlib.sha256(args.labels.read_bytes()).hexdigest()[:16],
            "documents": sum(1 for _ in args.labels.open(encoding="utf-8")) - len(excluded_ids(args)),
            "sentences": len(found.sentences),
            "excluded": sorted(excluded_ids(args)),
            "c": args.c,
            "min_df": args.min_df,
            "max_df": args.max_df,
            "min_documents": args.min_documents,
            "present_negative_weight": args.present_negative_weight,
            "skipped": sorted(skipped),
            **({"clause_labels": "CUAD v1 expert highlights (../shared/cuad)"} if clauses else {}),
        },
        "threshold": args.threshold,
        "min_sentence_chars": args.min_sentence_chars,
        "elements": elements,
    }
    if clauses:
        model.update(clauses=clauses, clause_threshold=args.clause_threshold)
    print(f"{len(elements)} elements, {len(clauses)} clause types, {len(vocabulary)} words", file=sys.stderr)
    return model


def _fit_all(
    vocabulary: list[str],
    matrix: Any,
    positives: dict[str, list[bool]],
    labelled: np.ndarray,
    in_present: dict[str, np.ndarray],
    args: argparse.Namespace,
) -> dict[str, dict[str, object]]:
    """Weights per target, fitted on the sentences of ``labelled`` agreements. Sentences a reviewer left
    unquoted in an agreement that has the target (``in_present``) weigh ``--present-negative-weight``."""
    from sklearn.linear_model import LogisticRegression

    fitted_targets: dict[str, dict[str, object]] = {}
    if not positives or not labelled.any():
        return fitted_targets
    rows = np.flatnonzero(labelled)
    for target_id, positive in positives.items():
        target = np.array(positive)[rows]
        if target.sum() < 5:
            continue  # too few examples to learn from: the patterns alone decide
        fitted = LogisticRegression(
            C=args.c, l1_ratio=1.0, solver="liblinear", max_iter=3000, random_state=0
        )  # liblinear shuffles: a fixed seed makes the file reproducible
        weight = np.ones(len(rows))
        if target_id in in_present:
            weight = np.where(in_present[target_id][rows] & ~target, args.present_negative_weight, 1.0)
        fitted.fit(matrix[rows] if len(rows) < matrix.shape[0] else matrix, target, sample_weight=weight)
        weights = {vocabulary[j]: round(float(w), 4) for j, w in enumerate(fitted.coef_[0]) if abs(w) >= 1e-4}
        fitted_targets[target_id] = {"bias": round(float(fitted.intercept_[0]), 4), "weights": weights}
        print(f"{target_id:42} positives {int(target.sum()):5}  words {len(weights):4}", file=sys.stderr)
    return fitted_targets


def main() -> int:
    args = arguments()
    model = train(args)
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
