"""The review's time budget (``--timeout``, ``Limits.timeout_seconds``) covers value extraction too.

Value extraction (key terms, the SLA table) runs stdlib regexes, which have no per-call timeout: it checks
the review's deadline between sentences, and reads text without full stops in bounded pieces so that no
single step runs for long. No test here depends on how fast the machine is: a budget is either spent before
the work starts or exhausted on purpose.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

import msp_contract as mc
from msp_contract import values
from msp_contract.budget import DEADLINE, DeadlineExceeded, time_budget
from msp_contract.cli import main
from msp_contract.values import sla
from msp_contract.values._text import sentence_spans

REPO = Path(__file__).resolve().parents[2]
WEAK_MSA = REPO / "corpus" / "sources" / "weak-msa.md"
STRONG_MSA = REPO / "corpus" / "sources" / "strong-msa.md"

EXTRACTORS: dict[str, Callable[[str], object]] = {
    "response_times": values.response_times,
    "availability_targets": values.availability_targets,
    "service_credits": values.service_credits,
    "find_definitions": values.find_definitions,
    "term_and_renewal": values.term_and_renewal,
    "notice_periods": values.notice_periods,
    "liability_caps": values.liability_caps,
    "governing_law": values.governing_law,
    "incident_notification": values.incident_notification,
}


@pytest.mark.parametrize("name", sorted(EXTRACTORS))
def test_value_extractors_stop_once_the_review_budget_is_spent(name: str) -> None:
    text = STRONG_MSA.read_text(encoding="utf-8")
    assert EXTRACTORS[name](text) is not None  # runs without a budget
    with time_budget(1e-6):
        time.sleep(0.01)
        with pytest.raises(DeadlineExceeded):
            EXTRACTORS[name](text)


def _unpunctuated(size: int) -> str:
    words = ("provider", "shall", "respond", "within", "4", "hours", "to", "priority", "1", "incidents", "%")
    return " ".join(words[i % len(words)] for i in range(size // 6))


def test_text_without_full_stops_is_read_in_bounded_sentences() -> None:
    text = _unpunctuated(100_000)
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert max(end - start for start, end in spans) <= 20_000  # values._text.MAX_SENTENCE
    assert " ".join(text[start:end] for start, end in spans) == text  # cut between words, nothing lost


def test_timeout_bounds_value_extraction_in_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mc.analyze(WEAK_MSA)  # compile the bundled rules outside the budget under test
    real_response_times = sla.response_times

    def slow_response_times(text: str, calendar: values.BusinessCalendar) -> object:
        # stands for a value extractor that runs past the budget: rule matching is over by now
        deadline = DEADLINE.get()
        assert deadline is not None, "value extraction must run under the review's budget"
        time.sleep(max(0.0, deadline - time.monotonic()) + 0.05)
        return real_response_times(text, calendar)

    monkeypatch.setattr(sla, "response_times", slow_response_times)
    code = main(["check", str(WEAK_MSA), "--timeout", "1.5"])
    err = capsys.readouterr().err
    assert code == 2
    assert "weak-msa.md" in err and "timeout_seconds=1.5" in err


def test_a_timeout_of_zero_means_no_budget_for_parsing_and_review(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 0 used to mean "no budget" for the review but "already out of time" for the parsers, which then
    # refused every file; it now means no budget for both.
    pdf = REPO / "corpus" / "samples" / "strong-msa.pdf"
    assert mc.load(pdf, limits=mc.Limits(timeout_seconds=0)).pages
    code = main(["check", str(pdf), str(WEAK_MSA), "--timeout", "0", "--fail-on", "never"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "took over" not in captured.err
    assert "strong-msa.pdf" in captured.out and "weak-msa.md" in captured.out
