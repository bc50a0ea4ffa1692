"""Review many contracts in one go: the engine behind ``msp-contract check`` and ``analyze_many``.

One unreadable file never stops the run: it becomes a ``FileFailure`` and the others are still reviewed.
Waivers and the baseline are applied here so the CLI and notebooks see the same statuses.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import MspContractError
from .limits import DEFAULT_LIMITS, Limits
from .render.context import FileFailure, Notice
from .report import Report

if TYPE_CHECKING:
    from .rulebook import RuleSet

CONTRACT_SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".txt")
Progress = Callable[[int, int, str], None]  # (done, total, current path)


@dataclass(frozen=True)
class Portfolio:
    """The reviews of a set of contracts, the files that failed, and run-level notices."""

    reports: tuple[Report, ...]
    failures: tuple[FileFailure, ...] = ()
    notices: tuple[Notice, ...] = ()
    texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # canonical texts
    sources: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # raw text/Markdown

    def statuses(self) -> dict[str, dict[str, str]]:
        """Contract path -> element id -> status."""
        return {r.document.path: dict(r.statuses()) for r in self.reports}

    def exit_code(self, fail_on: str = "error") -> int:
        if self.failures:
            return 2
        return max((r.exit_code(fail_on) for r in self.reports), default=0)

    def to_pandas(self) -> Any:
        """Contracts × elements status matrix (needs ``pip install msp-contract[pandas]``)."""
        from .display import portfolio_frame

        return portfolio_frame(self)

    def _repr_html_(self) -> str:
        from .display import portfolio_html

        html: str = portfolio_html(self)
        return html

    def __repr__(self) -> str:
        return f"<Portfolio: {len(self.reports)} reviewed, {len(self.failures)} failed>"


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders become the contracts inside them (recursively, sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in CONTRACT_SUFFIXES)
        else:
            out.append(path)
    return out


def run(
    paths: Sequence[Path],
    *,
    rules: RuleSet,
    config: Config,
    today: date | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Portfolio:
    """Load and review each file, then apply waivers and the baseline named in ``config``."""
    from . import analyze, load
    from .baseline import apply_baseline, load_baseline
    from .waivers import apply_waivers, load_waivers

    reports: list[Report] = []
    failures: list[FileFailure] = []
    texts: dict[str, str] = {}
    sources: dict[str, str] = {}
    for done, path in enumerate(paths):
        if progress:
            progress(done, len(paths), str(path))
        try:
            document = load(path, limits=limits)
            report = analyze(document, rules=rules, config=config.for_file(str(path)), limits=limits)
        except MspContractError as exc:
            failures.append(FileFailure(str(path), type(exc).__name__, str(exc)))
            continue
        except Exception as exc:  # a defect of ours must not lose the other files of the batch
            message = (
                f"{path}: internal error while reviewing ({type(exc).__name__}: {exc}); please report it"
            )
            failures.append(FileFailure(str(path), "InternalError", message))
            continue
        texts[document.source.path] = document.text
        if document.source.format in ("txt", "markdown"):  # CI line numbers can then point into the file
            sources[document.source.path] = path.read_text(encoding="utf-8", errors="replace")
        reports.append(report)
    if progress:
        progress(len(paths), len(paths), "")
    notices: list[Notice] = []
    if config.waivers:
        reports, notices = apply_waivers(reports, load_waivers(config.waivers), today=today or date.today())
    if config.baseline:
        reports = apply_baseline(reports, load_baseline(config.baseline))
    return Portfolio(tuple(reports), tuple(failures), tuple(notices), texts, sources)


def analyze_many(
    paths_or_folder: str | Path | Iterable[str | Path],
    *,
    rules: RuleSet | str | Path | None = None,
    config: Config | None = None,
    progress: bool | Progress | None = None,
    today: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Portfolio:
    """Review every contract in a folder (or a list of paths); unreadable files are listed, not raised.

    ``progress``: None (auto: on for an interactive terminal or notebook, off under CI), True, False, or a
    callable ``(done, total, path)``. ``limits`` bound each file's size, pages and review time.
    """
    from . import _rules_for
    from .rulebook import RuleSet

    config = config or Config()
    if isinstance(paths_or_folder, (str, Path)):
        paths_or_folder = [paths_or_folder]
    ruleset = (
        rules if isinstance(rules, RuleSet) else _rules_for(rules if rules is not None else config.rules)
    )
    return run(
        expand(paths_or_folder),
        rules=ruleset,
        config=config,
        today=today,
        progress=_progress(progress),
        limits=limits,
    )


def _progress(choice: bool | Progress | None) -> Progress | None:
    if callable(choice):
        return choice
    if choice is False or (choice is None and not _interactive()):
        return None
    return _notebook_progress() if _in_ipython() else _terminal_progress


def _terminal_progress(done: int, total: int, path: str) -> None:
    # Plain carriage-return text: no dependency, and a log file (non-TTY) never gets here.
    end = "\n" if done >= total else ""
    name = Path(path).name if path else "done"
    sys.stderr.write(f"\rreviewing {done}/{total} {name[:60]:<60}{end}")
    sys.stderr.flush()


def _notebook_progress() -> Progress:
    """One display handle updated in place: works in any notebook front end, no ipywidgets needed."""
    from IPython.display import display

    handle = display("", display_id=True)  # type: ignore[no-untyped-call, unused-ignore]

    def update(done: int, total: int, path: str) -> None:
        text = f"reviewed {done}/{total}" + (f" — {Path(path).name}" if path else "")
        if handle is not None:
            handle.update(text)

    return update


def _interactive() -> bool:
    if os.environ.get("CI"):
        return False
    return _in_ipython() or sys.stderr.isatty()


def _in_ipython() -> bool:
    try:
        from IPython.core.getipython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None  # type: ignore[no-untyped-call, unused-ignore]
