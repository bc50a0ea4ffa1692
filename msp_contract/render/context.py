"""What a renderer may know beyond the reports: files that failed, run-level notices, pillar names and the
document texts (to turn character offsets into line numbers for CI formats)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_PILLARS: Mapping[int, str] = {
    1: "Business objectives and engagement model",
    2: "SLAs, KPIs and governance",
    3: "Risk and compliance (DR/BCP, exit)",
}


@dataclass(frozen=True)
class FileFailure:
    """A contract that could not be read: the others in the run still go ahead."""

    path: str
    type: str  # the error class, e.g. "EncryptedFileError"
    message: str

    @property
    def reason(self) -> str:
        """The message without its leading "path: ", for lists that already name the file."""
        prefix = f"{self.path}: "
        return self.message[len(prefix) :] if self.message.startswith(prefix) else self.message

    def record(self) -> dict[str, object]:
        return {"path": self.path, "error": {"type": self.type, "message": self.message}}


@dataclass(frozen=True)
class Notice:
    """A run-level warning that is not about one contract, e.g. an unused or expired waiver."""

    code: str  # "waiver.unused", "waiver.expired"
    message: str
    source: str | None = None  # the file it concerns (waivers file)

    def record(self) -> dict[str, object]:
        return {"warning": {"code": self.code, "message": self.message, "source": self.source}}


@dataclass(frozen=True)
class RunContext:
    failures: tuple[FileFailure, ...] = ()
    notices: tuple[Notice, ...] = ()
    pillars: Mapping[int, str] = field(default_factory=lambda: dict(DEFAULT_PILLARS))
    texts: Mapping[str, str] = field(default_factory=dict)  # document path -> canonical text
    rule_titles: Mapping[str, str] = field(default_factory=dict)  # element id -> title (all rules, for SARIF)
    paths: tuple[str, ...] = ()  # the run's files in the order given: batch records keep it
    job_summary: bool = False  # the full review also goes to the GitHub job summary ($GITHUB_STEP_SUMMARY)

    def pillar_name(self, pillar: int | str) -> str:
        number = int(pillar)
        return self.pillars.get(number, f"Pillar {number}")

    sources: Mapping[str, str] = field(default_factory=dict)  # path -> raw file text (text/Markdown only)

    def line_of(self, path: str, offset: int, quote: str = "") -> int | None:
        """1-based line for a finding: in the source file when it is plain text or Markdown and the quote is
        found there (so editors and CI annotations land on the right line), else in the canonical text."""
        source = self.sources.get(path)
        text = self.texts.get(path)
        if source is not None and quote:
            position = _find_near(source, quote, offset / max(len(text or source), 1))
            if position is not None:
                return source.count("\n", 0, position) + 1
        if text is None:
            return None
        return text.count("\n", 0, max(0, min(offset, len(text)))) + 1


def _find_near(haystack: str, quote: str, ratio: float) -> int | None:
    """Where the start of ``quote`` occurs in ``haystack``, preferring the occurrence nearest ``ratio``."""
    needle = quote.strip().split("\n", 1)[0][:60]
    if not needle:
        return None
    hits: list[int] = []
    start = haystack.find(needle)
    while start != -1 and len(hits) < 50:
        hits.append(start)
        start = haystack.find(needle, start + 1)
    if not hits:
        return None
    target = ratio * len(haystack)
    return min(hits, key=lambda hit: abs(hit - target))


EMPTY_CONTEXT = RunContext()
