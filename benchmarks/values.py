"""CUAD value benchmark: exact match of msp_contract.values against CUAD's normalized answers.

Categories: Renewal Term, Notice Period To Terminate Renewal, Governing Law; only contracts whose CUAD answer
is non-empty are scored. A gold answer may list alternatives separated by ";" or "/": matching any counts.

    python benchmarks/values.py                 # reads CUAD's .txt renditions
    python benchmarks/values.py --source pdf    # reads the PDFs through msp_contract.load (needs the PDF parser)
    python benchmarks/values.py --show-misses   # print every miss with the gold answer
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from msp_contract.values.durations import Duration
from msp_contract.values.law import governing_law
from msp_contract.values.numbers import WORDS_PATTERN, format_number, words_to_number
from msp_contract.values.renewal import notice_periods, term_and_renewal

CUAD = Path(__file__).resolve().parents[2] / "shared" / "cuad"
CATEGORIES = ("Renewal Term", "Notice Period To Terminate Renewal", "Governing Law")


def cuad_duration(duration: Duration, *, months_as_year: bool = False) -> str:
    """CUAD writes '1 year', '30 days', '6 months': value and unit as drafted. Renewal answers read a
    twelve-month renewal as '1 year'; notice answers keep '12 months'."""
    value, unit = duration.value, duration.unit
    if months_as_year and unit == "months" and value == 12:
        value, unit = 1, "years"
    number = str(int(value)) if float(value).is_integer() else str(value)
    return f"{number} {unit if value != 1 else unit[:-1]}"


def predict_renewal(text: str) -> str | None:
    terms = term_and_renewal(text)
    if terms.renewal_perpetual:
        return "perpetual"
    if terms.renewal_term is None:
        return None
    answer = cuad_duration(terms.renewal_term, months_as_year=True)
    if terms.renewal_count:  # CUAD: "2 successive 10 years" for a limited number of renewals
        return f"{terms.renewal_count} successive {answer}"
    return f"successive {answer}" if terms.renewal_successive else answer


def predict_notice(text: str) -> str | None:
    terms = term_and_renewal(text)
    if terms.non_renewal_notice is not None:
        return cuad_duration(terms.non_renewal_notice)
    for notice in notice_periods(text):
        if notice.purpose in {"non_renewal", "termination_at_expiry"}:
            return cuad_duration(notice.duration)
    return None


def predict_law(text: str) -> str | None:
    law = governing_law(text)
    if law is None:
        return None
    # CUAD cites England-and-Wales choices as "England" (or "England; Wales").
    return "England" if law.jurisdiction == "England and Wales" else law.jurisdiction


PREDICTORS: dict[str, Callable[[str], str | None]] = {
    "Renewal Term": predict_renewal,
    "Notice Period To Terminate Renewal": predict_notice,
    "Governing Law": predict_law,
}


def _norm(answer: str) -> str:
    """Case, spacing and CUAD's annotation slips: "three (3) years" = "3 years", "60) days" = "60 days",
    "succesive"/"succsive" = "successive", "four" = "4". Applied to gold and prediction alike; never changes a value."""
    text = re.sub(r"\s+", " ", answer.strip().lower().replace("’", "'"))
    text = re.sub(r"\b[a-z-]+\s*\((\d+)\)", r"\1", text)
    text = re.sub(r"(\d+)\)", r"\1", text)
    text = re.sub(WORDS_PATTERN, lambda m: format_number(words_to_number(m.group(0)) or 0), text)
    return re.sub(r"\bsuc+e?s+ive\b", "successive", text)


def matches(predicted: str | None, gold: str) -> bool:
    if predicted is None:
        return False
    alternatives = {_norm(gold)} | {_norm(part) for part in re.split(r"[;/]", gold) if part.strip()}
    return _norm(predicted) in alternatives


@dataclass
class Score:
    count: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.count if self.count else 0.0


def read_text(row: dict[str, object], source: str) -> str:
    if source == "pdf":
        import msp_contract

        return msp_contract.load(CUAD / str(row["pdf"])).text
    return (CUAD / str(row["txt"])).read_text(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=("txt", "pdf"), default="txt")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--manifest", type=Path, default=CUAD / "manifest.jsonl")
    parser.add_argument(
        "--limit", type=int, default=None, help="score only the first N contracts (quick runs)"
    )
    args = parser.parse_args(argv)
    if args.source == "pdf" and importlib.util.find_spec("msp_contract.parsers.pdf") is None:
        print("skipping --source pdf: msp_contract.parsers.pdf is not available yet")
        return 0
    rows = [
        json.loads(line) for line in args.manifest.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    scores = {category: Score() for category in CATEGORIES}
    failures: list[str] = []
    for row in rows[: args.limit]:
        golds = {c: row["labels"][c]["answer"] for c in CATEGORIES if row["labels"][c]["answer"].strip()}
        if not golds:
            continue
        try:
            text = read_text(row, args.source)
        except Exception as error:  # a file the parser cannot read scores as a miss, and is listed
            failures.append(f"{row['id']}: {type(error).__name__}")
            text = ""
        for category, gold in golds.items():
            predicted = PREDICTORS[category](text)
            score = scores[category]
            score.count += 1
            if matches(predicted, gold):
                score.correct += 1
            elif args.show_misses:
                print(f"MISS {category} {row['id']}: predicted {predicted!r}, gold {gold!r}")
    print(f"source: {args.source}")
    if failures:
        print(f"unreadable ({len(failures)}, scored as misses): {', '.join(failures)}")
    print(f"{'category':40} {'count':>5} {'correct':>7} {'accuracy':>8}")
    for category, score in scores.items():
        print(f"{category:40} {score.count:5d} {score.correct:7d} {score.accuracy:8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
