import pytest

from msp_contract.values.service_levels import (
    availability_targets,
    normalize_priority,
    response_times,
    service_credits,
)
from msp_contract.values.terms import find_definitions


def test_availability_target_with_window_exclusions_and_measurer() -> None:
    text = (
        "The Service shall be Available 99.9% of the time per calendar month, excluding Scheduled Maintenance "
        "and Force Majeure events, as measured by Supplier."
    )
    (target,) = availability_targets(text)
    assert target.percent == 99.9
    assert target.window == "month"
    assert target.exclusions == ("scheduled maintenance", "force majeure")
    assert target.measured_by == "Supplier"
    assert text[target.start : target.end] == "99.9%"


def test_quarterly_window_and_per_cent() -> None:
    (target,) = availability_targets(
        "Network availability will be at least 99.5 per cent in each calendar quarter."
    )
    assert (target.percent, target.window) == (99.5, "quarter")


def test_other_ninety_nine_percents_are_not_availability() -> None:
    assert availability_targets("Buyer acquires 99% of the shares of the Company.") == ()
    assert availability_targets("Customer receives a 99% discount on the availability add-on.") == ()
    assert (
        availability_targets("Supplier shall resolve 95% of incidents per month; the portal is available.")
        == ()
    )


def test_response_and_resolution_by_priority() -> None:
    text = (
        "Priority 1 incidents: Supplier shall respond within 15 minutes and resolve within 4 hours, 24x7. "
        "For Severity 2 incidents, response within 1 Business Hour and resolution within two (2) Business Days. "
        "Invoices are payable within 30 days of invoice."
    )
    found = [(r.priority, r.kind, r.duration.normalized, r.coverage) for r in response_times(text)]
    assert found == [
        ("P1", "response", "15 minutes", "24x7"),
        ("P1", "resolution", "4 hours", "24x7"),
        ("P2", "response", "1 business hour", "business hours (09:00-17:00 Mon-Fri)"),
        ("P2", "resolution", "2 business days", "business hours (09:00-17:00 Mon-Fri)"),
    ]


def test_coverage_uses_contract_business_hours() -> None:
    text = (
        "Business Hours means 8:00 a.m. to 6:00 p.m. Monday to Friday. "
        "Critical incidents will be acknowledged within 30 minutes during Business Hours."
    )
    (found,) = response_times(text, find_definitions(text).calendar)
    assert (found.priority, found.kind, found.duration.normalized) == ("critical", "response", "30 minutes")
    assert found.coverage == "business hours (08:00-18:00 Mon-Fri)"


def test_restore_and_update_kinds() -> None:
    text = "For P1, service will be restored within 2-4 hours and status updates provided every 30 minutes."
    found = [(r.kind, r.duration.normalized) for r in response_times(text)]
    assert found == [("restore", "2-4 hours"), ("update", "30 minutes")]


def test_normalize_priority() -> None:
    assert [normalize_priority(x) for x in ["Sev1", "Priority 2", "P3", "Severity Level 4", "High"]] == [
        "P1",
        "P2",
        "P3",
        "P4",
        "high",
    ]


def test_service_credits_tiers_cap_deadline_sole_remedy() -> None:
    text = (
        "If Availability is less than 99.9% but at least 99.0%, Customer shall receive a credit of 5% of the "
        "monthly fees; below 99.0%, 10% of the monthly fees. Total service credits shall not exceed 15% of the "
        "monthly fees. Customer must claim credits within thirty (30) days of the end of the month. Service "
        "credits are Customer's sole and exclusive remedy for failure to meet the Service Levels."
    )
    credits = service_credits(text)
    assert credits is not None
    assert [(t.threshold_percent, t.credit_percent) for t in credits.tiers] == [(99.9, 5.0), (99.0, 10.0)]
    assert credits.cap_percent == 15.0
    assert credits.claim_deadline is not None and credits.claim_deadline.normalized == "30 days"
    assert credits.sole_remedy is True


def test_no_credits() -> None:
    assert service_credits("The Supplier shall provide the services with reasonable care.") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Priority 1 incidents: within 4 hours to resolve.", [("resolution", 4.0)]),
        ("Severity 1 faults: 2 hours (restoration).", [("restore", 2.0)]),
        (
            "Priority 1 incidents shall be responded to within 15 minutes and resolved within 4 hours.",
            [("response", 15.0), ("resolution", 4.0)],
        ),
    ],
)
def test_the_measure_named_right_after_a_duration_is_its_kind(sentence, expected):
    # the keyword after the duration names it; the next measure after "and" does not
    assert [(r.kind, r.duration.value) for r in response_times(sentence)] == expected
