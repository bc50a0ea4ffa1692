"""The names a configuration may use to select, ignore or re-grade rules, checked with suggestions.

A typo in ``ignore = ["disaster_recovry"]`` would otherwise do nothing, silently, in a CI gate; instead it is
a ConfigError that names the closest real rule (rapidfuzz ranks the candidates).
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from ..config import Config
from ..errors import ConfigError
from .loader import RuleSet

_SUGGESTION_CUTOFF = 70


def rule_names(rules: RuleSet) -> frozenset[str]:
    """Element ids, element.requirement ids, wording.<id>, clause types, and pillar1..pillar3."""
    names = {f"pillar{p}" for p in rules.blueprint.pillars} | {"pillar1", "pillar2", "pillar3"}
    for element in rules.elements:
        names.add(element.id)
        names.update(f"{element.id}.{r.id}" for r in element.requirements)
    names.update(f"wording.{w.id}" for w in rules.wording)
    names.update(c.id for c in rules.clauses)
    return frozenset(names)


def check_config_names(config: Config, rules: RuleSet) -> None:
    """Raise ConfigError for a name in select/ignore/severity/per-file-ignores that no rule carries."""
    known = rule_names(rules)
    fields: list[tuple[str, Iterable[str]]] = [
        ("select", config.select),
        ("ignore", config.ignore),
        ("severity", config.severity),
        *((f"per-file-ignores[{glob!r}]", names) for glob, names in config.per_file_ignores.items()),
    ]
    for field, names in fields:
        for name in names:
            if name not in known:
                raise ConfigError(
                    f"configuration {field}: unknown rule or element {name!r}{_suggest(name, known)}"
                )


def _suggest(name: str, known: frozenset[str]) -> str:
    best = process.extractOne(name, sorted(known), scorer=fuzz.WRatio, score_cutoff=_SUGGESTION_CUTOFF)
    return f" (did you mean {best[0]!r}?)" if best else ""
