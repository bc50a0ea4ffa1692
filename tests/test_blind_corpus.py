"""The blind managed-services agreements (corpus/blind): their labels are sound, and the review finds what the
reviewers found, from Markdown, PDF and Word alike.

The floors are below the figures measured (docs/benchmarks.md, "Blind managed-services agreements"), so a
test fails when a change loses elements that lawyers see in these agreements, not when it moves a point.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import CORPUS, SHARED, needs_shared

import msp_contract as mc

BLIND = CORPUS / "blind"
LABELS = sorted((BLIND / "labels").glob("*.json"))
CHECKLIST = SHARED / "blueprint" / "checklist.yaml"


def _label(path: Path) -> dict[str, Any]:
    label: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return label


def test_there_are_six_agreements_in_three_editions() -> None:
    assert len(LABELS) == 6
    for path in LABELS:
        doc = _label(path)["doc"]
        for edition in (f"sources/{doc}.md", f"samples/{doc}.pdf", f"samples/{doc}.docx"):
            assert (BLIND / edition).is_file(), edition


@needs_shared
@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.stem)
def test_labels_name_every_checklist_element_and_quote_the_source_verbatim(path: Path) -> None:
    checklist = yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))
    label = _label(path)
    assert set(label["elements"]) == {element["id"] for element in checklist["elements"]}
    source = (BLIND / "sources" / f"{label['doc']}.md").read_text(encoding="utf-8")
    for element_id, call in label["elements"].items():
        for quote in [*call["evidence"], *call["weak_language"]]:
            assert quote in source, (element_id, quote[:80])
        if not call["present"]:
            assert call["well_defined"] is None and not call["evidence"], element_id


@pytest.mark.parametrize("edition", ["sources/{}.md", "samples/{}.pdf", "samples/{}.docx"])
def test_the_review_finds_the_elements_the_reviewers_found(edition: str) -> None:
    found = expected = agreed = 0
    for path in LABELS:
        label = _label(path)
        report = mc.analyze(BLIND / edition.format(label["doc"]))
        statuses = report.statuses()
        for element_id, call in label["elements"].items():
            ours = statuses[element_id] != "missing"
            found += ours
            expected += call["present"]
            agreed += ours and call["present"]
    precision, recall = agreed / found, agreed / expected
    assert recall >= 0.97, recall
    assert precision >= 0.88, precision
