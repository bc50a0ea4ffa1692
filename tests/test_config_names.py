"""A configuration that names a rule that does not exist is an error with a suggestion, never a no-op."""

from __future__ import annotations

import pytest
from helpers import CORPUS

import msp_contract as mc

SAMPLE = CORPUS / "sources" / "sow-no-dr.md"


@pytest.mark.parametrize(
    ("config", "typo", "suggestion"),
    [
        (mc.Config(ignore=("disaster_recovry",)), "disaster_recovry", "disaster_recovery"),
        (mc.Config(select=("escalation_pth",)), "escalation_pth", "escalation_path"),
        (mc.Config(severity={"wording.sole_remedie": "info"}), "wording.sole_remedie", "wording.sole_remedy"),
        (mc.Config(per_file_ignores={"*.md": ("liabilty_indemnity_insurance",)}), "liabilty", "liability"),
    ],
)
def test_unknown_names_are_rejected_with_the_closest_rule(
    config: mc.Config, typo: str, suggestion: str
) -> None:
    with pytest.raises(mc.ConfigError, match="did you mean") as raised:
        mc.analyze(SAMPLE, config=config)
    assert typo in str(raised.value) and suggestion in str(raised.value)


def test_pillars_requirements_wording_and_clause_types_are_valid_names() -> None:
    config = mc.Config(
        ignore=("pillar3", "sla_availability.numeric_target", "wording.effort_qualifier", "governing_law")
    )
    report = mc.analyze(SAMPLE, config=config)
    assert {e.pillar for e in report.elements} == {1, 2}
    assert not any(f.rule in config.ignore for f in report.findings)
