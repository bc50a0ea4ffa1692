"""Table-of-contents runs are recognised by their shape in text and PDF contracts (no Word styles there)."""

from __future__ import annotations

import pytest

from msp_contract.contents import contents_blocks, looks_like_contents


@pytest.mark.parametrize(
    "line",
    [
        "Section 11.01. Counterparts; Entire Agreement 14 Section 11.02. Dispute Resolution 14 "
        "Section 11.03. Governing Law; Jurisdiction 15",
        "27 16. TERMINATION 28 17. CONDITIONS PRECEDENT 31 18. EXPORT CONTROL 31 19. NOTICES 31",
        "ARTICLE IV EXCLUDED AGREEMENTS 12 5.1 No Change to Excluded Agreements 12 ARTICLE VI CONFIDENTIALITY 12",
        "Definition Section AAA 13.8.2 Abandoned Commercialization 4.2.7.1 Abandoned Development 4.2.7.1 "
        "Alliance Manager 5.1.1 Back-up Supplier 2.15",
    ],
)
def test_contents_runs(line: str) -> None:
    assert looks_like_contents(line)


@pytest.mark.parametrize(
    "line",
    [
        # provisions, even with many numbers in them
        "Section 9.5 Dispute Resolution. In the event a dispute arises, the parties shall meet within 10 days.",
        "The fees are 100 per month for Site 1, 200 per month for Site 2 and 300 per month for Site 3.",
        "Priority 1 Response 15 minutes Priority 2 Response 4 hours Priority 3 Response 8 hours",
        "See Sections 4.1, 4.2 and 7.3 for the Service Levels.",
        # a provision in capitals is still a provision
        "IN NO EVENT SHALL 1.1 LIABILITY 12 2.1 DAMAGES 13 3.1 CLAIMS 14 BE RECOVERABLE",
        # a survival clause's list of cross-references, cut by the sentence splitter before its verb
        "Article 8 (Intellectual Property Ownership; Use of Data), but excluding Section 8.4 (Prosecution and "
        "Enforcement Rights), Section 8.5.1 (Disclosure), and Section 8.6 (Notification of New Products), "
        "Article 10 (Confidentiality), Section 11.5 (Disclaimers), Section 11.6 (No Consequential Damages)",
    ],
)
def test_provisions_and_tables_are_not_contents(line: str) -> None:
    assert not looks_like_contents(line)


def test_contents_blocks_cover_the_list_its_title_and_its_annexes() -> None:
    blocks = [
        "ACME MASTER SERVICES AGREEMENT",
        "TABLE OF CONTENTS",
        "Page",
        "ARTICLE 1 Definitions .......... 1",
        "ARTICLE 2 Services 4",
        "ARTICLE 3 Fees and Payment 9",
        "EXHIBITS",
        "Exhibit A: Service Levels",
        "Addendum 2: Maintenance",
        "ARTICLE 1 DEFINITIONS",  # the body starts
        "1.1 Provider shall provide the Services.",
    ]
    assert contents_blocks(blocks) == set(range(1, 9))


@pytest.mark.parametrize(
    "blocks",
    [
        # a short numbered price list: no title, too few entries to be a contents list without one
        ["1. Basic Support 40", "2. Premium Support 80", "3. Enterprise Support 120"],
        # entries whose pages go back are not one list
        ["TABLE OF CONTENTS", "1. Services 9", "2. Fees 4", "3. Term 2"],
    ],
)
def test_lists_that_are_not_contents(blocks: list[str]) -> None:
    assert contents_blocks(blocks) == set()
