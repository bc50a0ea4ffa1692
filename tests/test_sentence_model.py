"""The sentence model: its file is validated like a rule file, it scores what its weights say, it reads only
what the rule patterns missed, it respects the document's structure, and it can be switched off."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest
from helpers import REPO, SHARED, doc, needs_shared, top_words

import msp_contract as mc
from msp_contract.engine.elements import index_for
from msp_contract.engine.sentence_scores import ranked_candidates
from msp_contract.errors import RuleFileError
from msp_contract.rulebook.sentence_model import FILE_NAME

RULES = mc.load_rules()
MODEL = RULES.sentence_model
LABELS = REPO / "benchmarks" / "labels" / "reviewed.jsonl"
PATTERNS_ONLY = mc.Config(sentence_model=False)


def _unpatterned(element_id: str, frame: str, rules: mc.RuleSet = RULES) -> str:
    """Heavily weighted words for ``element_id`` that no rule pattern fires on, put in ``frame`` ("{}" marks
    where), until the model reads the sentence as the element: what the fallback exists for."""
    chosen: list[str] = []
    for word in top_words(MODEL, element_id, 60):
        text = frame.format(" ".join([*chosen, word]))
        if mc.analyze(doc(text), rules=rules, config=PATTERNS_ONLY).element(element_id).status != "missing":
            continue
        chosen.append(word)
        if mc.analyze(doc(text), rules=rules).element(element_id).detected_by == "model":
            return text
    raise AssertionError(f"no sentence of {element_id}'s top words reads as the element")


def test_bundled_model_scores_blueprint_elements() -> None:
    assert MODEL is not None
    assert set(MODEL.targets) <= {e.id for e in RULES.elements}
    assert len(MODEL.targets) >= 30
    assert MODEL.weights.shape == (len(MODEL.rows), len(MODEL.targets))
    assert 0.0 < MODEL.threshold < 1.0 and MODEL.min_logit == pytest.approx(
        math.log(MODEL.threshold / (1 - MODEL.threshold))
    )
    assert all(word == word.lower() for word in MODEL.rows)


def test_a_sentence_scores_its_bias_plus_the_weights_of_its_words() -> None:
    assert MODEL is not None
    words = top_words(MODEL, "performance_reporting", 8)
    text = (
        "1. Reports\n\nThe Provider shall "
        + " ".join(words)
        + " to the Customer.\n\nOther text here follows."
    )
    index = index_for(doc(text), RULES)
    (best, *_) = ranked_candidates(index, MODEL, ["performance_reporting"])["performance_reporting"]
    sentence = index.sentences[best.sentence]
    seen = set(re.findall(r"\w+", index.match_text[sentence.start : sentence.end].lower()))
    column = MODEL.targets.index("performance_reporting")
    expected = MODEL.bias[column] + sum(MODEL.weights[MODEL.rows[w], column] for w in seen if w in MODEL.rows)
    assert best.score == pytest.approx(1 / (1 + math.exp(-expected)))
    assert best.score > MODEL.threshold


def test_model_reads_only_what_the_patterns_missed_and_quotes_verbatim() -> None:
    frame = (
        "1. Services\n\nThe Provider shall provide the services described in Schedule 1.\n\n"
        "2. Oversight\n\nThe parties {} together.\n"
    )
    document = doc(_unpatterned("governance_structure_meetings", frame))
    with_model = mc.analyze(document, rules=RULES)
    patterns_only = mc.analyze(document, rules=RULES, config=PATTERNS_ONLY)
    assert patterns_only.element("governance_structure_meetings").status == "missing"
    element = with_model.element("governance_structure_meetings")
    assert element.status != "missing" and element.detected_by == "model"
    assert element.model_score is not None and element.model_score > 0.5
    (evidence,) = element.evidence
    assert evidence.quote == document.text[evidence.start : evidence.end]
    assert evidence.section == "2"
    for ours, theirs in zip(with_model.elements, patterns_only.elements, strict=True):
        if theirs.status != "missing":  # what the patterns found is left exactly as they found it
            assert ours == theirs


def test_model_skips_sentences_under_excluded_headings() -> None:
    text = _unpatterned("business_continuity_plan", "1. Resilience\n\nThe Provider shall keep {} in place.\n")
    neutral = doc(text)
    force_majeure = doc(text.replace("Resilience", "Force Majeure"))
    assert mc.analyze(neutral, rules=RULES).element("business_continuity_plan").detected_by == "model"
    assert mc.analyze(force_majeure, rules=RULES).element("business_continuity_plan").status == "missing"


def test_cli_switches_the_model_off(tmp_path: Path) -> None:
    contract = tmp_path / "msa.txt"
    frame = "1. Oversight\n\nThe parties {} together.\n"
    contract.write_text(_unpatterned("governance_structure_meetings", frame), encoding="utf-8")
    from msp_contract.cli import main

    out = tmp_path / "out.json"
    assert main(["check", str(contract), "--format", "json", "--output", str(out), "--fail-on", "never"]) == 0
    statuses = {e["id"]: e for e in json.loads(out.read_text())["elements"]}
    assert statuses["governance_structure_meetings"]["detected_by"] == "model"
    main(["check", str(contract), "--format", "json", "--output", str(out), "--no-sentence-model"])
    statuses = {e["id"]: e for e in json.loads(out.read_text())["elements"]}
    assert statuses["governance_structure_meetings"]["status"] == "missing"


def _rules_folder(tmp_path: Path, model: object | None) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text("name: mine\nversion: '1'\nextends: default\n", encoding="utf-8")
    if model is not None:
        text = model if isinstance(model, str) else json.dumps(model)
        (folder / FILE_NAME).write_text(text, encoding="utf-8")
    return folder


def test_a_folder_extending_the_default_inherits_its_model(tmp_path: Path) -> None:
    assert MODEL is not None
    inherited = mc.load_rules(_rules_folder(tmp_path, None)).sentence_model
    assert inherited is not None and inherited.targets == MODEL.targets
    assert (inherited.weights == MODEL.weights).all()


def _valid() -> dict[str, object]:
    return json.loads((REPO / "rules" / FILE_NAME).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: "{ not json", "invalid JSON"),
        (lambda m: {**m, "threshold": 1.5}, "threshold"),
        (lambda m: {**m, "format": 99}, "format"),
        (lambda m: {**m, "elements": {"no_such_element": {"bias": 0, "weights": {}}}}, "no_such_element"),
        (lambda m: {**m, "elements": {"subcontracting": {"bias": 0, "weights": {"Upper": 1.0}}}}, "Upper"),
    ],
)
def test_a_bad_model_file_is_a_rule_file_error_naming_it(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    folder = _rules_folder(tmp_path, change(_valid()))
    with pytest.raises(RuleFileError, match=message) as caught:
        mc.load_rules(folder)
    assert caught.value.path.endswith(FILE_NAME)


def test_a_users_own_model_replaces_the_default(tmp_path: Path) -> None:
    model = _valid()
    model["elements"] = {"subcontracting": model["elements"]["subcontracting"]}  # type: ignore[index]
    rules = mc.load_rules(_rules_folder(tmp_path, model))
    assert rules.sentence_model is not None and rules.sentence_model.targets == ("subcontracting",)
    assert rules.digest != RULES.digest


@needs_shared
def test_training_labels_point_into_the_cuad_texts() -> None:
    element_ids = {e.id for e in RULES.elements}
    lines = LABELS.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 200
    for line in lines[::20]:
        label = json.loads(line)
        text = mc.load(SHARED / "cuad" / "txt" / f"{label['document']}.txt").text
        assert set(label["present"]) <= element_ids
        for spans in label["present"].values():
            assert all(0 <= a < b <= len(text) for a, b in spans)


@needs_shared
def test_model_evidence_on_a_real_agreement_is_where_the_reviewer_pointed() -> None:
    """CUAD dev 219 states a quarterly reporting duty in words no pattern expects; the reviewer's evidence
    for performance_reporting is that sentence, and the model's evidence must overlap it."""
    label = next(
        json.loads(line)
        for line in LABELS.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["document"] == "cuad-dev-219"
    )
    path = SHARED / "cuad" / "txt" / "cuad-dev-219.txt"
    assert mc.analyze(path, config=PATTERNS_ONLY).element("performance_reporting").status == "missing"
    element = mc.analyze(path).element("performance_reporting")
    assert element.detected_by == "model"
    (evidence, *_) = element.evidence
    spans = label["present"]["performance_reporting"]
    assert any(a < evidence.end and evidence.start < b for a, b in spans)


def test_model_file_is_copied_with_the_rules(tmp_path: Path) -> None:
    """A copied rules folder keeps its model (users start their own rules from a copy)."""
    copy = tmp_path / "rules"
    shutil.copytree(REPO / "rules", copy)
    assert mc.load_rules(copy).sentence_model is not None


def test_configuration_file_switches_the_model_off(tmp_path: Path) -> None:
    contract = tmp_path / "msa.txt"
    frame = "1. Oversight\n\nThe parties {} together.\n"
    contract.write_text(_unpatterned("governance_structure_meetings", frame), encoding="utf-8")
    config = tmp_path / "msp-contract.toml"
    config.write_text("sentence-model = false\n", encoding="utf-8")
    from msp_contract.cli import main

    out = tmp_path / "out.json"
    main(["check", str(contract), "--config", str(config), "--format", "json", "--output", str(out)])
    statuses = {e["id"]: e["status"] for e in json.loads(out.read_text())["elements"]}
    assert statuses["governance_structure_meetings"] == "missing"


def test_an_elements_guard_keeps_the_model_off_what_the_checklist_excludes(tmp_path: Path) -> None:
    """Governing law alone is not a dispute procedure: dispute_resolution's ``sentence_model.not`` keeps the
    model from reading a governing-law sentence as one, however high it scores."""
    folder = _rules_folder(tmp_path, None)
    (folder / "elements").mkdir()
    unguarded = (REPO / "rules" / "elements" / "dispute_resolution.yaml").read_text(encoding="utf-8")
    assert "\nsentence_model:\n" in unguarded
    head, _, tail = unguarded.partition("\nsentence_model:\n")
    (folder / "elements" / "dispute_resolution.yaml").write_text(
        head + "\n" + tail[tail.index("\nrequirements:") + 1 :], encoding="utf-8"
    )
    frame = "12. Law\n\nThis Agreement shall be governed by the laws of Florida and {}.\n"
    text = _unpatterned("dispute_resolution", frame, mc.load_rules(folder))
    assert mc.analyze(doc(text), rules=RULES).element("dispute_resolution").status == "missing"


@needs_shared
@pytest.mark.slow
def test_the_committed_model_is_what_the_trainer_makes_of_the_committed_labels() -> None:
    """Like the report schema: change the labels, the features or the trainer, and the model file must be
    retrained (``python tools/train_sentence_model.py``). Weights are compared with a tolerance, since
    another scikit-learn release may round the solver's last digits differently."""
    pytest.importorskip("sklearn")
    import sys

    sys.path.insert(0, str(REPO / "tools"))
    import train_sentence_model as trainer

    fresh = trainer.train(trainer.arguments([]))
    committed = _valid()
    assert fresh["threshold"] == committed["threshold"]
    assert fresh["trained_on"] == committed["trained_on"]
    assert fresh.get("clause_threshold") == committed.get("clause_threshold")
    for part in ("elements", "clauses"):  # the clause model is trained from CUAD's highlights in the same run
        assert set(fresh[part]) == set(committed[part])  # type: ignore[arg-type]
        for target, weights in committed[part].items():  # type: ignore[attr-defined]
            again = fresh[part][target]  # type: ignore[index]
            assert again["bias"] == pytest.approx(weights["bias"], abs=0.05)
            strong = {w for w, v in weights["weights"].items() if abs(v) > 0.1}
            for word in strong:
                assert again["weights"].get(word, 0.0) == pytest.approx(weights["weights"][word], abs=0.05), (
                    word
                )


def test_held_out_rounds_are_blind_labelled_and_disjoint() -> None:
    """benchmarks/held_out.py holds out the blind rounds docs/benchmarks.md reports on: each agreement is in
    the reviewed labels as a blind reviewer's, in one round only, and never one of the development labels."""
    import sys

    sys.path.insert(0, str(REPO))
    from benchmarks.held_out import ROUNDS, round_documents

    labels = {line["document"]: line for line in map(json.loads, LABELS.read_text().splitlines())}
    everything = round_documents(f"{min(ROUNDS)}-{max(ROUNDS)}")
    assert len(everything) == len(set(everything)) == 85
    assert all(labels[d]["labelled_by"] == "blind reviewer" for d in everything)
    assert len(round_documents("37,38")) == 29 and len(round_documents("30-34")) == 40
    with pytest.raises(SystemExit, match="unknown rounds"):
        round_documents("29")
