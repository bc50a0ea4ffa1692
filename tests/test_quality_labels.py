"""The committed quality calls (benchmarks/labels/quality.jsonl) and how the benchmarks score against them:
each call belongs to a blind round's agreement and to an element its reviewer found present, names exactly the
checklist's attributes, and points at text that exists; weak/well-defined agreement is reported with kappa."""

from __future__ import annotations

import json
import sys
from collections import Counter

import yaml
from helpers import REPO, SHARED, needs_shared

import msp_contract as mc

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from export_quality_labels import quote_span

from benchmarks._reviewed import (
    labels_by_document,
    quality_labels,
    quality_summary,
    reviewed_labels,
)
from benchmarks.held_out import round_documents

QUALITY = quality_labels()


def _checklist_attributes() -> dict[str, list[str]]:
    checklist = yaml.safe_load((SHARED / "blueprint" / "checklist.yaml").read_text(encoding="utf-8"))
    return {e["id"]: [a["name"] for a in e["well_defined_attributes"]] for e in checklist["elements"]}


def test_quality_calls_cover_the_present_elements_of_the_blind_rounds() -> None:
    reviewed = reviewed_labels()
    rounds = set(round_documents("30-38"))
    with_elements = {d for d in rounds if reviewed[d]["present"]}
    assert set(QUALITY) == with_elements  # every held-out agreement that has an element, nothing else
    for document, label in QUALITY.items():
        assert label["labelled_by"] == "blind quality reviewer"
        assert set(label["elements"]) == set(reviewed[document]["present"]), document
    calls = [call for label in QUALITY.values() for call in label["elements"].values()]
    well = sum(call["well_defined"] for call in calls)
    assert len(calls) > 900 and 0.04 < well / len(calls) < 0.15  # as strict as the development labels


@needs_shared
def test_quality_calls_name_the_checklist_attributes_and_point_at_real_text() -> None:
    attributes = _checklist_attributes()
    for document, label in QUALITY.items():
        text = mc.load(SHARED / "cuad" / "txt" / f"{document}.txt").text
        for element, call in label["elements"].items():
            assert sorted(call["attributes_met"] + call["attributes_missing"]) == sorted(attributes[element])
            for start, end in call["evidence"] + call["weak_language"]:
                assert 0 <= start < end <= len(text), (document, element)
                assert text[start].strip() and text[end - 1].strip(), (document, element)  # no ragged edges


def test_second_calls_judge_the_same_elements_independently() -> None:
    second = labels_by_document(REPO / "benchmarks" / "labels" / "quality_second.jsonl")
    assert len(second) == 16
    for document, label in second.items():
        assert label["labelled_by"] == "second blind quality reviewer"
        assert set(label["elements"]) == set(QUALITY[document]["elements"]), document
    differ = sum(
        call["well_defined"] != QUALITY[d]["elements"][e]["well_defined"]
        for d, label in second.items()
        for e, call in label["elements"].items()
    )
    assert 0 < differ < 20  # two people, not one file copied: they disagree on a few calls


def test_a_quote_is_found_whatever_its_whitespace() -> None:
    text = "7.1 Payment shall be made\n   within thirty (30) days\tof receipt."
    start, end = quote_span(text, "made within thirty (30) days of receipt") or (0, 0)
    assert text[start:end] == "made\n   within thirty (30) days\tof receipt"
    assert quote_span(text, "within forty (40) days") is None
    assert quote_span(text, "   ") is None


def test_quality_summary_measures_agreement_beyond_always_answering_weak() -> None:
    always_weak = Counter(quality_pairs=10, quality_agree=9, quality_k_k=9, quality_w_k=1)
    assert "agreement 0.900" in quality_summary(always_weak)
    assert "always 'weak' 0.900" in quality_summary(always_weak)
    assert "kappa 0.00" in quality_summary(always_weak)
    perfect = Counter(quality_pairs=10, quality_agree=10, quality_k_k=8, quality_w_w=2)
    assert "kappa 1.00" in quality_summary(perfect)
    assert "recall 1.00, precision 1.00" in quality_summary(perfect)
    assert quality_summary(Counter()) == "no quality pairs"


@needs_shared
def test_a_committed_call_is_scored_against_a_real_review() -> None:
    """The scoring path the benchmarks take: a review of a labelled agreement counts one quality pair for
    each element both it and the label call present."""
    from benchmarks._reviewed import score_report_quality

    document = "cuad-dev-221"
    report = mc.analyze(SHARED / "cuad" / "txt" / f"{document}.txt")
    counts: Counter[str] = Counter()
    score_report_quality(report, QUALITY[document]["elements"], counts)
    found = {e.id for e in report.elements if e.status != "missing"}
    assert counts["quality_pairs"] == len(found & set(QUALITY[document]["elements"])) > 5
    cells = sum(counts[f"quality_{a}_{b}"] for a in "wk" for b in "wk")
    assert cells == counts["quality_pairs"] and counts["req_pairs"] > counts["quality_pairs"]
    assert json.dumps(QUALITY[document])  # the line holds spans and names only
    assert not any(isinstance(v, str) and len(v) > 60 for v in _strings(QUALITY[document]))


def _strings(value: object) -> list[object]:
    if isinstance(value, dict):
        return [*value.keys(), *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value]
