"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Rules are the blueprint elements plus every finding rule that occurs (requirements, wording). Results point
at the contract file; when there is evidence, the region carries ``charOffset``/``charLength`` into the
canonical text and, when the text is known, ``startLine``. A "missing" finding has no region. The stable
fingerprint goes in ``partialFingerprints`` (never line-based). Suppressed findings carry ``suppressions``.

Offsets: ``charOffset``/``charLength`` index the canonical text that ``msp-contract parse`` prints (for
text and Markdown that is close to, but not exactly, the file); ``startLine`` is the line in the file itself
for text and Markdown sources (found via the quote), else in the canonical text. The quote is also in
``region.snippet`` and page/section in ``properties`` so a reader never needs the offsets.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..report import Finding, Report
from .context import EMPTY_CONTEXT, RunContext
from .locations import artifact_uri

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(reports: Sequence[Report], context: RunContext = EMPTY_CONTEXT) -> str:
    rules = _rules(reports, context)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [_result(r, f, index, context) for r in reports for f in r.findings]
    tool = reports[0].tool if reports else None
    driver: dict[str, Any] = {
        "name": "msp-contract",
        "informationUri": "https://pypi.org/project/msp-contract/",
        "rules": rules,
    }
    if tool is not None:
        driver["semanticVersion"] = tool.version
        driver["properties"] = {"blueprint": tool.blueprint, "blueprintVersion": tool.blueprint_version}
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [_invocation(context)],
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rules(reports: Sequence[Report], context: RunContext) -> list[dict[str, Any]]:
    rules: dict[str, dict[str, Any]] = {}
    for element_id, title in context.rule_titles.items():
        rules[element_id] = _descriptor(element_id, title, None)
    for report in reports:
        for element in report.elements:
            rules.setdefault(element.id, _descriptor(element.id, element.title, None))
        for finding in report.findings:
            if "help" not in rules.get(finding.rule, {}):
                known = rules.get(finding.rule, {}).get("shortDescription", {}).get("text")
                rules[finding.rule] = _descriptor(finding.rule, known or finding.message, finding)
    return list(rules.values())


def _descriptor(rule_id: str, title: str, finding: Finding | None) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id.replace(".", "/"),
        "shortDescription": {"text": title},
    }
    if finding is not None:
        descriptor["fullDescription"] = {"text": " ".join(finding.why.split()) or title}
        descriptor["help"] = {"text": " ".join(finding.ask.split()) or title}
        descriptor["defaultConfiguration"] = {"level": LEVEL[finding.severity]}
        descriptor["properties"] = {"tags": ["contract", finding.kind], "problem.severity": "recommendation"}
    return descriptor


def _result(report: Report, finding: Finding, index: dict[str, int], context: RunContext) -> dict[str, Any]:
    text = finding.message + (f" Ask: {' '.join(finding.ask.split())}" if finding.ask else "")
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVEL[finding.severity],
        "kind": "fail",
        "message": {"text": text},
        "locations": [_location(report, finding, context)],
        "partialFingerprints": {
            "mspContract/v1": finding.fingerprint,
            "primaryLocationLineHash": finding.fingerprint,
        },
        "properties": {"element": finding.element, "findingKind": finding.kind},
    }
    if finding.evidence:
        ev = finding.evidence[0]
        result["properties"].update({"page": ev.page, "section": ev.section, "quote": ev.quote})
    if finding.suppressed:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": finding.suppression or "suppressed"}
        ]
    return result


def _location(report: Report, finding: Finding, context: RunContext) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(report.document.path)}}
    if finding.evidence:
        ev = finding.evidence[0]
        region: dict[str, Any] = {"charOffset": ev.start, "charLength": max(0, ev.end - ev.start)}
        line = context.line_of(report.document.path, ev.start, ev.quote)
        if line is not None:
            region["startLine"] = line
        region["snippet"] = {"text": ev.quote}
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.evidence and finding.evidence[0].section:
        ev = finding.evidence[0]
        name = f"§{ev.section}" + (f" {ev.heading}" if ev.heading else "")
        location["logicalLocations"] = [{"fullyQualifiedName": name, "kind": "section"}]
    return location


def _invocation(context: RunContext) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not context.failures}
    if context.failures:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}}}],
                "properties": {"errorType": f.type},
            }
            for f in context.failures
        ]
    if context.notices:
        invocation["toolConfigurationNotifications"] = [
            {"level": "warning", "message": {"text": n.message}, "descriptor": {"id": n.code}}
            for n in context.notices
        ]
    return invocation
