"""Resource limits for untrusted input. Contracts come from outside the organization."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 100 * 1024 * 1024  # size of the file on disk
    max_pages: int = 2_000
    timeout_seconds: float = 120.0  # wall-clock budget for parsing one document, and again for reviewing it
    max_uncompressed_bytes: int = 500 * 1024 * 1024  # DOCX: sum of member sizes (zip bomb guard)
    max_compression_ratio: float = 200.0  # DOCX: any member expanding more than this is refused

    def __post_init__(self) -> None:
        # A limit that is not a number (a string from a config file, NaN) would fail deep inside a parser
        # with a TypeError, or silently disable the guard (every comparison with NaN is False).
        for spec in fields(self):
            value = getattr(self, spec.name)
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or math.isnan(value)
                or value < 0
            ):
                raise ConfigError(f"Limits.{spec.name} must be a number >= 0, not {value!r}")


DEFAULT_LIMITS = Limits()
