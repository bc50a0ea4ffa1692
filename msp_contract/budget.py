"""The time budget of the review in progress: one deadline shared by rule matching and value extraction.

Rule patterns run on the ``regex`` engine with per-call timeouts (rulebook/patterns.py); the value
extractors (msp_contract.values) use the stdlib ``re`` module, which has none. Both check this deadline
between units of work (a pattern call, a sentence), so ``Limits.timeout_seconds`` bounds the whole review
and not only its rule matching. Outside a review no deadline is set and the checks cost one lookup.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import TypeVar

# The per-document time budget of the review in progress (monotonic deadline), if any.
DEADLINE: ContextVar[float | None] = ContextVar("msp_contract_review_deadline", default=None)

T = TypeVar("T")


class DeadlineExceeded(Exception):
    """The review's time budget ran out; the engine reports it as a ResourceLimitError for the document."""


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Bound the work done inside the block by one shared deadline (None or 0: no budget)."""
    token = DEADLINE.set(time.monotonic() + seconds if seconds else None)
    try:
        yield
    finally:
        DEADLINE.reset(token)


def check_deadline() -> None:
    """Raise DeadlineExceeded when the budget of the review in progress has run out."""
    deadline = DEADLINE.get()
    if deadline is not None and time.monotonic() >= deadline:
        raise DeadlineExceeded


def within_budget(items: Iterable[T]) -> Iterator[T]:
    """``items``, checking the deadline before each: for loops over sentences whose bodies run stdlib
    regexes, which cannot be interrupted from inside."""
    for item in items:
        check_deadline()
        yield item
