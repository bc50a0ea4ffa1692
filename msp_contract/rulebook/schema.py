"""Pydantic models of the rule files in ``rules/``: the boundary where YAML becomes typed rules.

A rule file names only signals (regexes, heading patterns, clause types) and value checks from a closed set
in code; everything is validated when the rules load, with errors that point to the file and line.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
Status = Literal["present", "weak", "missing"]
# Text a reader sees (why, ask, reason): one paragraph. YAML folded scalars (``ask: >``) end in a newline,
# which would show up as a blank line after a finding and as "\n " inside an element's joined asks.
Prose = Annotated[str, AfterValidator(lambda text: " ".join(text.split()))]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Signals(_Strict):
    """What counts as a match. Patterns are case-insensitive regexes matched inside one sentence.

    ``{name}`` in a pattern expands to the macro of that name from ``rules/macros.yaml``.
    """

    any: tuple[str, ...] = ()  # a sentence matching any of these is a hit
    all: tuple[str, ...] = ()  # ...provided it also matches every one of these
    not_: tuple[str, ...] = Field((), alias="not")  # ...and none of these
    headings: tuple[str, ...] = ()  # a section whose heading matches is a hit (if it has a body)
    clauses: tuple[str, ...] = ()  # detected clause types (rules/clauses) that count as hits
    outside: tuple[str, ...] = ()  # headings of sections where hits do not count (e.g. force majeure)
    negation: bool = True  # drop hits preceded in their clause by "no", "not", "without"...
    scope: Literal["element", "document"] = "element"  # requirements: where to look
    # requirements: also met by a survival clause that names, by number, a section holding the element's
    # clauses ("Sections 7, 9 and 12 shall survive termination"): how long an obligation lasts
    survival: bool = False


class Policy(_Strict):
    """A threshold a found value must satisfy; ``param`` is the config key users override."""

    param: str
    op: Literal[">=", "<=", "present"]
    default: float | None = None
    unit: str = ""


class Requirement(_Strict):
    id: str  # a well_defined_attributes name of the checklist
    title: str
    detect: Signals = Signals.model_validate({})
    value: str | None = None  # name of a value check (msp_contract.valuechecks.VALUE_CHECKS)
    policy: Policy | None = None
    ask: Prose
    counts_for_quality: bool = True  # False: reported, but does not make the element weak
    # When these fire (in the element's clauses, or the document with ``scope: document``) and the
    # requirement is unmet, it does not apply: "this Agreement shall not be renewed" leaves nothing to ask
    # about renewal terms. Its evidence is the sentence that says so.
    not_applicable_when: Signals | None = None
    # The reverse, for points that only arise when the contract raises them: when nothing of these fires
    # and the requirement is unmet, it does not apply. A fixed term that never mentions renewal leaves no
    # renewal terms to ask for (the development labels judge so). No evidence: silence has nothing to quote.
    applies_when: Signals | None = None

    @property
    def conditions(self) -> tuple[Signals, ...]:
        """The signal sets that decide whether the requirement applies at all."""
        return tuple(s for s in (self.not_applicable_when, self.applies_when) if s is not None)


class WordingExample(_Strict):
    name: str
    expect: Literal["match", "no_match"]
    text: str


class Wording(_Strict):
    """A vague or provider-favourable phrasing (rules/wording/*.yaml)."""

    id: str
    title: str
    severity: Severity = "warning"
    detect: Signals
    reason: Prose
    ask: Prose
    examples: tuple[WordingExample, ...] = ()


class ElementExample(_Strict):
    name: str
    expect: Status
    text: str
    met: tuple[str, ...] = ()  # requirement ids that must be met
    unmet: tuple[str, ...] = ()  # requirement ids that must be unmet
    not_applicable: tuple[str, ...] = ()  # requirement ids that must come out not applicable


class ModelGuard(_Strict):
    """Sentences the sentence model may not take as the element's evidence, whatever their score (the
    element's own ``detect.not`` and ``outside`` apply to it too): what the checklist says is not the
    element although it reads like it ("governing law alone is not a dispute procedure")."""

    not_: tuple[str, ...] = Field((), alias="not")

    @property
    def signals(self) -> Signals:
        """The guard as signals (its patterns as ``not``): compiled, prefiltered and vetted like any rule's."""
        return Signals.model_validate({"not": self.not_})


class ElementRule(_Strict):
    id: str
    pillar: Literal[1, 2, 3]
    title: str
    severity: Severity = "error"  # severity of the finding when the element is missing
    why: Prose  # why it matters to the buyer, one or two sentences
    ask: Prose  # what to ask the provider for when it is missing
    detect: Signals
    requirements: tuple[Requirement, ...] = ()
    wording: tuple[str, ...] = ()  # ids of rules/wording entries that make this element weak
    references: tuple[str, ...] = ()  # frameworks that require it
    examples: tuple[ElementExample, ...] = ()
    sentence_model: ModelGuard = Field(default_factory=lambda: ModelGuard.model_validate({}))


class ClauseExample(_Strict):
    name: str
    expect: Literal["present", "absent"]
    text: str
    value: str | None = None


class ClauseRule(_Strict):
    id: str  # e.g. termination_for_convenience
    cuad: str  # CUAD category name, e.g. "Termination For Convenience"
    title: str
    detect: Signals
    value: str | None = None  # value check giving a normalized value ("90 days", "New York")
    examples: tuple[ClauseExample, ...] = ()


class BlueprintFile(_Strict):
    name: str
    version: str
    description: str = ""
    pillars: dict[int, str] = {}
    elements: tuple[str, ...] = ()  # element ids in report order
    macros: dict[str, str] = {}
    outside: tuple[str, ...] = ()  # headings where no element hit counts (e.g. force majeure), for every rule
    extends: Literal["default"] | None = None  # a user's blueprint may build on the default one
    drop: tuple[str, ...] = ()  # element, clause or wording ids removed from what it extends
