"""Deal measures beyond the SLA: liability caps, recovery objectives, incident notification, reporting and
governance cadences, transition-assistance duration and data-return deadline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..budget import within_budget
from ._text import sentence_spans, sentences_matching
from .durations import Duration, find_durations
from .money import CapBasis, Money, cap_basis, find_money
from .numbers import NUMBER_PATTERN, parse_number

IncidentSubject = Literal["personal_data_breach", "security_incident"]
Activity = Literal["reporting", "meeting", "review", "backup", "dr_test", "audit"]


def _sentences(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    return [(s, e, text[s:e]) for s, e in sentences_matching(text, pattern)]


# ---------------------------------------------------------------------------------------------- liability


@dataclass(frozen=True, slots=True)
class LiabilityCap:
    amount: Money | None  # a fixed cap ("$1,000,000")
    basis: CapBasis | None  # a fee-based cap ("fees paid in the 12 months preceding the claim")
    carve_outs: tuple[str, ...]  # normalized: "confidentiality", "indemnification", "gross negligence", ...
    start: int
    end: int


_LIABILITY = re.compile(r"\bliabilit(?:y|ies)\b|\bliable\b", re.I)
_CAP_WORDS = re.compile(
    r"\b(?:shall\s+not\s+exceed|not\s+(?:to\s+)?exceed|exceed|limited\s+to|in\s+no\s+event|cap(?:ped)?|maximum|"
    r"aggregate|no\s+more\s+than|greater\s+of|lesser\s+of)\b",
    re.I,
)
_EXCEPT = re.compile(
    r"\b(?:except(?:\s+for|\s+with\s+respect\s+to|\s+in\s+respect\s+of)?|excluding|other\s+than|save\s+for|"
    r"(?:shall|will|does)\s+not\s+apply\s+to|not\s+limit|exclusions?)\b",
    re.I,
)
_LIMIT_REF = re.compile(
    r"\b(?:limit(?:ation)?s?|caps?|exclusions?)\b[^.]{0,60}\bnot\s+apply\b|\bnot\s+limit\b", re.I
)
CARVE_OUTS: dict[str, str] = {
    "confidentiality": r"confidential\w*",
    "indemnification": r"indemni\w+",
    "gross negligence": r"gross(?:ly)?\s+negligen\w+",
    "wilful misconduct": r"wil?ful\s+(?:mis)?conduct|intentional\s+misconduct|wil?ful\s+default",
    "fraud": r"fraud\w*",
    "death or personal injury": r"death|personal\s+injur\w+|bodily\s+injur\w+",
    "data protection": r"data\s+(?:protection|breach|security)|personal\s+data|privacy",
    "intellectual property infringement": r"infring\w+|intellectual\s+property",
    "payment obligations": r"(?:payment|pay)\s+(?:of\s+)?(?:fees|amounts|obligations)|fees\s+(?:due|owed|payable)",
    "property damage": r"damage\s+to\s+(?:real\s+or\s+)?(?:tangible\s+)?property",
}


def carve_outs(text: str) -> tuple[str, ...]:
    """Normalized exceptions to a cap, read after "except"/"excluding"/"shall not apply to"."""
    match = _EXCEPT.search(text)
    if not match:
        return ()
    tail = text[match.start() :]
    return tuple(name for name, pattern in CARVE_OUTS.items() if re.search(rf"\b(?:{pattern})", tail, re.I))


def liability_caps(text: str) -> tuple[LiabilityCap, ...]:
    """Limitation-of-liability caps: amount and/or fee basis, with carve-outs. Exclusions of indirect
    damages alone ("not liable for lost profits") are not caps."""
    found: list[LiabilityCap] = []
    spans = sentence_spans(text)
    position = {span: i for i, span in enumerate(spans)}  # spans.index per sentence was quadratic
    for start, end in within_budget(sentences_matching(text, _LIABILITY)):
        index = position[(start, end)]
        sentence = text[start:end]
        cap_word = _CAP_WORDS.search(sentence)
        if not cap_word:
            continue
        tail = sentence[cap_word.start() :]
        money = next(iter(find_money(tail)), None)
        basis = cap_basis(tail)
        if money is None and basis is None:
            continue
        offset = start + cap_word.start()
        if money is not None:
            money = Money(money.amount, money.currency, money.start + offset, money.end + offset)
        if basis is not None:
            lookback = basis.lookback.shifted(offset) if basis.lookback else None
            basis = CapBasis(basis.kind, basis.multiple, lookback, basis.start + offset, basis.end + offset)
        exceptions = carve_outs(sentence)
        # "This limit does not apply to ...": carve-outs often follow the cap in the next sentence.
        if index + 1 < len(spans):
            following = text[spans[index + 1][0] : spans[index + 1][1]]
            if _LIMIT_REF.search(following):
                exceptions = tuple(dict.fromkeys(exceptions + carve_outs(following)))
        found.append(LiabilityCap(money, basis, exceptions, start, end))
    return tuple(found)


# ---------------------------------------------------------------------------------------- recovery / backup


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often something happens: "monthly" = 12 per year."""

    activity: Activity
    frequency: str  # "daily", "weekly", "every 2 weeks", "monthly", "quarterly", "annually", ...
    per_year: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RecoveryObjectives:
    rto: Duration | None
    rpo: Duration | None
    backup_frequency: Cadence | None
    backup_retention: Duration | None
    dr_test_frequency: Cadence | None


_FREQUENCIES: tuple[tuple[str, str, float], ...] = (
    (r"hourly|every\s+hour", "hourly", 8766.0),
    (r"daily|nightly|every\s+day|each\s+day|once\s+(?:a|per)\s+day|per\s+day", "daily", 365.0),
    (r"bi-?weekly|fortnightly|every\s+(?:two|2|other)\s+weeks|every\s+fortnight|twice\s+(?:a|per|each)\s+month|"
     r"semi-?monthly", "every 2 weeks", 26.0),
    (r"weekly|every\s+week|each\s+week|once\s+(?:a|per)\s+week|per\s+week", "weekly", 52.0),
    (r"bi-?monthly|every\s+(?:two|2|other)\s+months", "every 2 months", 6.0),
    (r"monthly|every\s+month|each\s+(?:calendar\s+)?month|once\s+(?:a|per|each)\s+(?:calendar\s+)?month|"
     r"per\s+(?:calendar\s+)?month", "monthly", 12.0),
    (r"quarterly|every\s+(?:three|3)\s+months|each\s+(?:calendar\s+)?quarter|once\s+(?:a|per|each)\s+quarter|"
     r"per\s+quarter", "quarterly", 4.0),
    (r"semi-?annual(?:ly)?|bi-?annual(?:ly)?|twice\s+(?:a|per|each)\s+year|every\s+(?:six|6)\s+months|half-?yearly",
     "semi-annually", 2.0),
    (r"annual(?:ly)?|yearly|every\s+year|each\s+(?:calendar\s+|contract\s+)?year|once\s+(?:a|per|each|in\s+any)\s+"
     r"(?:calendar\s+|contract\s+)?year|per\s+(?:annum|year)|every\s+(?:twelve|12)\s+months", "annually", 1.0),
)  # fmt: skip
_EVERY_N = re.compile(rf"\bevery\s+(?P<n>{NUMBER_PATTERN})\s+(?P<unit>days?|weeks?|months?|years?)\b", re.I)
_PER_YEAR_OF = {"day": 365.0, "week": 52.0, "month": 12.0, "year": 1.0}


def find_frequency(text: str) -> tuple[str, float, int, int] | None:
    """(frequency, times per year, start, end) of the first frequency phrase; "every N units" computed."""
    best: tuple[str, float, int, int] | None = None
    for pattern, name, per_year in _FREQUENCIES:
        match = re.search(rf"\b(?:{pattern})\b", text, re.I)
        if match and (best is None or match.start() < best[2]):
            best = (name, per_year, match.start(), match.end())
    every = _EVERY_N.search(text)
    if every and (best is None or every.start() < best[2] or every.start() == best[2]):
        n = parse_number(every.group("n")) or 1.0
        unit = every.group("unit").lower().rstrip("s")
        per_year = _PER_YEAR_OF[unit] / n
        best = (f"every {n:g} {unit}s" if n != 1 else f"every {unit}", per_year, every.start(), every.end())
    return best


_RTO = re.compile(r"\b(?:RTO|recovery\s+time\s+objective|time\s+to\s+recover)\b", re.I)
_RPO = re.compile(r"\b(?:RPO|recovery\s+point\s+objective|(?:maximum\s+)?data\s+loss)\b", re.I)
_BACKUP = re.compile(r"\bback[\s-]?(?:ups?|ed\s+up)\b|\bsnapshots?\b|\breplicat\w+\b", re.I)
_DR_TEST = re.compile(
    r"\btest\w*\b[^.;]{0,80}\b(?:disaster\s+recovery|DR|business\s+continuity|BCP|failover|recovery)\b|"
    r"\b(?:disaster\s+recovery|DR|business\s+continuity|BCP|failover)\b[^.;]{0,80}\btest\w*\b",
    re.I,
)
_RETAIN = re.compile(r"\b(?:retain\w*|retention|kept|stored|preserv\w+)\b", re.I)


def _objective(text: str, label: re.Pattern[str]) -> Duration | None:
    """The first duration within ~100 characters after an RTO/RPO label."""
    for match in label.finditer(text):
        window = text[match.end() : match.end() + 100]
        for duration in find_durations(window):
            return duration.shifted(match.end())
    return None


def _cadence(activity: Activity, text: str, start: int, end: int) -> Cadence | None:
    frequency = find_frequency(text[start:end])
    if frequency is None:
        return None
    name, per_year, _, _ = frequency
    return Cadence(activity, name, per_year, start, end)


def recovery_objectives(text: str) -> RecoveryObjectives:
    """RTO/RPO, backup frequency and retention, and DR test frequency."""
    backup_frequency = retention = dr_test = None
    for start, end, sentence in within_budget(_sentences(text, _BACKUP)):
        backup_frequency = backup_frequency or _cadence("backup", text, start, end)
        if retention is None and _RETAIN.search(sentence):
            keyword = _RETAIN.search(sentence)
            assert keyword is not None
            durations = [
                d
                for d in find_durations(sentence[keyword.start() :])
                if d.unit in {"days", "weeks", "months", "years"}
            ]
            if durations:
                retention = durations[0].shifted(start + keyword.start())
    for start, end, _ in within_budget(_sentences(text, _DR_TEST)):
        dr_test = dr_test or _cadence("dr_test", text, start, end)
    return RecoveryObjectives(
        _objective(text, _RTO), _objective(text, _RPO), backup_frequency, retention, dr_test
    )


# ------------------------------------------------------------------------------------- incident notification


@dataclass(frozen=True, slots=True)
class IncidentNotification:
    subject: IncidentSubject
    deadline: Duration | None  # "within 72 hours"
    without_undue_delay: bool  # "without undue delay", "promptly", "immediately"
    start: int
    end: int


_PERSONAL = re.compile(
    r"\bpersonal\s+data\s+breach|\bdata\s+breach|breach\s+of\s+personal\s+data|\bprivacy\s+breach", re.I
)
_SECURITY = re.compile(
    r"\bsecurity\s+(?:incident|breach|event)s?|\bbreach\s+of\s+security|\bunauthori[sz]ed\s+(?:access|disclosure|use)|"
    r"\bcyber\s*(?:security)?\s*(?:incident|attack)|\b(?:personal\s+)?data\s+breach",
    re.I,
)
_NOTIFY = re.compile(r"\b(?:notif\w+|inform\w*|report\w*|alert\w*|advise\w*|tell)\b", re.I)
_UNDUE = re.compile(
    r"without\s+(?:undue|unreasonable)\s+delay|\bpromptly\b|\bimmediately\b|as\s+soon\s+as\s+(?:reasonably\s+)?practicable",
    re.I,
)


def incident_notification(text: str) -> tuple[IncidentNotification, ...]:
    """Security-incident / personal-data-breach notification duties with their deadline."""
    found: list[IncidentNotification] = []
    for start, end, sentence in within_budget(_sentences(text, _SECURITY)):
        if not _NOTIFY.search(sentence):
            continue
        subject: IncidentSubject = (
            "personal_data_breach" if _PERSONAL.search(sentence) else "security_incident"
        )
        deadline = next(
            (
                d.shifted(start)
                for d in find_durations(sentence)
                if d.unit in {"minutes", "hours", "days"} and d.qualifier in {"at_most", None}
            ),
            None,
        )
        undue = bool(_UNDUE.search(sentence))
        if deadline is not None or undue:
            found.append(IncidentNotification(subject, deadline, undue, start, end))
    return tuple(found)


# -------------------------------------------------------------------------------------------------- cadences

_ACTIVITIES: tuple[tuple[Activity, str], ...] = (
    ("reporting", r"\breports?\b|\breporting\b|\bdashboards?\b|\bscorecards?\b"),
    (
        "meeting",
        r"\bmeet(?:ings?|s)?\b|\bcommittees?\b|\bboards?\b|\bforums?\b|\bsteering\b|\bbusiness\s+reviews?\b",
    ),
    ("review", r"\breviews?\b"),
    ("audit", r"\baudits?\b"),
)


def cadences(text: str) -> tuple[Cadence, ...]:
    """Reporting and governance frequencies: "monthly service report", "quarterly business review",
    "meet every two weeks". One cadence per activity per sentence."""
    found: list[Cadence] = []
    for start, end in within_budget(sentence_spans(text)):
        sentence = text[start:end]
        frequency = find_frequency(sentence)
        if frequency is None or re.search(r"\b(?:fees?|invoice\w*|pay\w*|charges?|rent)\b", sentence, re.I):
            continue
        for activity, pattern in _ACTIVITIES:
            if re.search(pattern, sentence, re.I):
                found.append(Cadence(activity, frequency[0], frequency[1], start, end))
                break
    return tuple(found)


# ------------------------------------------------------------------------------------ exit: transition, data


@dataclass(frozen=True, slots=True)
class DurationFinding:
    """A duration with the sentence that gives it."""

    duration: Duration
    start: int
    end: int


_TRANSITION = re.compile(
    r"\b(?:transition(?:al)?|exit|termination|disengagement|wind[\s-]?down|migration|run[\s-]?off)\s+"
    r"(?:assistance|services?|support|period|plan)\b",
    re.I,
)
_DATA_RETURN = re.compile(
    r"\b(?:return|deliver|provide|export|make\s+available|transfer|hand\s+over)\w*\b[^.;]{0,120}\b(?:data|records|"
    r"content|information)\b|\b(?:data|records|content)\b[^.;]{0,120}\b(?:returned|delivered|exported|made\s+available)\b",
    re.I,
)
_ENDING = re.compile(r"\b(?:terminat\w+|expir\w+|end\s+of\s+the\s+term|cessation)\b", re.I)


def _first_period(sentence: str, offset: int, units: set[str]) -> Duration | None:
    for duration in find_durations(sentence):
        after = sentence[duration.end : duration.end + 25]
        if duration.unit in units and not re.match(
            r"['’]?s?['’]?\s*(?:prior\s+)?(?:written\s+)?notice", after, re.I
        ):
            return duration.shifted(offset)
    return None


def transition_assistance_duration(text: str) -> DurationFinding | None:
    """How long exit/transition assistance lasts ("for up to twelve (12) months after termination")."""
    for start, end, sentence in within_budget(_sentences(text, _TRANSITION)):
        duration = _first_period(sentence, start, {"days", "weeks", "months", "years"})
        if duration is not None:
            return DurationFinding(duration, start, end)
    return None


def data_return_deadline(text: str) -> DurationFinding | None:
    """Deadline to return customer data on exit ("within thirty (30) days of termination")."""
    for start, end, sentence in within_budget(_sentences(text, _DATA_RETURN)):
        if not _ENDING.search(sentence):
            continue
        duration = _first_period(sentence, start, {"hours", "days", "weeks", "months"})
        if duration is not None:
            return DurationFinding(duration, start, end)
    return None
