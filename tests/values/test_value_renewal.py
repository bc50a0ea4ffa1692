import pytest

from msp_contract.values.renewal import notice_periods, term_and_renewal


@pytest.mark.parametrize(
    ("text", "renewal", "successive"),
    [
        (
            "This Agreement shall have an initial term of three (3) years and shall automatically renew for "
            "successive one (1) year periods unless either party gives notice of non-renewal.",
            "1 year",
            True,
        ),
        (
            "Thereafter, this Agreement shall automatically renew for consecutive periods of two (2) years each.",
            "2 years",
            True,
        ),
        (
            "The Agreement shall continue for two years from the date hereof, and thereafter shall continue "
            "automatically for successive annual periods.",
            "1 year",
            True,
        ),
        (
            "At Customer's option, this Agreement shall renew for an additional term of three (3) years.",
            "3 years",
            False,
        ),
        (
            "After the Initial Term, this Agreement shall continue on a month to month basis until terminated.",
            "1 month",
            True,
        ),
        (
            "This Agreement will automatically renew for additional 1-year terms unless terminated.",
            "1 year",
            True,
        ),
    ],
)
def test_renewal_term(text: str, renewal: str, successive: bool) -> None:
    terms = term_and_renewal(text)
    assert terms.renewal_term is not None
    assert (terms.renewal_term.normalized, terms.renewal_successive) == (renewal, successive)
    assert terms.auto_renewal is not None


def test_initial_term_and_non_renewal_notice() -> None:
    text = (
        "This Agreement shall commence on the Effective Date and continue for an initial term of five (5) years "
        '(the "Initial Term"). Thereafter it shall automatically renew for successive one (1) year periods unless '
        "either party notifies the other of its intention not to renew at least ninety (90) days prior to the "
        "expiration of the then-current term."
    )
    terms = term_and_renewal(text)
    assert terms.initial_term is not None and terms.initial_term.normalized == "5 years"
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "1 year"
    assert terms.auto_renewal is True
    assert terms.non_renewal_notice is not None
    assert (terms.non_renewal_notice.normalized, terms.non_renewal_notice.qualifier) == (
        "90 days",
        "at_least",
    )
    notice = terms.non_renewal_notice
    assert text[notice.start : notice.end] == "at least ninety (90) days"


def test_notice_is_not_the_renewal_term() -> None:
    text = (
        "This Agreement will automatically renew for successive terms of six (6) months unless written notice is "
        "given no later than thirty (30) days before the end of the then-current term."
    )
    terms = term_and_renewal(text)
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "6 months"
    assert terms.non_renewal_notice is not None and terms.non_renewal_notice.normalized == "30 days"


def test_limited_number_of_renewals() -> None:
    terms = term_and_renewal(
        "The Term may be extended for up to three (3) additional periods of twelve (12) months."
    )
    assert terms.renewal_count == 3
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "12 months"


def test_perpetual_renewal() -> None:
    text = "The Agreement shall thereafter automatically renew for an unlimited period of time unless terminated."
    assert term_and_renewal(text).renewal_perpetual is True


def test_no_renewal_clause() -> None:
    terms = term_and_renewal(
        "Supplier shall deliver the Services. Fees are payable within 30 days of invoice."
    )
    assert (terms.renewal_term, terms.auto_renewal, terms.non_renewal_notice) == (None, None, None)


def test_notice_periods_by_purpose() -> None:
    text = (
        "Customer may terminate this Agreement for convenience upon ninety (90) days' prior written notice. "
        "Either party may terminate this Agreement if the other party materially breaches it and fails to cure "
        "the breach within thirty (30) days after receiving written notice. "
        "Either party may give notice of non-renewal at least sixty (60) days prior to the end of the then-current "
        "term. All invoices are payable within 30 days of invoice."
    )
    found = [(n.duration.normalized, n.purpose) for n in notice_periods(text)]
    assert found == [
        ("90 days", "termination_for_convenience"),
        ("30 days", "cure_period"),
        ("60 days", "non_renewal"),
    ]


def test_payment_term_is_not_a_notice_period() -> None:
    assert notice_periods("Fees are payable within thirty (30) days of the date of invoice.") == ()
    assert notice_periods("Customer shall pay each invoice within 30 days of notice of the invoice.") == ()


def test_extended_by_a_further_year_beats_a_later_passing_mention() -> None:
    text = (
        "If the Client exercises its option, the term of the Services shall be extended by one further year. "
        "Any renewal for the following seasons is subject to a separate written arrangement between the parties."
    )
    terms = term_and_renewal(text)
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "1 year"
    assert (terms.renewal_successive, terms.renewal_count) == (False, None)
    assert terms.renewal_span is not None
    assert text[slice(*terms.renewal_span)].startswith("If the Client exercises its option")


def test_each_of_the_subsequent_years_is_yearly_renewal() -> None:
    terms = term_and_renewal(
        "Having renewed once, the Client shall have a further right of renewal for each of the subsequent "
        "three years, provided it gives notice before 1 October of the preceding year."
    )
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "1 year"
    assert (terms.renewal_successive, terms.renewal_count) == (True, 3)


def test_yearly_basis_up_to_a_number_of_years_counts_renewals() -> None:
    terms = term_and_renewal(
        "After the Initial Term, this Agreement may be extended on a yearly basis up to five (5) years at the "
        "Customer's discretion."
    )
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "1 year"
    assert (terms.renewal_successive, terms.renewal_count) == (True, 5)


def test_extended_for_up_to_years_is_one_extension() -> None:
    terms = term_and_renewal(
        "The initial term is four (4) years, which term may be extended for up to three (3) years by written "
        "agreement of both parties."
    )
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "3 years"
    assert (terms.renewal_successive, terms.renewal_count) == (False, None)


def test_option_to_renew_outscores_a_holdover_sentence() -> None:
    text = (
        "If we are revising our standard form when you renew, we may offer to extend the term of this Agreement "
        "on a month-to-month basis for as long as we deem appropriate. Provider shall have the option to renew "
        "the term of this Agreement, on the terms and conditions set forth herein, for three (3) additional five "
        "(5) year terms, upon written notice given not less than six (6) months prior to expiration."
    )
    terms = term_and_renewal(text)
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "5 years"
    assert terms.renewal_count == 3


def test_notice_periods_listed_after_a_colon() -> None:
    text = (
        "Thereafter, this Agreement shall continue month to month until terminated by either party upon the "
        "following written notice to the other stating the termination date: forty-five (45) days for standard "
        "services and 120 days for dedicated services."
    )
    terms = term_and_renewal(text)
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "1 month"
    assert terms.non_renewal_notice is not None and terms.non_renewal_notice.normalized == "45 days"
    assert [n.duration.normalized for n in notice_periods(text)] == ["45 days", "120 days"]


def test_notice_period_written_without_a_unit_is_days() -> None:
    text = (
        "This Agreement renews automatically for successive one (1) year terms. Either party may prevent renewal "
        "by giving written notice of non-renewal no less than 75 prior to the end of the then-current term."
    )
    terms = term_and_renewal(text)
    notice = terms.non_renewal_notice
    assert notice is not None and (notice.normalized, notice.qualifier) == ("75 days", "at_least")
    assert text[notice.start : notice.end] == "no less than 75"
    assert [(n.duration.normalized, n.purpose) for n in notice_periods(text)] == [("75 days", "non_renewal")]


def test_small_unitless_number_is_not_read_as_days() -> None:
    # "at least 3 prior" could be months as well as days: not guessed.
    assert (
        notice_periods("Notice of non-renewal must be given at least 3 prior to the end of the term.") == ()
    )


def test_colon_after_notice_does_not_make_a_later_deadline_a_notice_period() -> None:
    text = (
        "Buyer shall give Seller written notice of the defect (setting out its details):Unless Seller objects, "
        "within 20 working days from the notice, Buyer may return the goods."
    )
    assert notice_periods(text) == ()


def test_notice_given_one_year_before_is_not_an_annual_renewal() -> None:
    terms = term_and_renewal(
        "This Agreement may be extended for a further term to be agreed, unless notice of non-renewal is sent one "
        "year before the expiry date."
    )
    assert terms.renewal_term is None
    assert terms.non_renewal_notice is not None and terms.non_renewal_notice.normalized == "1 year"


def test_initial_period_before_continue_thereafter_is_not_the_renewal() -> None:
    terms = term_and_renewal(
        "This Agreement shall continue in effect for one year and shall continue thereafter from year to year "
        "unless either party gives at least sixty (60) days' notice before the anniversary date."
    )
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "1 year"
    assert terms.renewal_successive is True


@pytest.mark.parametrize(
    ("text", "successive"),
    [
        (
            "On expiry of the Initial Term the Term shall be extended for an additional period of two (2) years, "
            "and thereafter for successive periods of two (2) years each, unless terminated.",
            True,
        ),
        (
            "This Agreement shall automatically renew for an additional five (5) year term, and thereafter for "
            "successive one (1) year terms.",
            False,
        ),
    ],
)
def test_thereafter_successive_repeats_only_the_same_period(text: str, successive: bool) -> None:
    terms = term_and_renewal(text)
    assert terms.renewal_term is not None
    assert terms.renewal_successive is successive


def test_monthly_basis_renewal_is_successive() -> None:
    terms = term_and_renewal(
        "The initial term shall be 36 months. Thereafter the agreement will automatically renew on a monthly "
        "basis until cancelled by either party with 30 days written notice."
    )
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "1 month"
    assert terms.renewal_successive is True


def test_notice_before_its_expiry_stops_renewal() -> None:
    terms = term_and_renewal(
        "This Agreement shall be renewed automatically for periods of one (1) year unless denounced by either "
        "party by registered letter sent at least three (3) months before its expiry."
    )
    assert terms.non_renewal_notice is not None and terms.non_renewal_notice.normalized == "3 months"


def test_maximum_number_of_renewals() -> None:
    terms = term_and_renewal(
        "After the Initial Term this Agreement renews automatically for successive one-year periods, up to a "
        "maximum of three (3) renewals."
    )
    assert terms.renewal_term is not None and terms.renewal_term.normalized == "1 year"
    assert terms.renewal_count == 3
