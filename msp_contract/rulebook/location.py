"""Where the bundled rules live, and whether a rule file is one of them."""

from __future__ import annotations

import functools
from pathlib import Path

from ..errors import RuleFileError


@functools.cache
def default_rules_dir() -> Path:
    """The packaged rules (wheel) or the repository's top-level ``rules/`` (editable install)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if (candidate / "blueprint.yaml").is_file():
            return candidate
    raise RuleFileError(here / "_rules", "default rules not found: the installation is incomplete")


@functools.lru_cache(maxsize=1024)  # asked for every pattern compiled; resolving a path is a system call
def is_bundled(path: Path) -> bool:
    """Whether ``path`` is a file of the bundled rules (which the test suite vets; a user's are not)."""
    try:
        return path.resolve().is_relative_to(default_rules_dir())
    except RuleFileError:
        return False
