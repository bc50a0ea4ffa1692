"""The review report: a versioned, frozen pydantic model and its JSON schema.

The JSON shape is public (benchmarks and users' scripts read it); bump ``SCHEMA_VERSION`` on any
incompatible change and regenerate ``schemas/report.schema.json`` with ``python -m msp_contract._schema``.
Nothing time-dependent lives inside the report, so the same input and rules give byte-identical JSON.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = "1.4"
Severity = Literal["error", "warning", "info"]
Status = Literal["present", "weak", "missing"]
FindingKind = Literal["missing", "requirement", "wording", "policy", "input"]
SEVERITY_ORDER: dict[str, int] = {"error": 3, "warning": 2, "info": 1}
# A Document built in code may carry lone surrogates; they cannot be encoded as UTF-8, so JSON replaces them.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Frozen):
    """Self-contained evidence: readable, and checkable, without the source file."""

    quote: str  # verbatim text[start:end]
    page: int  # 1-based page where the quote starts
    section: str | None  # citation of the enclosing numbered clause, e.g. "12.3(b)"
    heading: str | None = None  # heading of the enclosing section, e.g. "Service Credits"
    start: int
    end: int
    bbox: tuple[float, float, float, float] | None = None  # PDF: first line of the quote, in points
    # A long sentence is quoted as the 400 characters or so around what matched, cut at word boundaries:
    # True when the quote was trimmed at its start (end), so the text goes on there: readers show "…".
    trimmed_start: bool = False
    trimmed_end: bool = False


class RequirementResult(_Frozen):
    id: str
    title: str
    met: bool
    evidence: tuple[Evidence, ...] = ()
    value: str | None = None  # the value found, when the requirement measures one ("99.5% per month")
    expected: str | None = None  # the policy it was checked against (">= 99.9%")
    ask: str | None = None  # what to ask for when unmet
    applicable: bool = True  # False: the contract rules the point out ("shall not be renewed"); not a gap


class WordingResult(_Frozen):
    id: str
    title: str
    reason: str
    ask: str
    evidence: Evidence


class ElementResult(_Frozen):
    id: str
    pillar: int
    title: str
    status: Status
    # The rule's setting: the severity of the finding a missing element raises. What the element raises in
    # this contract is in ``findings`` (a weak element's unmet requirements are usually one level lower).
    severity: Severity
    evidence: tuple[Evidence, ...]
    requirements: tuple[RequirementResult, ...]
    wording: tuple[WordingResult, ...] = ()
    why: str
    ask: str | None = None  # what to ask the provider for; None when the element is well defined
    # "model": no rule pattern matched; the sentence model (rules/sentence_model.json) read the evidence
    # sentence as stating the element, with probability ``model_score``. Worth a human look first.
    detected_by: Literal["rules", "model"] = "rules"
    model_score: float | None = None


class ClauseResult(_Frozen):
    type: str  # e.g. "termination_for_convenience"
    cuad_category: str  # e.g. "Termination For Convenience"
    title: str
    value: str | None = None  # normalized value, e.g. "90 days", "New York"
    evidence: tuple[Evidence, ...]
    # "model": no clause pattern matched; the clause model (rules/sentence_model.json, ``clauses``) read the
    # evidence sentence as this clause type, with probability ``model_score``. Worth a human look first.
    detected_by: Literal["rules", "model"] = "rules"
    model_score: float | None = None


class SlaEntry(_Frozen):
    """One row of the SLA table: what is measured, the target, and where the contract says so."""

    metric: str  # "availability", "response_time", "resolution_time", "restore_time", ...
    target: str  # "99.9%", "15 minutes", "4 business hours"
    window: str | None = None  # measurement window or coverage ("month", "24x7")
    priority: str | None = None  # "P1", "critical", ...
    remedy: str | None = None  # credit stated with it
    evidence: Evidence


class KeyTerm(_Frozen):
    """A deal term a buyer checks first: term, renewal, notice periods, caps, governing law."""

    name: str  # "initial_term", "renewal_term", "non_renewal_notice", "liability_cap", "governing_law", ...
    value: str  # normalized: "3 years", "successive 1 year", "90 days", "New York"
    evidence: Evidence | None = None


class Finding(_Frozen):
    fingerprint: str  # stable across runs and line shifts: waivers and baselines key on it
    rule: str  # "disaster_recovery", "sla_availability.measurement_window", "wording.effort_qualifier"
    element: str | None
    kind: FindingKind
    severity: Severity
    message: str
    why: str
    ask: str
    evidence: tuple[Evidence, ...] = ()
    suppressed: bool = False
    suppression: str | None = None  # why (waiver reason, baseline)


class DocumentInfo(_Frozen):
    path: str
    format: str
    pages: int
    sha256: str
    has_unresolved_revisions: bool = False
    warnings: tuple[str, ...] = ()


class ToolInfo(_Frozen):
    name: str = "msp-contract"
    version: str
    blueprint: str
    blueprint_version: str
    rules_digest: str


class PillarSummary(_Frozen):
    present: int
    weak: int
    missing: int


class Summary(_Frozen):
    elements: int
    present: int
    weak: int
    missing: int
    pillars: dict[str, PillarSummary]
    findings: dict[str, int]  # unsuppressed findings by severity
    suppressed: int = 0


class Report(_Frozen):
    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    document: DocumentInfo
    elements: tuple[ElementResult, ...]
    clauses: tuple[ClauseResult, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    key_terms: tuple[KeyTerm, ...] = ()
    sla_table: tuple[SlaEntry, ...] = ()

    def element(self, element_id: str) -> ElementResult:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(f"no element {element_id!r} in this report; it has: {', '.join(self.statuses())}")

    def clause(self, clause_type: str) -> ClauseResult | None:
        """The clause inventory's entry for ``clause_type`` ("governing_law"), or None when not found."""
        return next((c for c in self.clauses if c.type == clause_type), None)

    def statuses(self) -> dict[str, Status]:
        return {e.id: e.status for e in self.elements}

    def exit_code(self, fail_on: str = "error") -> int:
        """0 when no unsuppressed finding is at or above ``fail_on`` ('never' always gives 0), else 1."""
        if fail_on == "never":
            return 0
        floor = SEVERITY_ORDER[fail_on]
        return int(any(SEVERITY_ORDER[f.severity] >= floor for f in self.findings if not f.suppressed))

    def to_json(self, indent: int | None = 2) -> str:
        """JSON that is always valid UTF-8 and safe for line-based readers (JSON Lines, ``splitlines``)."""
        text = json.dumps(self.model_dump(mode="json"), indent=indent, ensure_ascii=False, sort_keys=False)
        return _LONE_SURROGATE.sub("\ufffd", text).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")

    # Notebook views: thin delegations, so the model stays free of rendering code.
    def _repr_html_(self) -> str:
        from .display import report_html

        return report_html(self)

    def _repr_markdown_(self) -> str:
        from .display import report_markdown

        return report_markdown(self)

    def to_pandas(self) -> Any:
        """One row per element (needs ``pip install msp-contract[pandas]``)."""
        from .display import report_frame

        return report_frame(self)

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"<Report {Path(self.document.path).name}: {s.present} present, {s.weak} weak, "
            f"{s.missing} missing of {s.elements} elements>"
        )


def json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema()
    schema["$id"] = f"https://msp-contract.dev/schemas/report-{SCHEMA_VERSION}.schema.json"
    schema["title"] = f"msp-contract report v{SCHEMA_VERSION}"
    return schema


def schema_text() -> str:
    """The committed ``schemas/report.schema.json``: regenerate with ``python -m msp_contract._schema``."""
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
