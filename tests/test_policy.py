"""Policy thresholds: a value that misses the buyer's policy makes the element weak, with found and expected."""

from __future__ import annotations

import pytest
from helpers import doc

import msp_contract as mc

CONTRACT = """\
5. Service Levels
5.1 Provider shall ensure the Hosted Service is available 99.5% of the time in each calendar month.
7. Security
7.1 Provider shall notify Customer of any security incident within ninety-six (96) hours of becoming aware of it.
9. Disaster Recovery
9.1 Provider shall maintain a disaster recovery plan with a recovery time objective of eight (8) hours.
"""


def policy_findings(config: mc.Config | None = None) -> dict[str, str]:
    report = mc.analyze(doc(CONTRACT), config=config)
    return {f.rule: f.message for f in report.findings if f.kind == "policy"}


def test_defaults_flag_values_below_policy_with_found_and_expected() -> None:
    found = policy_findings()
    assert "99.5% per month" in found["sla_availability.numeric_target"]
    assert ">= 99.9%" in found["sla_availability.numeric_target"]
    assert "96 hours" in found["security_incident_notification.notification_deadline"]
    assert "<= 72 hours" in found["security_incident_notification.notification_deadline"]
    assert "8 hours" in found["disaster_recovery.rto_per_service"]


@pytest.mark.parametrize(
    ("param", "value", "rule"),
    [
        ("availability_min_percent", 99.5, "sla_availability.numeric_target"),
        ("incident_notice_max_hours", 96, "security_incident_notification.notification_deadline"),
        ("rto_max_hours", 8, "disaster_recovery.rto_per_service"),
    ],
)
def test_users_override_thresholds_in_configuration(param: str, value: float, rule: str) -> None:
    assert rule in policy_findings()
    assert rule not in policy_findings(mc.Config(thresholds={param: value}))
