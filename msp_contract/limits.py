"""Resource limits for untrusted input. Contracts come from outside the organization."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, fields

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 100 * 1024 * 1024  # size of the file on disk
    max_pages: int = 2_000
    # Wall-clock budget for parsing one document, and again for reviewing it; 0 means no budget.
    timeout_seconds: float = 120.0
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

    def out_of_time(self, started: float) -> bool:
        """Whether work begun at ``started`` (time.monotonic()) has used up ``timeout_seconds``; never with
        a budget of 0, which means none, as it does for the review (budget.time_budget)."""
        return bool(self.timeout_seconds) and time.monotonic() - started > self.timeout_seconds


DEFAULT_LIMITS = Limits()
