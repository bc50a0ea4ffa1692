"""Load and validate a rules folder: ``blueprint.yaml`` + ``elements/``, ``clauses/``, ``wording/``.

Errors name the file and the line of the offending key (YAML node marks are kept for that purpose).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import RuleFileError
from .location import default_rules_dir
from .patterns import CompiledSignals, check_signals, compile_signals_cached
from .schema import BlueprintFile, ClauseRule, ElementRule, Signals, Wording
from .sentence_model import FILE_NAME as SENTENCE_MODEL_FILE
from .sentence_model import SentenceModel, SentenceModels, read_sentence_model

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class RuleSet:
    blueprint: BlueprintFile
    elements: tuple[ElementRule, ...]
    clauses: tuple[ClauseRule, ...]
    wording: tuple[Wording, ...]
    sources: dict[str, Path] = field(default_factory=dict, compare=False)  # rule id -> file
    digest: str = ""  # sha256 of the rule files: reports say exactly which rules ran
    # Word weights for sentences the patterns miss (sentence_model.py); None: patterns only.
    sentence_model: SentenceModel | None = field(default=None, compare=False)
    # The blueprint.yaml read: its patterns (``outside``) are vetted like rule files when bundled.
    blueprint_path: Path = field(default=Path("blueprint.yaml"), compare=False)
    # The same file's weights per clause type, for clause types the clause patterns miss; None: patterns only.
    clause_model: SentenceModel | None = field(default=None, compare=False)
    # Signals compiled so far, by the identity of the Signals object (kept, so the id stays its own). Every
    # review asks for every rule's signals, and the compile cache's key hashes a pydantic model and the
    # macros by value (0.5% of rule evaluation's instructions, measured).
    _compiled: dict[int, tuple[Signals, CompiledSignals]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def compiled(self, rule_id: str, signals: Signals) -> CompiledSignals:
        """``signals`` of rule ``rule_id`` compiled with this rule set's macros (once per rule set)."""
        entry = self._compiled.get(id(signals))
        if entry is None or entry[0] is not signals:
            macros = tuple(sorted(self.blueprint.macros.items()))
            entry = self._compiled[id(signals)] = (
                signals,
                compile_signals_cached(signals, macros, self.source(rule_id)),
            )
        return entry[1]

    def element(self, element_id: str) -> ElementRule:
        return next(e for e in self.elements if e.id == element_id)

    def wording_rule(self, wording_id: str) -> Wording:
        return next(w for w in self.wording if w.id == wording_id)

    def source(self, rule_id: str, default: str | None = None) -> Path:
        """The file a rule came from, for error messages and compiled-pattern caches; rules built in code
        have none and are named by ``default`` or their id. (No Path is built when the file is known: the
        engine asks for every rule of every review.)"""
        return self.sources.get(rule_id) or Path(default or rule_id)


def _line_of(node: yaml.Node | None, loc: Iterable[int | str]) -> int | None:
    """1-based line of the YAML node at pydantic error location ``loc``."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            match = node.value[key]
        else:
            match = None
        if match is None:
            break
        node, line = match, match.start_mark.line + 1
    return line


# libyaml's loader is about ten times faster; the pure-Python one is the fallback where it is not built.
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RuleLoader(_BASE_LOADER):  # type: ignore[misc]
    """Safe loading that refuses duplicate keys: in a rule file the second one silently wins otherwise."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _yaml_error_line(text: str, exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)  # reader errors (control characters) give an offset
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


def _read_model(path: Path, model: type[M]) -> M:
    text = ""
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = yaml.load(text, Loader=_RuleLoader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or exc
        raise RuleFileError(path, f"invalid YAML: {problem}", _yaml_error_line(text, exc)) from None
    except RecursionError:
        raise RuleFileError(path, "invalid YAML: nested too deeply") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleFileError(path, "a rule file must be a YAML mapping", 1)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RuleFileError(path, f"{where}: {first['msg']}", _error_line(text, first["loc"])) from None


def _error_line(text: str, loc: Iterable[int | str]) -> int | None:
    """Line of a validation error; the YAML is composed only now, since node marks cost time."""
    try:
        return _line_of(yaml.compose(text, Loader=yaml.SafeLoader), loc)
    except (yaml.YAMLError, RecursionError):  # a pathological file still gets its error, without a line
        return None


def _read_folder(folder: Path, model: type[M]) -> list[tuple[M, Path]]:
    if not folder.is_dir():
        return []
    return [(_read_model(path, model), path) for path in sorted(folder.glob("*.yaml"))]


def _digest(paths: Iterable[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def load_rules(folder: str | Path | None = None) -> RuleSet:
    """Load a rules folder (the default blueprint when ``folder`` is None) and validate every pattern."""
    root = Path(folder) if folder is not None else default_rules_dir()
    blueprint_path = root / "blueprint.yaml"
    if not blueprint_path.is_file():
        raise RuleFileError(root, "not a rules folder: blueprint.yaml is missing")
    blueprint = _read_model(blueprint_path, BlueprintFile)
    base = load_rules(None) if blueprint.extends == "default" else None
    elements = _read_folder(root / "elements", ElementRule)
    clauses = _read_folder(root / "clauses", ClauseRule)
    wording = _read_folder(root / "wording", Wording)
    sources = {rule.id: path for rule, path in elements}
    sources.update({rule.id: path for rule, path in clauses})
    sources.update({rule.id: path for rule, path in wording})
    ruleset = _merge(base, blueprint, elements, clauses, wording, sources)
    _validate(ruleset)
    model_path = root / SENTENCE_MODEL_FILE
    models = SentenceModels(base.sentence_model, base.clause_model) if base is not None else None
    if model_path.is_file():  # a folder's own model replaces the one it extends
        element_ids, clause_ids = {e.id for e in ruleset.elements}, {c.id for c in ruleset.clauses}
        models = read_sentence_model(model_path, element_ids, clause_ids)
    model = models.elements if models is not None else None
    files = [blueprint_path, *sources.values(), *([Path(model.path)] if model is not None else [])]
    digest = _digest(files) if base is None else _digest([*files, *base.sources.values()])
    return RuleSet(
        ruleset.blueprint,
        ruleset.elements,
        ruleset.clauses,
        ruleset.wording,
        ruleset.sources,
        digest,
        model,
        blueprint_path,
        clause_model=models.clauses if models is not None else None,
    )


def _merge(
    base: RuleSet | None,
    blueprint: BlueprintFile,
    elements: list[tuple[ElementRule, Path]],
    clauses: list[tuple[ClauseRule, Path]],
    wording: list[tuple[Wording, Path]],
    sources: dict[str, Path],
) -> RuleSet:
    """Own rules override same-id base rules; ``drop`` removes ids; element order follows the blueprint."""
    dropped = set(blueprint.drop)

    def combine(own: list[tuple[Any, Path]], inherited: tuple[Any, ...]) -> dict[str, Any]:
        merged = {rule.id: rule for rule in inherited if rule.id not in dropped}
        merged.update({rule.id: rule for rule, _ in own if rule.id not in dropped})
        return merged

    element_map = combine(elements, base.elements if base else ())
    order = list(blueprint.elements) or ([e.id for e in base.elements] if base else sorted(element_map))
    order = [e for e in order if e in element_map] + [e for e in element_map if e not in order]
    pillars = {**(base.blueprint.pillars if base else {}), **blueprint.pillars}
    macros = {**(base.blueprint.macros if base else {}), **blueprint.macros}
    merged_blueprint = blueprint.model_copy(
        update={"pillars": pillars, "macros": macros, "elements": tuple(order)}
    )
    all_sources = {**(base.sources if base else {}), **sources}
    return RuleSet(
        merged_blueprint,
        tuple(element_map[e] for e in order),
        tuple(combine(clauses, base.clauses if base else ()).values()),
        tuple(combine(wording, base.wording if base else ()).values()),
        all_sources,
    )


def _validate(ruleset: RuleSet) -> None:
    """Cross-file checks: references resolve, every pattern parses (patterns compile on first use)."""
    clause_ids = {c.id for c in ruleset.clauses}
    wording_ids = {w.id for w in ruleset.wording}
    macros = ruleset.blueprint.macros
    for element in ruleset.elements:
        path = ruleset.source(element.id)
        for ref in element.wording:
            if ref not in wording_ids:
                raise RuleFileError(path, f"wording '{ref}' is not defined in wording/")
        signal_sets = [element.detect, *(r.detect for r in element.requirements)]
        signal_sets.append(element.sentence_model.signals)
        signal_sets += [c for r in element.requirements for c in r.conditions]
        for signals in signal_sets:
            for ref in signals.clauses:
                if ref not in clause_ids:
                    raise RuleFileError(path, f"clause type '{ref}' is not defined in clauses/")
            check_signals(signals, macros, path)
        for requirement in element.requirements:
            _check_value_name(requirement.value, path)
    for rule in ruleset.clauses:
        check_signals(rule.detect, macros, ruleset.source(rule.id))
    for wording in ruleset.wording:
        check_signals(wording.detect, macros, ruleset.source(wording.id))
    for clause in ruleset.clauses:
        _check_value_name(clause.value, ruleset.source(clause.id))


def _check_value_name(name: str | None, path: Path) -> None:
    from ..valuechecks import VALUE_CHECKS  # the closed set of value checks lives in code

    if name is not None and name not in VALUE_CHECKS:
        known = ", ".join(sorted(VALUE_CHECKS))
        raise RuleFileError(path, f"unknown value check '{name}' (known: {known})")
