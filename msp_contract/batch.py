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
    paths: tuple[str, ...] = ()  # every file of the run, as given: batch outputs keep this order

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


@dataclass(frozen=True)
class Inputs:
    """What a run reviews: the files given, and the contracts in the folders given, with what those folders
    hold that is not a contract (said, never silently dropped)."""

    files: tuple[Path, ...]
    skipped: dict[Path, tuple[Path, ...]] = field(default_factory=dict)  # folder -> files not reviewed
    empty: tuple[Path, ...] = ()  # folders holding no contract

    def notices(self) -> tuple[Notice, ...]:
        """Run warnings for a partly reviewed set: files skipped, folders without a contract."""
        notes = [
            Notice("input.skipped", f"{folder}: skipped {_listing(folder, files)}", str(folder))
            for folder, files in self.skipped.items()
            if folder not in self.empty
        ]
        notes += [
            Notice("input.empty", _nothing_in(folder, self.skipped), str(folder)) for folder in self.empty
        ]
        return tuple(notes)

    def nothing_found(self) -> str:
        """Why a run has nothing to review (an error: a CI job must not pass having read nothing)."""
        found = "; ".join(_nothing_in(folder, self.skipped) for folder in self.empty)
        return f"{found}; msp-contract reads {', '.join(CONTRACT_SUFFIXES)}"


_LISTED = 10  # skipped files named in a message; the rest are counted


def _listing(folder: Path, files: tuple[Path, ...]) -> str:
    named = [f"{path.relative_to(folder)} (unsupported format)" for path in files[:_LISTED]]
    more = f" and {len(files) - _LISTED} more" if len(files) > _LISTED else ""
    return ", ".join(named) + more


def _nothing_in(folder: Path, skipped: dict[Path, tuple[Path, ...]]) -> str:
    files = skipped.get(folder, ())
    return f"no contracts found in {folder}" + (f"; skipped {_listing(folder, files)}" if files else "")


def find_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Files as given; folders become the contracts inside them (recursively, sorted). Hidden files and
    folders (.git, .DS_Store) are neither reviewed nor reported as skipped."""
    files: list[Path] = []
    skipped: dict[Path, tuple[Path, ...]] = {}
    empty: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            files.append(path)
            continue
        inside = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(path, p))
        contracts = [p for p in inside if p.suffix.lower() in CONTRACT_SUFFIXES]
        others = tuple(p for p in inside if p.suffix.lower() not in CONTRACT_SUFFIXES)
        files += contracts
        if others:
            skipped[path] = others
        if not contracts:
            empty.append(path)
    return Inputs(tuple(files), skipped, tuple(empty))


def _hidden(folder: Path, path: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def run(
    paths: Sequence[Path],
    *,
    rules: RuleSet,
    config: Config,
    today: date | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    notices: Sequence[Notice] = (),
) -> Portfolio:
    """Load and review each file, then apply waivers and the baseline named in ``config``. ``notices``: run
    warnings found before the review (``Inputs.notices``: files the folders held that are not contracts)."""
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
    waiver_notices: list[Notice] = []
    if config.waivers:
        reports, waiver_notices = apply_waivers(
            reports, load_waivers(config.waivers), today=today or date.today()
        )
    if config.baseline:
        reports = apply_baseline(reports, load_baseline(config.baseline))
    all_notices = (*notices, *waiver_notices)
    return Portfolio(
        tuple(reports), tuple(failures), all_notices, texts, sources, tuple(str(p) for p in paths)
    )


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
    inputs = find_inputs(paths_or_folder)
    return run(
        inputs.files,
        rules=ruleset,
        config=config,
        today=today,
        progress=_progress(progress),
        limits=limits,
        notices=inputs.notices(),
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
