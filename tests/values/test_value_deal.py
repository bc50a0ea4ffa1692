from msp_contract.values.deal import (
    cadences,
    data_return_deadline,
    find_frequency,
    incident_notification,
    liability_caps,
    recovery_objectives,
    transition_assistance_duration,
)


def test_liability_cap_basis_and_carve_outs() -> None:
    text = (
        "EXCEPT FOR BREACH OF CONFIDENTIALITY, INDEMNIFICATION OBLIGATIONS, GROSS NEGLIGENCE OR WILFUL MISCONDUCT, "
        "IN NO EVENT SHALL EITHER PARTY'S AGGREGATE LIABILITY EXCEED THE FEES PAID OR PAYABLE IN THE TWELVE (12) "
        "MONTHS PRECEDING THE CLAIM."
    )
    (cap,) = liability_caps(text)
    assert cap.amount is None
    assert cap.basis is not None and cap.basis.kind == "fees_paid_or_payable"
    assert cap.basis.lookback is not None and cap.basis.lookback.normalized == "12 months"
    assert cap.carve_outs == ("confidentiality", "indemnification", "gross negligence", "wilful misconduct")


def test_liability_cap_amount() -> None:
    text = "Supplier's total liability under this Agreement shall not exceed $1,000,000."
    (cap,) = liability_caps(text)
    assert cap.amount is not None and (cap.amount.amount, cap.amount.currency) == (1_000_000, "USD")
    assert text[cap.amount.start : cap.amount.end] == "$1,000,000"


def test_consequential_exclusion_is_not_a_cap() -> None:
    assert liability_caps("Neither party shall be liable for any lost profits or indirect damages.") == ()


def test_recovery_objectives() -> None:
    text = (
        "The Recovery Time Objective (RTO) shall be no more than four (4) hours and the RPO 15 minutes. "
        "Backups are performed daily and retained for thirty (30) days. "
        "Supplier shall test the Disaster Recovery Plan at least twice a year."
    )
    objectives = recovery_objectives(text)
    assert objectives.rto is not None and objectives.rto.normalized == "4 hours"
    assert objectives.rpo is not None and objectives.rpo.normalized == "15 minutes"
    assert objectives.backup_frequency is not None and objectives.backup_frequency.frequency == "daily"
    assert objectives.backup_retention is not None and objectives.backup_retention.normalized == "30 days"
    assert objectives.dr_test_frequency is not None
    assert (objectives.dr_test_frequency.frequency, objectives.dr_test_frequency.per_year) == (
        "semi-annually",
        2,
    )


def test_incident_notification() -> None:
    text = (
        "Supplier shall notify Customer of any Personal Data Breach without undue delay and in any event within "
        "72 hours. Supplier shall report any Security Incident to Customer promptly. "
        "Supplier shall notify Customer of changes to the Services within 30 days."
    )
    found = [
        (n.subject, n.deadline.normalized if n.deadline else None, n.without_undue_delay)
        for n in incident_notification(text)
    ]
    assert found == [("personal_data_breach", "72 hours", True), ("security_incident", None, True)]


def test_cadences() -> None:
    text = (
        "Supplier shall deliver a monthly service report. The parties shall hold a quarterly business review. "
        "The operational committee shall meet every two weeks. Fees are invoiced monthly."
    )
    found = [(c.activity, c.frequency, c.per_year) for c in cadences(text)]
    assert found == [
        ("reporting", "monthly", 12),
        ("meeting", "quarterly", 4),
        ("meeting", "every 2 weeks", 26),
    ]


def test_every_n_frequency() -> None:
    frequency = find_frequency("reports every 6 weeks")
    assert frequency is not None and frequency[:2] == ("every 6 weeks", 52 / 6)


def test_transition_assistance_duration() -> None:
    text = (
        "Upon termination, Supplier shall provide Transition Assistance Services for a period of up to twelve "
        "(12) months, on ninety (90) days' notice from Customer."
    )
    found = transition_assistance_duration(text)
    assert found is not None and found.duration.normalized == "12 months"


def test_data_return_deadline() -> None:
    found = data_return_deadline(
        "Within thirty (30) days after termination, Supplier shall return all Customer Data."
    )
    assert found is not None and (found.duration.normalized, found.duration.qualifier) == (
        "30 days",
        "at_most",
    )
    assert data_return_deadline("Supplier shall return Customer Data on request.") is None
