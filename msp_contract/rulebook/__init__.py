"""Rules as data: schema, loading and safe pattern compilation for the ``rules/`` folder."""

from .loader import RuleSet, load_rules
from .location import default_rules_dir
from .schema import ClauseRule, ElementRule, Requirement, Severity, Signals, Status, Wording

__all__ = [
    "ClauseRule",
    "ElementRule",
    "Requirement",
    "RuleSet",
    "Severity",
    "Signals",
    "Status",
    "Wording",
    "default_rules_dir",
    "load_rules",
]
