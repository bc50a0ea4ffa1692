"""From element results to findings (what a reviewer acts on) and the report summary."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ..config import Config
from ..report import ElementResult, Evidence, Finding, PillarSummary, Summary

_LOWER = {"error": "warning", "warning": "info", "info": "info"}


def fingerprint(rule: str, evidence: Iterable[Evidence]) -> str:
    """Stable id of a finding within its document: rule + normalized quote, never line numbers or offsets.

    Absence findings have no quote and are keyed on the rule alone, so a waiver or baseline entry for
    "no DR clause in this contract" survives edits to the draft (waivers and baselines name the document).
    """
    quote = next((e.quote for e in evidence), "")
    normalized = re.sub(r"\W+", " ", quote.lower()).strip()
    key = f"{rule}\x00{normalized or 'missing'}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


# A capital that is a word's only one, followed by lowercase letters or nothing: "Named", "(Pen", "Third-party", "A".
_PLAIN_CAPITAL = re.compile(r"^(\W*)([A-Z])(?=(?:[a-z][a-z'’-]*\W*)?$)")


def mid_sentence(title: str) -> str:
    """A requirement title as it reads inside a sentence: "Named KPIs" -> "named KPIs". Only the first letter
    of a capitalized word is lowered; acronyms and codes (KPIs, DPA, (TLPT), N%, P1) are kept."""
    return " ".join(
        _PLAIN_CAPITAL.sub(lambda m: m.group(1) + m.group(2).lower(), w) for w in title.split(" ")
    )


def _severity(config: Config, rule: str, element: str, default: str) -> str:
    return config.severity.get(rule, config.severity.get(element, default))


def element_findings(result: ElementResult, config: Config) -> list[Finding]:
    findings: list[Finding] = []

    def add(
        rule: str, kind: str, severity: str, message: str, ask: str, evidence: tuple[Evidence, ...]
    ) -> None:
        findings.append(
            Finding(
                fingerprint=fingerprint(rule, evidence),
                rule=rule,
                element=result.id,
                kind=kind,  # type: ignore[arg-type]
                severity=_severity(config, rule, result.id, severity),  # type: ignore[arg-type]
                message=message,
                why=result.why,
                ask=ask,
                evidence=evidence,
            )
        )

    if result.status == "missing":
        add(
            result.id,
            "missing",
            result.severity,
            f"{result.title}: not found in the contract.",
            result.ask or "",
            (),
        )
        return findings
    lower = _LOWER[result.severity]
    for req in result.requirements:
        if req.met or not req.applicable:
            continue
        rule = f"{result.id}.{req.id}"
        if req.value and req.expected:
            message = f"{result.title}: {req.title} is {req.value}, policy requires {req.expected}."
            add(
                rule,
                "policy",
                result.severity if result.severity != "info" else "warning",
                message,
                req.ask or "",
                req.evidence,
            )
        else:
            add(
                rule,
                "requirement",
                lower,
                f"{result.title}: {mid_sentence(req.title)} not specified.",
                req.ask or "",
                req.evidence or result.evidence[:1],
            )
    for wording in result.wording:
        add(
            f"wording.{wording.id}",
            "wording",
            lower,
            f"{result.title}: {wording.title} — {wording.reason}",
            wording.ask,
            (wording.evidence,),
        )
    return findings


def summarize(elements: Iterable[ElementResult], findings: Iterable[Finding]) -> Summary:
    elements = list(elements)
    pillars: dict[str, PillarSummary] = {}
    for pillar in sorted({e.pillar for e in elements}):
        members = [e for e in elements if e.pillar == pillar]
        pillars[str(pillar)] = PillarSummary(
            present=sum(e.status == "present" for e in members),
            weak=sum(e.status == "weak" for e in members),
            missing=sum(e.status == "missing" for e in members),
        )
    counts = {"error": 0, "warning": 0, "info": 0}
    suppressed = 0
    for finding in findings:
        if finding.suppressed:
            suppressed += 1
        else:
            counts[finding.severity] += 1
    return Summary(
        elements=len(elements),
        present=sum(e.status == "present" for e in elements),
        weak=sum(e.status == "weak" for e in elements),
        missing=sum(e.status == "missing" for e in elements),
        pillars=pillars,
        findings=counts,
        suppressed=suppressed,
    )
