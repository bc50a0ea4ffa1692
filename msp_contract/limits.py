"""Resource limits for untrusted input. Contracts come from outside the organization."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 100 * 1024 * 1024  # size of the file on disk
    max_pages: int = 2_000
    timeout_seconds: float = 120.0  # wall-clock budget for parsing one document
    max_uncompressed_bytes: int = 500 * 1024 * 1024  # DOCX: sum of member sizes (zip bomb guard)
    max_compression_ratio: float = 200.0  # DOCX: any member expanding more than this is refused


DEFAULT_LIMITS = Limits()
