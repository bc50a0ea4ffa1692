"""The clause model: a second reading of the clause types no clause pattern found. It reads only what the
patterns missed, respects each clause rule's vetoes and the document's structure, quotes verbatim, leaves the
blueprint elements alone, and is switched off with the sentence model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import REPO, SHARED, doc, needs_shared, top_words

import msp_contract as mc
from msp_contract.engine.elements import index_for
from msp_contract.engine.sentence_scores import ranked_candidates
from msp_contract.errors import RuleFileError
from msp_contract.rulebook.sentence_model import FILE_NAME

RULES = mc.load_rules()
MODEL = RULES.clause_model
PATTERNS_ONLY = mc.Config(sentence_model=False)


def _unpatterned(clause_type: str, frame: str) -> str:
    """Heavily weighted words for ``clause_type`` that no clause pattern fires on, put in ``frame`` ("{}"
    marks where), until the clause model reads the sentence as that clause."""
    chosen: list[str] = []
    for word in top_words(MODEL, clause_type, 60):
        text = frame.format(" ".join([*chosen, word]))
        if mc.analyze(doc(text), rules=RULES, config=PATTERNS_ONLY).clause(clause_type) is not None:
            continue
        chosen.append(word)
        found = mc.analyze(doc(text), rules=RULES).clause(clause_type)
        if found is not None and found.detected_by == "model":
            return text
    raise AssertionError(f"no sentence of {clause_type}'s top words reads as the clause")


def test_bundled_model_scores_every_clause_type_a_bag_of_words_can_read() -> None:
    assert MODEL is not None
    # change of control is a relation between words that recur apart ("change control procedures")
    assert set(MODEL.targets) == {c.id for c in RULES.clauses} - {"change_of_control"}
    assert MODEL.weights.shape == (len(MODEL.rows), len(MODEL.targets))
    # a clause type is judged per contract: the bar is higher than the elements' (benchmarks/clause_model.py)
    assert RULES.sentence_model is not None and MODEL.threshold > RULES.sentence_model.threshold


def test_model_reads_a_clause_the_patterns_missed_and_quotes_it_verbatim() -> None:
    frame = "1. Services\n\nThe Provider shall provide the services.\n\n2. General\n\nThe parties {}.\n"
    document = doc(_unpatterned("audit_rights", frame))
    assert mc.analyze(document, rules=RULES, config=PATTERNS_ONLY).clause("audit_rights") is None
    report = mc.analyze(document, rules=RULES)
    clause = report.clause("audit_rights")
    assert clause is not None and clause.detected_by == "model"
    assert clause.model_score is not None and clause.model_score > MODEL.threshold  # type: ignore[union-attr]
    (evidence,) = clause.evidence
    assert evidence.quote == document.text[evidence.start : evidence.end]
    assert evidence.section == "2"


def test_what_the_patterns_found_is_left_as_they_found_it() -> None:
    text = "1. Law\n\nThis Agreement shall be governed by the laws of the State of New York.\n"
    with_model = mc.analyze(doc(text), rules=RULES).clause("governing_law")
    patterns_only = mc.analyze(doc(text), rules=RULES, config=PATTERNS_ONLY).clause("governing_law")
    assert with_model is not None and with_model == patterns_only
    assert with_model.detected_by == "rules" and with_model.model_score is None
    assert with_model.value == "New York"


def test_a_clause_rules_veto_holds_for_the_model() -> None:
    """audit_rights' rule vetoes sentences about audited financial statements: the model may not pick one."""
    text = _unpatterned("audit_rights", "1. Records\n\nThe parties {}.\n")
    vetoed = text.replace("The parties", "The parties deliver audited financial statements and")
    assert mc.analyze(doc(text), rules=RULES).clause("audit_rights") is not None
    assert mc.analyze(doc(vetoed), rules=RULES, config=PATTERNS_ONLY).clause("audit_rights") is None
    assert MODEL is not None  # the model still reads the vetoed sentence as an audit right...
    assert ranked_candidates(index_for(doc(vetoed), RULES), MODEL, ["audit_rights"])["audit_rights"]
    assert mc.analyze(doc(vetoed), rules=RULES).clause("audit_rights") is None  # ...and may not pick it


def test_model_skips_sentences_under_excluded_headings() -> None:
    text = _unpatterned("audit_rights", "1. Records\n\nThe parties {}.\n")
    assert mc.analyze(doc(text), rules=RULES).clause("audit_rights") is not None
    contents = text.replace("1. Records", "1. Force Majeure")
    assert mc.analyze(doc(contents), rules=RULES).clause("audit_rights") is None


def test_cli_json_marks_the_models_clause_and_the_switch_turns_it_off(tmp_path: Path) -> None:
    contract = tmp_path / "msa.txt"
    contract.write_text(_unpatterned("audit_rights", "1. Records\n\nThe parties {}.\n"), encoding="utf-8")
    from msp_contract.cli import main

    out = tmp_path / "out.json"
    assert main(["check", str(contract), "--format", "json", "--output", str(out), "--fail-on", "never"]) == 0
    clauses = {c["type"]: c for c in json.loads(out.read_text())["clauses"]}
    assert clauses["audit_rights"]["detected_by"] == "model"
    assert main(["check", str(contract), "--format", "text", "--output", str(out), "--fail-on", "never"]) == 0
    assert "found by the sentence model" in out.read_text()
    main(["check", str(contract), "--format", "json", "--output", str(out), "--no-sentence-model"])
    assert "audit_rights" not in {c["type"] for c in json.loads(out.read_text())["clauses"]}


def test_rule_examples_run_on_the_patterns_alone(tmp_path: Path) -> None:
    """A clause rule's examples test its patterns: a text only the model reads as the clause is "absent"."""
    import yaml

    from msp_contract.rulebook.examples import run_clause_examples

    text = _unpatterned("audit_rights", "1. Records\n\nThe parties {}.\n")
    rule = yaml.safe_load((REPO / "rules" / "clauses" / "audit_rights.yaml").read_text(encoding="utf-8"))
    rule["examples"] = [{"name": "model_only", "expect": "absent", "text": text}]
    folder = _folder(tmp_path, _valid())
    (folder / "clauses").mkdir()
    (folder / "clauses" / "audit_rights.yaml").write_text(yaml.safe_dump(rule), encoding="utf-8")
    rules = mc.load_rules(folder)
    assert mc.analyze(doc(text), rules=rules).clause("audit_rights") is not None
    (outcome,) = run_clause_examples(rules, only="audit_rights")
    assert outcome.passed, outcome.detail


def _folder(tmp_path: Path, model: dict[str, object]) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text("name: mine\nversion: '1'\nextends: default\n", encoding="utf-8")
    (folder / FILE_NAME).write_text(json.dumps(model), encoding="utf-8")
    return folder


def _valid() -> dict[str, object]:
    return json.loads((REPO / "rules" / FILE_NAME).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: {**m, "clauses": {"no_such_clause": {"bias": 0, "weights": {}}}}, "no_such_clause"),
        (lambda m: {**m, "clauses": {"audit_rights": {"bias": 0, "weights": {"Audit": 1.0}}}}, "Audit"),
        (lambda m: {**m, "clause_threshold": 0}, "clause_threshold"),
    ],
)
def test_bad_clause_weights_are_a_rule_file_error_naming_the_file(
    tmp_path: Path, change, message: str
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleFileError, match=message) as caught:
        mc.load_rules(_folder(tmp_path, change(_valid())))
    assert caught.value.path.endswith(FILE_NAME)


def test_a_model_file_without_clause_weights_leaves_the_clauses_to_the_patterns(tmp_path: Path) -> None:
    model = {k: v for k, v in _valid().items() if k not in ("clauses", "clause_threshold")}
    rules = mc.load_rules(_folder(tmp_path, model))
    assert rules.clause_model is None and rules.sentence_model is not None
    text = _unpatterned("audit_rights", "1. Records\n\nThe parties {}.\n")
    assert mc.analyze(doc(text), rules=rules).clause("audit_rights") is None


@needs_shared
def test_training_highlights_are_found_in_the_cuad_texts() -> None:
    """The trainer's positives are sentences inside CUAD's highlighted clauses: on real contracts most
    highlighted clauses must be found among our sentences, or the model learns from nothing."""
    import sys

    sys.path.insert(0, str(REPO / "tools"))
    import train_sentence_model as trainer

    manifest = [json.loads(line) for line in (SHARED / "cuad" / "manifest.jsonl").open(encoding="utf-8")]
    entry = next(e for e in manifest if e["labels"]["Governing Law"]["clauses"])
    index = index_for(mc.load(SHARED / "cuad" / entry["txt"]), RULES)
    sentences = [trainer.normalize(index.text[s.start : s.end]) for s in index.sentences]
    pieces = [trainer.normalize(c) for c in entry["labels"]["Governing Law"]["clauses"]]
    assert any(trainer._inside_any(s, pieces) for s in sentences)
    assert not any(
        trainer._inside_any(s, pieces) for s in sentences if "governed" not in s and "law" not in s
    )


@needs_shared
@pytest.mark.slow
def test_on_a_real_contract_the_model_finds_the_clause_the_experts_highlighted(tmp_path: Path) -> None:
    """CUAD dev 005 states its governing law as "GOVERNED IN ALL RESPECTS, INCLUDING ... BY THE LAWS OF THE
    STATE OF DELAWARE", further from "governed" than the patterns look. The model's evidence must be the
    clause CUAD's experts highlighted, with its value read, and no element may change because of it."""
    import sys

    sys.path.insert(0, str(REPO))
    from benchmarks.cuad import overlaps

    path = SHARED / "cuad" / "txt" / "cuad-dev-005.txt"
    manifest = [json.loads(line) for line in (SHARED / "cuad" / "manifest.jsonl").open(encoding="utf-8")]
    highlighted = next(e for e in manifest if e["id"] == "cuad-dev-005")["labels"]["Governing Law"]["clauses"]
    assert mc.analyze(path, config=PATTERNS_ONLY).clause("governing_law") is None
    report = mc.analyze(path)
    clause = report.clause("governing_law")
    assert clause is not None and clause.detected_by == "model" and clause.value == "Delaware"
    (evidence,) = clause.evidence
    assert any(overlaps(evidence.quote, h) for h in highlighted)
    assert evidence.quote == mc.load(path).text[evidence.start : evidence.end]
    model = {k: v for k, v in _valid().items() if k not in ("clauses", "clause_threshold")}
    without = mc.analyze(path, rules=mc.load_rules(_folder(tmp_path, model)))
    assert without.clause("governing_law") is None
    assert without.elements == report.elements and without.key_terms == report.key_terms
