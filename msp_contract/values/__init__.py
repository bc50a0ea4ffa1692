"""Typed value extraction: the numbers that decide a deal.

Pure functions over text returning frozen dataclasses whose ``start``/``end`` are offsets into the text
passed in (``sla_table``/``key_terms`` take a ``Document`` and return offsets into ``document.text``).
Nothing here depends on the parsers or the rules engine.
"""

from __future__ import annotations

from .deal import (
    Cadence,
    DurationFinding,
    IncidentNotification,
    LiabilityCap,
    RecoveryObjectives,
    cadences,
    carve_outs,
    data_return_deadline,
    find_frequency,
    incident_notification,
    liability_caps,
    recovery_objectives,
    transition_assistance_duration,
)
from .durations import Duration, find_durations, parse_duration
from .law import GoverningLaw, find_governing_law, governing_law
from .money import CapBasis, Money, cap_basis, find_money
from .numbers import NumberMatch, find_numbers, parse_number, words_to_number
from .percent import Percentage, find_percentages
from .renewal import NoticePeriod, TermAndRenewal, notice_periods, term_and_renewal
from .service_levels import (
    AvailabilityTarget,
    CreditTier,
    ResponseTime,
    ServiceCredits,
    availability_targets,
    normalize_priority,
    response_times,
    service_credits,
)
from .sla import KeyTerms, SlaRow, key_terms, sla_table
from .terms import BusinessCalendar, Definition, Definitions, find_definitions

__all__ = [
    "AvailabilityTarget",
    "BusinessCalendar",
    "Cadence",
    "CapBasis",
    "CreditTier",
    "Definition",
    "Definitions",
    "Duration",
    "DurationFinding",
    "GoverningLaw",
    "IncidentNotification",
    "KeyTerms",
    "LiabilityCap",
    "Money",
    "NoticePeriod",
    "NumberMatch",
    "Percentage",
    "RecoveryObjectives",
    "ResponseTime",
    "ServiceCredits",
    "SlaRow",
    "TermAndRenewal",
    "availability_targets",
    "cadences",
    "cap_basis",
    "carve_outs",
    "data_return_deadline",
    "find_definitions",
    "find_durations",
    "find_frequency",
    "find_governing_law",
    "find_money",
    "find_numbers",
    "find_percentages",
    "governing_law",
    "incident_notification",
    "key_terms",
    "liability_caps",
    "normalize_priority",
    "notice_periods",
    "parse_duration",
    "parse_number",
    "recovery_objectives",
    "response_times",
    "service_credits",
    "sla_table",
    "term_and_renewal",
    "transition_assistance_duration",
    "words_to_number",
]
