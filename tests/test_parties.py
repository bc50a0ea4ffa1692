"""Named parties read as their roles: rules written with "the Customer shall" also read "Acme shall"."""

from __future__ import annotations

import pytest
from helpers import SHARED, doc, needs_shared

import msp_contract as mc
from msp_contract.engine.parties import party_names, party_roles, role_view, stand_ins

CONTRACT = (
    'MANAGED SERVICES AGREEMENT between Northwind Systems, Inc. ("Northwind"), a Delaware corporation, and '
    'Acme Widgets Ltd ("Acme"), a company organized under the laws of England (the "Agreement").\n'
    "1. Services\n1.1 Northwind shall provide the managed network services described in Schedule 1.\n"
    "1.2 Northwind will perform monitoring and will respond to incidents within one hour.\n"
    "2. Fees\n2.1 Acme shall pay Northwind the monthly fees in Schedule 2.\n"
    "3. Acme's Responsibilities\n3.1 Acme shall provide Northwind with remote access to its systems and "
    "timely information needed for the services.\n"
)


def test_defined_entity_names_are_found_but_defined_terms_are_not() -> None:
    assert party_names(CONTRACT) == ["Northwind", "Acme"]


def test_roles_follow_who_delivers_and_who_pays() -> None:
    assert party_roles(CONTRACT) == {"Northwind": "provider", "Acme": "customer"}


def test_unclear_roles_replace_nothing() -> None:
    text = 'Agreement between Alpha, Inc. ("Alpha") and Beta LLC ("Beta"). Alpha and Beta will cooperate.'
    assert party_roles(text) == {}


def test_role_view_keeps_every_offset_and_possessives() -> None:
    view = role_view(CONTRACT, party_roles(CONTRACT), stand_ins(mc.load_rules().blueprint.macros))
    assert len(view) == len(CONTRACT)
    assert "3.  you's Responsibilities" in view  # "Acme" has 4 letters: " you", padded in front
    assert "1.1  provider shall provide the managed" in view  # "Northwind" has 9: " provider"
    assert "Northwind" not in view and "Acme" not in view


def test_customer_duties_written_with_the_party_name_count_and_quotes_stay_verbatim() -> None:
    document = doc(CONTRACT)
    report = mc.analyze(document)
    duties = report.element("client_obligations")
    assert duties.status != "missing"
    for evidence in duties.evidence:
        assert document.text[evidence.start : evidence.end] == evidence.quote
    assert any("Acme" in e.quote for e in duties.evidence)


def test_a_third_party_that_looks_like_the_customer_is_not_guessed() -> None:
    text = (
        'Agreement between Northwind Systems, Inc. ("Northwind"), Acme Widgets Ltd ("Acme") and Globex '
        'Corporation ("Globex").\nNorthwind shall provide the services. Northwind will host the platform. '
        "Northwind shall maintain the software.\n"
    )
    assert party_roles(text) == {"Northwind": "provider"}


def test_stand_ins_are_the_rule_sets_own_role_words() -> None:
    macros = {"provider": r"provider|company|service\s+provider|vendor", "customer": "customer|company|you"}
    assert stand_ins(macros) == {"provider": ("provider", "vendor"), "customer": ("customer", "you")}


ROLE_CASES = {
    "a named party facing the Customer is the provider": (
        'Hosting Agreement between International Widgets Corporation ("IWC") and Quantum Group Inc. '
        '("Customer").\nIWC will provide hosting services to Customer. IWC shall maintain the platform.\n',
        {"IWC": "provider"},
    ),
    "a named party facing the Provider is the customer": (
        'Agreement between Netplus.com, Inc., a New York corporation ("Provider") and Kingdom Connect, '
        'Inc., a corporation ("KCI").\nKCI shall market the service. Provider shall host the web sites.\n',
        {"KCI": "customer"},
    ),
    "a named party that pays is not made the provider of a customer": (
        'Agreement between Alpha Holdings, Inc. ("Alpha") and Beta LLC ("Customer").\n'
        "Alpha shall pay the Customer a referral fee. Alpha shall pay all taxes.\n",
        {},
    ),
    "facing a Service Provider, a named party that provides access is still the customer": (
        'O&M Agreement between Solar Partners 1, LLC, a California limited liability company ("Owner"), and '
        'Solar Power, Inc. ("Service Provider").\nOwner shall provide Service Provider with access to the site. '
        "Owner shall furnish the permits. Service Provider shall perform the maintenance services.\n",
        {"Owner": "customer"},
    ),
    "facing a Company, a named party seen delivering is the provider": (
        'Maintenance Agreement between Azure Airlines S.A., hereafter referred to as the "Company", and Aero '
        'Services Ltd, hereafter referred to as the "Repairer".\nRepairer shall repair the parts. Repairer '
        "will provide the pool of spares. The Company shall pay the invoices.\n",
        {"Repairer": "provider"},
    ),
    "a person named beside two parties defined by role words is not a party": (
        'Endorsement Agreement by and between Mossimo, Inc. ("Company") and Duval Enterprises, Inc. '
        '("Licensor"). WHEREAS, David Duval ("Duval") is a golfer. Duval shall provide personal services.\n',
        {},
    ),
}


@pytest.mark.parametrize(("text", "roles"), ROLE_CASES.values(), ids=ROLE_CASES.keys())
def test_one_named_party_and_one_defined_by_its_role(text: str, roles: dict[str, str]) -> None:
    assert party_roles(text) == roles


def test_a_party_defined_after_a_long_address_is_found_and_names_in_capitals_are_scored() -> None:
    address = "with place of business at 259 Castellana, Madrid, represented by its Chief Executive, " * 3
    text = (
        f'SILICON SMELTERS Ltd (hereinafter referred to as "the Customer"), AND ESPACIO IT, SA., a public '
        f'limited company {address}(hereinafter referred to as "EIT").\n'
        "Eit shall provide the outsourcing services. Eit will maintain the servers.\n"
    )
    assert len(address) > 160  # beyond the usual window: "hereinafter referred to as" reaches further
    assert party_roles(text) == {"EIT": "provider"}


def test_a_preamble_below_a_cover_page_and_a_working_alias_are_read() -> None:
    cover = "CONFIDENTIAL TREATMENT REQUESTED. Portions of this exhibit are omitted. " * 50
    text = (
        f"{cover}\nThis Agreement is made between Bloom Energy Corporation, a Delaware corporation "
        '("BE" or, in its capacity as operator hereunder, "Operator"), and Diamond State Partners, LLC, a '
        'Delaware limited liability company ("Owner").\nOperator shall perform the maintenance services. '
        "Operator will maintain the systems. Owner shall pay the fees.\n"
    )
    assert len(cover) > 3000
    assert party_roles(text) == {"Operator": "provider", "Owner": "customer"}


def test_role_view_overwrites_whole_words_in_any_case_only() -> None:
    words = stand_ins(mc.load_rules().blueprint.macros)
    text = "ACME shall host. Acme's staff. acmeware is a product. www.acme serves. Acme"
    view = role_view(text, {"Acme": "provider"}, words)
    assert len(view) == len(text)
    assert view == " msp shall host.  msp's staff. acmeware is a product. www.acme serves.  msp"


def test_a_name_is_not_overwritten_with_a_word_rules_read_as_someone_else() -> None:
    # "SpinCo" has six letters: "vendor" would fit, but rules read "vendors" as subcontractors
    view = role_view(
        "SpinCo shall host.", {"SpinCo": "provider"}, stand_ins(mc.load_rules().blueprint.macros)
    )
    assert view == "   msp shall host."


def test_parties_defined_without_brackets_are_read() -> None:
    text = (
        "This Agreement is made between Orange Telecom Holding AG, a company incorporated in Switzerland, "
        'hereinafter referred to as: "ORANGE"\nand\nBlue Mobile B.V., a company incorporated in the '
        'Netherlands, hereinafter referred to as: "Blue Mobile"\nBlue Mobile shall provide the hosting '
        "services. Blue Mobile will maintain the network. Blue Mobile shall support the SIM cards. ORANGE "
        "shall pay the fees.\n"
    )
    assert party_roles(text) == {"Blue Mobile": "provider", "ORANGE": "customer"}


def test_of_two_parties_the_one_that_does_not_clearly_deliver_is_the_customer() -> None:
    """Customers deliver too (work orders, access, information); of two parties, once the margins name the
    provider, the other one is the party it serves."""
    preamble = 'Agreement between Alpha Imaging, Inc. ("AI") and Beta Research LLC ("BR").\n'
    customer_duties = "BR shall provide AI with a work order.\n" * 2
    provider_duties = "AI shall perform the imaging services. AI will deliver the reads.\n"
    assert party_roles(preamble + customer_duties + provider_duties * 2) == {
        "AI": "provider",
        "BR": "customer",
    }
    assert party_roles(preamble + customer_duties + provider_duties) == {}  # 2 to 2: no clear provider


def test_among_three_parties_a_delivering_one_is_the_customer_only_when_far_behind() -> None:
    preamble = (
        'Agreement between Alpha Imaging, Inc. ("AI"), Beta Research LLC ("BR") and Gamma Holdings Corp. '
        '("GH").\n'
    )
    customer_duties = "BR shall provide AI with a work order.\n" * 2 + "GH shall provide a guarantee.\n" * 2
    provider_duties = "AI shall perform the imaging services. AI will deliver the reads.\n"
    assert party_roles(preamble + customer_duties + provider_duties * 2) == {"AI": "provider"}  # 4 to 2
    # 6 to 2: far enough ahead for the last one to be the party served
    assert party_roles(preamble + customer_duties + provider_duties * 3)["AI"] == "provider"
    assert len(party_roles(preamble + customer_duties + provider_duties * 3)) == 1  # BR and GH tie


UNDEFINED_PARTIES = (
    "FLEET MAINTENANCE AGREEMENT\n1. Definitions\n"
    '"Agreement" means this agreement made between SEV and DCL.\n'
    "2. Services\n2.1 SEV shall provide the maintenance services 24 hours a day.\n"
    "2.2 SEV will repair each vehicle within two days. SEV shall maintain the service records.\n"
    "3. Charges\n3.1 DCL shall pay SEV the maintenance charges monthly.\n"
    "3.2 DCL shall report faults to SEV without delay.\n"
)


def test_parties_named_only_in_the_opening_between_clause_are_read() -> None:
    assert party_names(UNDEFINED_PARTIES) == []
    assert party_roles(UNDEFINED_PARTIES) == {"SEV": "provider", "DCL": "customer"}


def test_names_that_open_obligations_but_are_not_the_contracting_parties_are_not_roles() -> None:
    # Both names still open obligations, but nothing says they are the two contracting parties.
    text = UNDEFINED_PARTIES.replace("between SEV and DCL", "by the undersigned")
    assert party_roles(text) == {}


LETTERED = (
    "COOPERATION AGREEMENT\nParty A: Northwind Energy Co., Ltd.\nParty B: Acme Gas Supply Co., Ltd.\n"
    "1. Party A shall build and operate the waste heat power plant for Party B.\n"
    "2. Party A shall maintain the plant and will provide qualified operators.\n"
    "3. Party A will repair any fault within two days. Party A shall supply the power generated.\n"
    "4. Party B shall pay the service fees each month. Party B shall pay for the water used.\n"
    "5. Party B shall keep the site accessible. Party B may inspect the plant.\n"
)


def test_parties_called_party_a_and_party_b_throughout_are_read() -> None:
    assert party_roles(LETTERED) == {"Party A": "provider", "Party B": "customer"}


def test_party_a_and_b_named_in_passing_are_not_the_parties() -> None:
    text = "\n".join(line for line in LETTERED.splitlines() if not line.startswith(("3.", "4.", "5.")))
    assert party_roles(text) == {}


def test_a_party_defined_as_reseller_is_scored_like_a_name() -> None:
    """A reseller buys from its supplier: the word does not say which side it is on, the verbs do."""
    text = (
        'Reseller Agreement between Diversinet Corp. ("Diversinet") and Acme Mobile Inc. ("Reseller").\n'
        "Diversinet shall provide second-level support. Diversinet will deliver the Products.\n"
        "Diversinet shall maintain the servers. Reseller shall pay Diversinet within 30 days.\n"
    )
    assert party_roles(text) == {"Diversinet": "provider", "Reseller": "customer"}


def test_a_party_defined_as_distributor_is_on_the_side_its_payments_give() -> None:
    """A product distributor buys and is the customer; a fund's distributor is paid and is the provider."""
    product = (
        'Distribution Agreement between NETGEAR, Inc. ("NETGEAR") and Ingram Micro Inc. ("Distributor").\n'
        "Distributor shall purchase the Products from NETGEAR. Distributor will pay each invoice in 30 days.\n"
    )
    assert party_roles(product) == {"Distributor": "customer", "NETGEAR": "provider"}
    fund = (
        'Agreement between Alpha Fund, Inc. ("Alpha") and Integrity Funds Distributor, LLC ("Distributor").\n'
        "Alpha shall pay to Distributor a fee of 0.25% a year. Alpha shall pay the expenses of printing.\n"
    )
    assert party_roles(fund) == {"Distributor": "provider", "Alpha": "customer"}


def test_of_two_parties_that_both_deliver_the_one_that_pays_is_the_customer() -> None:
    text = (
        'Co-Branding Agreement between VerticalNet, Inc. ("VerticalNet") and Neoforma, Inc. ("Neoforma").\n'
        "VerticalNet shall host the Career Center. VerticalNet will provide the listings.\n"
        "Neoforma shall provide the product data. Neoforma will deliver the content.\n"
        "Neoforma will maintain its own sites. Neoforma shall pay a development fee.\n"
    )
    assert party_roles(text) == {"VerticalNet": "provider", "Neoforma": "customer"}
    both_pay = text + "VerticalNet shall pay a commission on each sale.\n"
    assert party_roles(both_pay) == {}


def test_buying_its_own_materials_does_not_make_a_manufacturer_the_customer() -> None:
    """Of two parties, purchases do not decide (a manufacturer buys ingredients); being invoiced does."""
    text = (
        'Amendment between Heritage Foods, LLC ("Heritage") and Premier Nutrition Corporation ("Premier").\n'
        "Heritage shall purchase all ingredients and packaging materials. Heritage shall invoice Premier "
        "monthly. Heritage shall charge Premier the agreed price.\n"
    )
    assert party_roles(text) == {"Heritage": "provider", "Premier": "customer"}


def test_a_document_defined_in_the_preamble_is_not_a_party() -> None:
    text = (
        'Sponsorship Agreement between Padres, LLC ("SDBF") and Acme Inc., subject to the terms of the '
        'General Provisions attached, Inc. (the "General Provisions").\n'
    )
    assert "General Provisions" not in party_names(text)


def test_a_natural_person_is_a_party_too() -> None:
    text = (
        "ENDORSEMENT AGREEMENT made by and between Joseph Theismann, an individual whose address is 21 "
        'Ridgetop Circle, Sterling, Virginia ("Theismann") and Bizzingo, Inc., a Nevada corporation ("Bizzingo").'
        "\n1. Theismann shall provide the endorsement services and will perform two appearances each year."
        "\n2. Bizzingo shall pay Theismann a fee of $10,000 per month.\n"
    )
    assert party_names(text) == ["Theismann", "Bizzingo"]
    assert party_roles(text) == {"Theismann": "provider", "Bizzingo": "customer"}


@needs_shared
def test_the_index_lowers_the_role_view_once_and_exactly() -> None:
    """The index keeps the role view's lower-cased text from the overwriting itself instead of lowering the
    whole contract again: it must be exactly ``match_text.lower()``, on agreements whose names are replaced."""
    from msp_contract.engine.elements import index_for

    rules = mc.load_rules()
    replaced = 0
    for path in sorted((SHARED / "cuad" / "txt").glob("*.txt"))[:40]:
        index = index_for(mc.load(path), rules)
        replaced += bool(index.roles)
        lowered = index.match_text.lower()
        assert index._lower == (lowered if len(lowered) == len(index.text) else None), path.name
    assert replaced >= 10
