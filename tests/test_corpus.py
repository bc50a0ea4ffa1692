"""Expected reviews of the sample contracts (corpus/) and of the public standard agreements (../shared)."""

from __future__ import annotations

import pytest
from helpers import CORPUS, PUBLIC, SAMPLES, needs_shared

import msp_contract as mc

FORMATS = ("pdf", "docx", "md")


def review(name: str, fmt: str) -> mc.Report:
    path = CORPUS / "sources" / f"{name}.md" if fmt == "md" else SAMPLES / f"{name}.{fmt}"
    return mc.analyze(path)


@pytest.fixture(scope="module")
def reports() -> dict[tuple[str, str], mc.Report]:
    return {(n, f): review(n, f) for n in ("strong-msa", "weak-msa", "sow-no-dr") for f in FORMATS}


@pytest.mark.parametrize("name", ["strong-msa", "weak-msa", "sow-no-dr"])
def test_pdf_docx_and_markdown_editions_get_the_same_review(
    reports: dict[tuple[str, str], mc.Report], name: str
) -> None:
    statuses = {fmt: reports[(name, fmt)].statuses() for fmt in FORMATS}
    assert statuses["pdf"] == statuses["docx"] == statuses["md"]


def test_strong_msa_has_every_element(reports: dict[tuple[str, str], mc.Report]) -> None:
    report = reports[("strong-msa", "pdf")]
    assert report.summary.missing == 0
    for element in ("disaster_recovery", "engagement_model", "liability_indemnity_insurance"):
        assert report.element(element).status == "present", element
    assert report.exit_code("error") == 0  # nothing missing: no error-level finding
    sla = {(row.metric, row.priority): row.target for row in report.sla_table}
    assert sla[("response_time", "P1")] == "15 minutes" and sla[("resolution_time", "P1")] == "4 hours"
    terms = {t.name: t.value for t in report.key_terms}
    assert terms["renewal_term"] == "successive 1 year" and terms["non_renewal_notice"] == "90 days"
    assert terms["governing_law"] == "England and Wales"


def test_weak_msa_is_flagged_for_vague_and_one_sided_wording(
    reports: dict[tuple[str, str], mc.Report],
) -> None:
    report = reports[("weak-msa", "pdf")]
    statuses = report.statuses()
    for element in (
        "sla_availability",
        "sla_incident_response_resolution",
        "service_credits_and_incentives",
        "information_security",
        "security_incident_notification",
        "backup_and_restore",
    ):
        assert statuses[element] == "weak", element
    for element in (
        "disaster_recovery",
        "business_continuity_plan",
        "exit_strategy_transition_assistance",
        "escalation_path",
        "governance_structure_meetings",
    ):
        assert statuses[element] == "missing", element
    wording = {f.rule for f in report.findings if f.kind == "wording"}
    assert {"wording.effort_qualifier", "wording.sole_remedy", "wording.as_soon_as_practicable"} <= wording
    assert report.summary.present == 0
    policy = {f.rule: f.message for f in report.findings if f.kind == "policy"}
    assert "180 days" in policy["term_and_renewal.non_renewal_notice"]  # policy: at most 90 days
    assert "2% of fees" in policy["service_credits_and_incentives.at_risk_cap"]  # policy: at least 10%
    # "disaster" appears only in the force-majeure clause: not a DR plan
    assert all("disaster" not in e.quote for e in report.element("business_continuity_plan").evidence)
    assert report.exit_code("error") == 1


def test_sow_omits_dr_escalation_and_exit(reports: dict[tuple[str, str], mc.Report]) -> None:
    statuses = reports[("sow-no-dr", "docx")].statuses()
    for element in ("disaster_recovery", "escalation_path", "exit_strategy_transition_assistance"):
        assert statuses[element] == "missing", element
    for element in (
        "scope_of_services",
        "sla_availability",
        "service_credits_and_incentives",
        "performance_reporting",
        "transition_in_onboarding",
        "term_and_renewal",
    ):
        assert statuses[element] != "missing", element


@needs_shared
@pytest.mark.parametrize(
    "name",
    [
        "bonterms-sla-v1.0.md",
        "bonterms-sla-v1.0.pdf",
        "bonterms-cloud-terms-v1.0.md",
        "bonterms-cloud-terms-v1.0.pdf",
        "commonpaper-cloud-service-agreement.md",
    ],
)
def test_public_agreements_lack_governance_escalation_kpis_and_bcp_dr(name: str) -> None:
    statuses = mc.analyze(PUBLIC / name).statuses()
    for element in (
        "governance_structure_meetings",
        "escalation_path",
        "kpis_performance_metrics",
        "business_continuity_plan",
        "disaster_recovery",
        "corrective_action_plan",
    ):
        assert statuses[element] == "missing", (name, element)


@needs_shared
@pytest.mark.parametrize("stem", ["bonterms-sla-v1.0", "bonterms-cloud-terms-v1.0"])
def test_public_agreement_markdown_and_pdf_agree(stem: str) -> None:
    markdown = mc.analyze(PUBLIC / f"{stem}.md").statuses()
    pdf = mc.analyze(PUBLIC / f"{stem}.pdf").statuses()
    assert markdown == pdf


@needs_shared
def test_bonterms_sla_availability_and_credits() -> None:
    report = mc.analyze(PUBLIC / "bonterms-sla-v1.0.md")
    assert report.element("sla_availability").status != "missing"
    assert report.element("service_credits_and_incentives").status != "missing"
    assert "wording.effort_qualifier" in {f.rule for f in report.findings}
