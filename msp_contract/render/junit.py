"""JUnit XML: one testsuite per contract, one testcase per blueprint element, so a merge request shows
a checklist. A missing or weak element is a ``<failure>`` (message + ask); an element whose every finding
is suppressed is ``<skipped>`` with the reason. A file that failed to parse is a suite with an ``<error>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..report import ElementResult, Report
from .common import cite, contract_findings, element_findings
from .context import EMPTY_CONTEXT, FileFailure, RunContext
from .locations import artifact_path


def render(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    root = ET.Element("testsuites", name="msp-contract")
    for report in reports:
        root.append(_suite(report))
    for failure in context.failures:
        root.append(_failed_file(failure))
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report: Report) -> ET.Element:
    path = artifact_path(report.document.path)
    suite = ET.Element("testsuite", name=path)
    for element in report.elements:
        suite.append(_case(report, element, path))
    if contract_findings(report):
        suite.append(_contract_case(report, path))
    _count(suite, [suite])
    return suite


def _case(report: Report, element: ElementResult, path: str) -> ET.Element:
    case = ET.Element(
        "testcase", name=f"{element.id}: {element.title}", classname=f"pillar{element.pillar}", file=path
    )
    if element.status == "present" and not element_findings(report, element.id):
        return case
    findings = element_findings(report, element.id)
    live = [f for f in findings if not f.suppressed]
    if findings and not live:
        ET.SubElement(case, "skipped", message=findings[0].suppression or "suppressed")
        return case
    if element.status == "present":
        # Present and well placed, but with advisory findings: still a pass, the notes go to system-out.
        ET.SubElement(case, "system-out").text = "\n".join(f.message for f in live)
        return case
    message = f"{element.title}: {element.status}"
    failure = ET.SubElement(case, "failure", message=message, type=element.status)
    lines = [f"[{f.severity}] {f.message}" for f in live]
    if element.evidence:
        lines.append(f"Evidence: {cite(element.evidence[0])}")
    if element.ask:
        lines.append("Ask: " + " ".join(element.ask.split()))
    failure.text = "\n".join(lines)
    return case


def _contract_case(report: Report, path: str) -> ET.Element:
    """Wording no element claims: advisory, so a pass with the notes in system-out (skipped if all waived)."""
    case = ET.Element("testcase", name="contract-wide wording", classname="wording", file=path)
    live = [f for f in contract_findings(report) if not f.suppressed]
    if not live:
        ET.SubElement(case, "skipped", message="suppressed")
        return case
    lines = [f"[{f.severity}] {f.message} ({'; '.join(cite(ev) for ev in f.evidence)})" for f in live]
    ET.SubElement(case, "system-out").text = "\n".join(lines)
    return case


def _failed_file(failure: FileFailure) -> ET.Element:
    suite = ET.Element("testsuite", name=artifact_path(failure.path))
    case = ET.SubElement(suite, "testcase", name="read contract", classname="input")
    ET.SubElement(case, "error", message=failure.message, type=failure.type)
    _count(suite, [suite])
    return suite


def _count(node: ET.Element, suites: Sequence[ET.Element]) -> None:
    cases = [c for s in suites for c in s.findall("testcase")]
    node.set("tests", str(len(cases)))
    node.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    node.set("errors", str(sum(c.find("error") is not None for c in cases)))
    node.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))
