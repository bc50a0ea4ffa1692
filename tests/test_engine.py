"""The review engine on a small custom rules folder: structure, negation, evidence, errors, determinism."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import REPO, doc

import msp_contract as mc
from msp_contract.report import schema_text

BLUEPRINT = """\
name: test-blueprint
version: "0.1"
pillars: {3: Risk}
elements: [disaster_recovery]
outside: ['force\\s+majeure']
macros:
  duration: '\\d+\\s*(?:\\(\\d+\\)\\s*)?(?:hours?|days?)'
  num: '\\d+'
  frequency: 'annually|quarterly'
"""
# A rule written for these tests, so they exercise the engine independently of the shipped rules.
DR_RULE = """\
id: disaster_recovery
pillar: 3
title: Disaster recovery
why: Without it the provider owes nothing when a platform is lost.
ask: Ask for a DR plan with RTO and RPO per service.
detect:
  headings: ['\\bdisaster\\s+recovery\\b']
  any: ['\\bdisaster[\\s-]+recovery\\b', '\\b(?:RTO|RPO)\\b']
wording: [effort_qualifier]
requirements:
  - id: rto_rpo_defined
    title: RTO and RPO targets
    detect: {any: ['\\b(?:RTO|RPO)\\b[^.]{0,40}{duration}']}
    ask: Ask for an RTO and an RPO, in hours.
  - id: dr_test_frequency
    title: a DR test frequency
    detect: {any: ['\\btest[^.]{0,40}(?:{frequency})']}
    ask: Ask for DR tests at least annually.
"""
WORDING = """\
id: effort_qualifier
title: effort qualifier
detect: {any: ['\\b(?:commercially\\s+)?reasonable\\s+efforts?\\b', '\\bbest\\s+efforts?\\b'], negation: false}
reason: a promise to try is hard to enforce.
ask: Replace it with a firm obligation.
"""


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    (root / "elements").mkdir(parents=True)
    (root / "wording").mkdir()
    (root / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (root / "elements" / "disaster_recovery.yaml").write_text(DR_RULE, encoding="utf-8")
    (root / "wording" / "effort_qualifier.yaml").write_text(WORDING, encoding="utf-8")
    return root


def review(text: str, rules_dir: Path) -> mc.Report:
    return mc.analyze(doc(text), rules=mc.load_rules(rules_dir))


def test_word_in_a_force_majeure_clause_is_not_a_dr_plan(rules_dir: Path) -> None:
    text = "14. Force Majeure\nNeither party is liable for delay caused by disaster recovery failures, fire or flood."
    assert review(text, rules_dir).element("disaster_recovery").status == "missing"


def test_negated_provision_is_not_presence(rules_dir: Path) -> None:
    text = "7. Services\nProvider does not provide disaster recovery services under this Agreement."
    assert review(text, rules_dir).element("disaster_recovery").status == "missing"


def test_a_condition_with_not_does_not_negate_what_follows(rules_dir: Path) -> None:
    """ "not resolved within 30 days" qualifies the condition; the provision after it still stands."""
    condition = "9. Outages\nAny outage not resolved within 4 hours shall invoke disaster recovery at the backup site."
    assert review(condition, rules_dir).element("disaster_recovery").status != "missing"
    negated = "9. Outages\nAn outage not resolved shall not invoke disaster recovery at the backup site."
    assert review(negated, rules_dir).element("disaster_recovery").status == "missing"


def test_evidence_skips_the_table_of_contents(rules_dir: Path) -> None:
    """A contents line names the clause; the quote must be the clause itself, and a contents line alone is
    no presence."""
    contents = (
        "TABLE OF CONTENTS\n"
        "Section 8.1 Backups 12 Section 8.2 Disaster Recovery 12 Section 8.3 Security 13 Section 8.4 Audit 14\n"
    )
    body = "8.2 Recovery. The Provider shall maintain a disaster recovery plan with an RTO of 4 hours."
    element = review(contents + "1. Services\nThe Provider hosts the platform.\n" + body, rules_dir).element(
        "disaster_recovery"
    )
    assert element.status != "missing"
    assert all("Section 8.3" not in e.quote for e in element.evidence)
    assert any("shall maintain a disaster recovery plan" in e.quote for e in element.evidence)
    alone = review(contents + "1. Services\nThe Provider hosts the platform.", rules_dir)
    assert alone.element("disaster_recovery").status == "missing"


def test_a_definition_that_points_elsewhere_is_not_presence(rules_dir: Path) -> None:
    text = (
        '1. Definitions\n1.1 "DR Plan" has the meaning set forth in Section 12.4 (Disaster Recovery).\n'
        "1.2 Disaster Recovery. The term shall have the meaning set forth in Section 12.\n"
    )
    assert review(text, rules_dir).element("disaster_recovery").status == "missing"


def test_evidence_skips_the_pointer_and_quotes_the_provision(rules_dir: Path) -> None:
    text = (
        '1. Definitions\n1.1 "Disaster Recovery Plan" has the meaning set forth in Section 12.1.\n'
        "12. Continuity\n12.1 Provider shall maintain a disaster recovery plan and test it yearly.\n"
    )
    result = review(text, rules_dir).element("disaster_recovery")
    assert result.status != "missing"
    assert [e.section for e in result.evidence] == ["12.1"]


def test_present_element_has_verbatim_located_evidence(rules_dir: Path) -> None:
    text = (
        "1. Definitions\nTerms have their usual meaning.\n"
        "12. Disaster Recovery\n12.1 Provider shall maintain a disaster recovery plan with an RTO of 4 hours and "
        "an RPO of 1 hour.\n12.2 Provider shall test the plan annually."
    )
    document = doc(text)
    result = mc.analyze(document, rules=mc.load_rules(rules_dir)).element("disaster_recovery")
    assert result.status == "present"
    for evidence in result.evidence:
        assert document.text[evidence.start : evidence.end] == evidence.quote
        assert evidence.page == 1
    assert {e.section for e in result.evidence} <= {"12", "12.1", "12.2"}
    assert all(r.met for r in result.requirements)


def test_vague_wording_makes_the_element_weak_with_an_ask(rules_dir: Path) -> None:
    text = "9. Continuity\nProvider will use commercially reasonable efforts to maintain disaster recovery capabilities."
    report = review(text, rules_dir)
    result = report.element("disaster_recovery")
    assert result.status == "weak"
    assert [w.id for w in result.wording] == ["effort_qualifier"]
    assert result.ask and "RTO" in result.ask and "firm obligation" in result.ask
    kinds = {f.kind for f in report.findings}
    assert {"requirement", "wording"} <= kinds


def test_requirement_messages_keep_acronyms(rules_dir: Path) -> None:
    text = "12. Disaster Recovery\nProvider shall maintain a disaster recovery plan."
    messages = {f.rule: f.message for f in review(text, rules_dir).findings}
    assert (
        messages["disaster_recovery.rto_rpo_defined"]
        == "Disaster recovery: RTO and RPO targets not specified."
    )
    kpis = "7. Key Performance Indicators\n7.1 The Provider shall report its performance against the KPIs monthly.\n"
    said = " ".join(f.message for f in mc.analyze(doc(kpis)).findings)
    assert "named KPIs with definitions not specified" in said
    shipped = mc.analyze(REPO / "corpus" / "sources" / "strong-msa.md")
    assert "DPA processing details" in " ".join(f.message for f in shipped.findings)


def test_missing_element_yields_an_error_finding_and_exit_code(rules_dir: Path) -> None:
    report = review("1. Fees\nCustomer shall pay the fees.", rules_dir)
    (finding,) = report.findings
    assert finding.kind == "missing" and finding.severity == "error" and finding.ask
    assert report.exit_code("error") == 1 and report.exit_code("never") == 0
    assert report.summary.missing == 1 and report.summary.pillars["3"].missing == 1


def test_report_json_is_deterministic_and_matches_the_committed_schema(rules_dir: Path) -> None:
    text = "12. Disaster Recovery\nProvider shall maintain a disaster recovery plan."
    first, second = review(text, rules_dir).to_json(), review(text, rules_dir).to_json()
    assert first == second
    data = json.loads(first)
    assert {"schema_version", "document", "elements", "clauses", "findings", "summary"} <= set(data)
    assert (REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8") == schema_text(), (
        "schema is stale: run python -m msp_contract._schema"
    )


def test_fingerprints_do_not_depend_on_position(rules_dir: Path) -> None:
    base = "9. Continuity\nProvider will use best efforts to maintain disaster recovery capabilities."
    shifted = "1. Scope\nProvider provides hosting.\n2. Fees\nCustomer pays.\n" + base
    prints = {f.rule: f.fingerprint for f in review(base, rules_dir).findings}
    moved = {f.rule: f.fingerprint for f in review(shifted, rules_dir).findings}
    assert prints["wording.effort_qualifier"] == moved["wording.effort_qualifier"]


def test_rule_file_errors_point_to_file_and_line(rules_dir: Path) -> None:
    path = rules_dir / "elements" / "disaster_recovery.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    bad_line = next(i for i, line in enumerate(lines) if line.startswith("pillar:"))
    lines[bad_line] = "pillar: 7"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(mc.RuleFileError) as raised:
        mc.load_rules(rules_dir)
    assert f"disaster_recovery.yaml:{bad_line + 1}" in str(raised.value)


def test_invalid_pattern_unknown_macro_and_unknown_reference_are_rejected(rules_dir: Path) -> None:
    path = rules_dir / "elements" / "disaster_recovery.yaml"
    original = path.read_text(encoding="utf-8")
    for broken, message in [
        (original.replace("'\\bdisaster[\\s-]+recovery\\b'", "'(unclosed'", 1), "invalid pattern"),
        (original.replace("'\\b(?:RTO|RPO)\\b'", "'{nosuchmacro}'", 1), "unknown macro"),
        (original.replace("wording: [effort_qualifier]", "wording: [no_such_wording]", 1), "no_such_wording"),
    ]:
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(mc.RuleFileError, match=message):
            mc.load_rules(rules_dir)


def test_catastrophic_user_pattern_is_stopped_by_the_time_bound(rules_dir: Path) -> None:
    path = rules_dir / "elements" / "disaster_recovery.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("'\\b(?:RTO|RPO)\\b'", "'(?:a|aa)+$'", 1), encoding="utf-8"
    )
    from msp_contract.rulebook import patterns

    patterns.MATCH_TIMEOUT_SECONDS = 0.2
    try:
        with pytest.raises(mc.RuleFileError, match="timed out"):
            review("x " + "a" * 60 + "!", rules_dir)
    finally:
        patterns.MATCH_TIMEOUT_SECONDS = 2.0


def test_only_bundled_heading_exclusions_skip_the_time_bound(rules_dir: Path) -> None:
    # The bundled blueprint's ``outside`` patterns are vetted by test_pattern_safety and run on every hit
    # of every rule: they must take the fast path. A user's blueprint.yaml is not vetted: it keeps the bound.
    from msp_contract.engine.elements import global_outside
    from msp_contract.rulebook import patterns

    bundled = global_outside(mc.load_rules())
    assert bundled and all(p in patterns._VETTED for p in bundled)
    (rules_dir / "blueprint.yaml").write_text(
        BLUEPRINT.replace("force\\s+majeure", "acts\\s+of\\s+nature"), encoding="utf-8"
    )
    user = mc.load_rules(rules_dir)
    assert user.blueprint_path == rules_dir / "blueprint.yaml"
    assert [p.pattern for p in global_outside(user)] == ["acts\\s+of\\s+nature"]
    assert not any(p in patterns._VETTED for p in global_outside(user))


def test_user_blueprint_extends_the_default(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    (root / "elements").mkdir(parents=True)
    (root / "blueprint.yaml").write_text(
        "name: mine\nversion: '1'\nextends: default\ndrop: [disaster_recovery]\n"
    )
    rules = mc.load_rules(root)
    default = mc.load_rules()
    assert "disaster_recovery" not in {e.id for e in rules.elements}
    assert len(rules.elements) == len(default.elements) - 1
    shutil.rmtree(root)


def test_table_rows_are_read_with_their_header(rules_dir: Path, tmp_path: Path) -> None:
    source = (
        "# 12. Disaster Recovery\n\nProvider shall maintain a disaster recovery plan.\n\n"
        "| Recovery objective (RTO) | Recovery point (RPO) |\n|---|---|\n| 4 hours | 1 hour |\n"
    )
    path = tmp_path / "dr.md"
    path.write_text(source, encoding="utf-8")
    document = mc.load(path)
    result = mc.analyze(document, rules=mc.load_rules(rules_dir)).element("disaster_recovery")
    rto = next(r for r in result.requirements if r.id == "rto_rpo_defined")
    assert rto.met
    assert [e.quote for e in rto.evidence] == ["4 hours | 1 hour"]


def test_a_negated_first_match_does_not_hide_a_later_one(rules_dir: Path) -> None:
    text = "7. Continuity\nNo disaster recovery fees apply, and Provider shall maintain a disaster recovery plan."
    assert review(text, rules_dir).element("disaster_recovery").status != "missing"


def test_missing_finding_fingerprint_survives_edits_to_the_draft(rules_dir: Path) -> None:
    first = review("1. Fees\nCustomer shall pay the fees.", rules_dir).findings[0]
    edited = review("1. Fees\nCustomer shall pay the fees monthly in arrears.", rules_dir).findings[0]
    assert first.kind == edited.kind == "missing" and first.fingerprint == edited.fingerprint


def test_a_requirement_the_contract_rules_out_is_not_a_gap() -> None:
    text = (
        "4. Term\n4.1 The term of this Statement of Work is twelve (12) months from 1 March 2026.\n"
        "4.2 This Statement of Work shall not be renewed or extended; further work needs a new statement of work."
    )
    document = doc(text)
    report = mc.analyze(document)
    result = report.element("term_and_renewal")
    renewal = next(r for r in result.requirements if r.id == "renewal_mechanism")
    assert (renewal.met, renewal.applicable, renewal.ask) == (False, False, None)
    (evidence,) = renewal.evidence
    assert document.text[evidence.start : evidence.end] == evidence.quote
    assert "shall not be renewed" in evidence.quote and evidence.section == "4.2"
    assert not [f for f in report.findings if f.rule.startswith("term_and_renewal.renewal")]
    assert result.status == "present"
    # A term that never raises renewal leaves nothing to ask about it either, and silence has nothing to quote
    silent = mc.analyze(doc(text.split("\n4.2")[0])).element("term_and_renewal")
    assert [(r.id, r.applicable, r.evidence) for r in silent.requirements if not r.applicable] == [
        ("renewal_mechanism", False, ()),
        ("non_renewal_notice", False, ()),
        ("renewal_price_cap", False, ()),
    ]
    assert silent.status == "present"
    # Once the contract raises renewal without settling it, the gaps are real
    raised = text.split("\n4.2")[0] + "\n4.2 The parties may discuss a renewal of this Statement of Work."
    open_question = mc.analyze(doc(raised)).element("term_and_renewal")
    assert [r.applicable for r in open_question.requirements] == [True] * len(open_question.requirements)
    assert open_question.status == "weak"


def test_a_rule_set_compiles_each_signals_once_with_its_own_macros() -> None:
    import dataclasses

    rules = mc.load_rules()
    element = rules.elements[0]
    first = rules.compiled(element.id, element.detect)
    assert rules.compiled(element.id, element.detect) is first
    # an equal copy of the signals (YAML anchors give such copies) comes to the same compiled object, which
    # the per-document caches of shared conditions are keyed by
    assert rules.compiled(element.id, element.detect.model_copy()) is first
    macros = {**rules.blueprint.macros, "unused_macro": "x"}
    other = dataclasses.replace(rules, blueprint=rules.blueprint.model_copy(update={"macros": macros}))
    assert other.compiled(element.id, element.detect) is not first  # a copy does not share the memo
