"""A clause is cited first from the section its own heading names, then from wherever else it is mentioned."""

from __future__ import annotations

import pytest
from helpers import PUBLIC, doc, needs_shared

import msp_contract as mc
from msp_contract.engine.clauses import evaluate_clauses
from msp_contract.engine.elements import index_for

CONTRACT = """1. Fees
1.1 If Provider misses a service level, Customer's sole and exclusive remedy is a service credit.

2. Assignment
2.1 Neither party may assign this Agreement without the prior written consent of the other party.

3. Limitation of Liability
3.1 Each party's aggregate liability shall not exceed the fees paid in the twelve months before the claim.
"""


def test_cap_is_cited_first_from_the_limitation_of_liability_section() -> None:
    report = mc.analyze(doc(CONTRACT))
    cap = report.clause("cap_on_liability")
    assert cap is not None
    assert cap.evidence[0].section is not None and cap.evidence[0].section.startswith("3")


def test_elements_still_read_the_clause_hits_in_document_order() -> None:
    rules = mc.load_rules()
    index = index_for(doc(CONTRACT), rules)
    hits, _ = evaluate_clauses(index, rules, sentence_model=False)
    starts = [hit.start for hit in hits["cap_on_liability"]]
    assert starts == sorted(starts) and len(starts) >= 2
    assert index.text[starts[0] :].startswith("1.1"), "the sole-remedy sentence is still a hit, and first"


@needs_shared
@pytest.mark.parametrize("name", ["bonterms-cloud-terms-v1.0.pdf", "bonterms-cloud-terms-v1.0.md"])
def test_public_agreement_cap_is_cited_from_its_liability_section(name: str) -> None:
    # Bonterms mentions exclusive remedies in its warranty section (8.3) and names "Limitations of Liability"
    # in a survival list before its section 16 sets the caps.
    cap = mc.analyze(PUBLIC / name).clause("cap_on_liability")
    assert cap is not None
    first = cap.evidence[0]
    assert first.section is not None and first.section.split(".")[0] == "16", first
    assert all("survive" not in e.quote for e in cap.evidence)


TITLED = """MASTER SERVICES AGREEMENT

This Agreement is made between Alpha Ltd ("Customer") and Beta Ltd ("Provider").

1. Definitions

1.1 "Services" means the managed services described in this Agreement.

2. The Provider shall back up all Customer Data daily and keep each backup for thirty days.

3. Either party may terminate this Agreement for convenience on ninety days' written notice.

4. Data Protection

4.1 The Provider shall process Customer personal data only on the Customer's documented instructions.
"""


def test_a_document_title_is_not_shown_as_the_heading_of_a_clause_without_one() -> None:
    report = mc.analyze(doc(TITLED))
    convenience = report.clause("termination_for_convenience")
    assert convenience is not None
    assert (convenience.evidence[0].section, convenience.evidence[0].heading) == ("3", None)
    # a clause's own heading, and the heading of the numbered clause it sits in, are still shown
    privacy = report.element("data_protection_privacy")
    assert privacy is not None
    assert [(ev.section, ev.heading) for ev in privacy.evidence][:1] == [("4", "Data Protection")]
