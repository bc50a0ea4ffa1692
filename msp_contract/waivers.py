"""Reviewed waivers: accepted gaps recorded outside the contract, with a reason, an approver and an expiry.

A waiver never hides a finding: the finding stays in every format, marked ``suppressed`` with the reason.
Waivers that matched nothing in the run and waivers past their expiry are returned as run-level
``Notice``s (the CLI prints them as warnings, JSON Lines carries them as ``{"warning": ...}`` records,
SARIF as tool notifications); an expired waiver suppresses nothing.

File format (YAML)::

    waivers:
      - rule: disaster_recovery          # a rule id, an element id, or an element id prefix of a rule
        document: "contracts/acme-*.md"  # glob on the path, or the document's sha256
        fingerprint: f0ab851ac206dc2aa9a9  # optional: pin one finding
        reason: DR is covered by the BCP addendum signed 2026-03-01
        approver: jane.doe@example.com
        expires: 2027-06-30
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .config_file import path_matches
from .errors import ConfigError
from .render.context import Notice
from .report import Finding, Report

_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


class Waiver(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str | None = None
    element: str | None = None
    document: str = "*"
    fingerprint: str | None = None
    reason: str
    approver: str
    expires: date | None = None
    ticket: str | None = None

    @model_validator(mode="after")
    def _needs_target(self) -> Waiver:
        if not (self.rule or self.element or self.fingerprint):
            raise ValueError("a waiver needs a rule, an element or a fingerprint")
        return self

    def label(self) -> str:
        what = self.rule or self.element or self.fingerprint
        return f"waiver for {what} on {self.document}"

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today

    def covers_document(self, report: Report) -> bool:
        if _SHA256.fullmatch(self.document):
            return self.document.lower() == report.document.sha256.lower()
        return path_matches(self.document, report.document.path)

    def covers(self, finding: Finding) -> bool:
        if self.fingerprint and finding.fingerprint != self.fingerprint:
            return False
        target = self.rule or self.element
        if target is None:
            return True
        return target in (finding.rule, finding.element) or finding.rule.startswith(target + ".")


def with_findings(report: Report, findings: Sequence[Finding]) -> Report:
    """A copy of the frozen report with new findings and the summary recomputed to match them."""
    from .engine.findings import summarize

    return report.model_copy(
        update={"findings": tuple(findings), "summary": summarize(report.elements, findings)}
    )


class WaiverFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    waivers: tuple[Waiver, ...]


def load_waivers(path: str | Path) -> WaiverFile:
    """Read and validate a waivers file; errors name the file and the offending entry and key."""
    source = Path(path)
    try:
        data: Any = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read waivers file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: invalid YAML: {exc}") from None
    entries = data.get("waivers") if isinstance(data, dict) else data
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: expected a 'waivers:' list")
    waivers = []
    for index, entry in enumerate(entries):
        try:
            waivers.append(Waiver.model_validate(entry))
        except ValidationError as exc:
            first = exc.errors()[0]
            key = ".".join(str(p) for p in first["loc"]) or "entry"
            raise ConfigError(f"{source}: waivers[{index}] key '{key}': {first['msg']}") from None
    return WaiverFile(path=str(source), waivers=tuple(waivers))


def apply_waivers(
    reports: Sequence[Report], waivers: WaiverFile, *, today: date
) -> tuple[list[Report], list[Notice]]:
    """Mark the findings each live waiver covers as suppressed; report unused and expired waivers."""
    used: set[int] = set()
    out = []
    for report in reports:
        findings = []
        for finding in report.findings:
            match = _first_match(waivers.waivers, report, finding, today)
            if match is not None and not finding.suppressed:
                used.add(match)
                waiver = waivers.waivers[match]
                finding = finding.model_copy(
                    update={"suppressed": True, "suppression": f"waived: {waiver.reason} ({waiver.approver})"}
                )
            findings.append(finding)
        out.append(with_findings(report, findings))
    return out, _notices(waivers, used, today)


def _first_match(waivers: Sequence[Waiver], report: Report, finding: Finding, today: date) -> int | None:
    for index, waiver in enumerate(waivers):
        if not waiver.expired(today) and waiver.covers_document(report) and waiver.covers(finding):
            return index
    return None


def _notices(waivers: WaiverFile, used: set[int], today: date) -> list[Notice]:
    notices = []
    for index, waiver in enumerate(waivers.waivers):
        if waiver.expired(today):
            notices.append(
                Notice("waiver.expired", f"{waiver.label()} expired on {waiver.expires}", waivers.path)
            )
        elif index not in used:
            notices.append(Notice("waiver.unused", f"{waiver.label()} matched no finding", waivers.path))
    return notices
