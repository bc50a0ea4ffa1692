"""Find and read the user's configuration: ``msp-contract.toml``, ``.msp-contract.toml`` or
``[tool.msp-contract]`` in ``pyproject.toml``, searched from the current directory upward (ruff's rule:
the nearest file wins, CLI flags override it).

Keys are spelled with hyphens in TOML (``fail-on``, ``per-file-ignores``) and map onto ``Config``. Paths in
the file (rules, waivers, baseline) are relative to the file's folder, so a config works from any cwd.
"""

from __future__ import annotations

import contextlib
import fnmatch
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from .config import Config
from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

CONFIG_NAMES = ("msp-contract.toml", ".msp-contract.toml")
TOOL_KEY = "msp-contract"
_PATH_KEYS = ("rules", "waivers", "baseline")


@dataclass(frozen=True)
class LoadedConfig:
    config: Config
    source: Path | None  # the file it came from; None = built-in defaults


def path_matches(pattern: str, path: str | Path) -> bool:
    """Glob match for config and waiver patterns: against the path as given, relative to the cwd, and
    the bare file name, so ``sow-*.md``, ``contracts/*.md`` and ``**/sow-*.md`` all do what people expect."""
    given = PurePosixPath(Path(path).as_posix())
    candidates = {str(given), given.name}
    with contextlib.suppress(ValueError):  # outside the cwd: the other candidates still apply
        candidates.add(Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix())
    patterns = {pattern, pattern[3:]} if pattern.startswith("**/") else {pattern}
    return any(fnmatch.fnmatchcase(c, p) for c in candidates for p in patterns)


def discover(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (default: cwd) upward, or None."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and TOOL_KEY in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: str | Path | None = None, *, start: Path | None = None) -> LoadedConfig:
    """Read ``path`` (or the discovered file) into a validated ``Config``; defaults when there is none."""
    source = Path(path) if path is not None else discover(start)
    if source is None:
        return LoadedConfig(Config(), None)
    if not source.is_file():
        raise ConfigError(f"{source}: configuration file not found")
    data = _read_toml(source)
    if source.name == "pyproject.toml":
        data = data.get("tool", {}).get(TOOL_KEY, {})
    return LoadedConfig(config_from_mapping(data, source), source)


def config_from_mapping(data: dict[str, Any], source: Path) -> Config:
    """Validate a config table; errors name the file and the key."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the configuration must be a table")
    values = {key.replace("-", "_"): value for key, value in data.items()}
    if "per_file_ignores" in values:
        values["per-file-ignores"] = values.pop("per_file_ignores")
    for key in _PATH_KEYS:
        if isinstance(values.get(key), str):
            values[key] = str((source.parent / values[key]).resolve())
    try:
        return Config.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        # Top-level keys are spelled with hyphens in TOML; nested keys are ids and stay as written.
        parts = [str(part) for part in first["loc"]]
        where = ".".join([parts[0].replace("_", "-"), *parts[1:]]) if parts else "(top level)"
        raise ConfigError(f"{source}: key '{where}': {first['msg']}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
