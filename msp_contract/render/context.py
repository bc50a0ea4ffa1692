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

    def pillar_name(self, pillar: int | str) -> str:
        number = int(pillar)
        return self.pillars.get(number, f"Pillar {number}")

    def line_of(self, path: str, offset: int) -> int | None:
        """1-based line of ``offset`` in the document's canonical text, when the text is known."""
        text = self.texts.get(path)
        if text is None:
            return None
        return text.count("\n", 0, max(0, min(offset, len(text)))) + 1


EMPTY_CONTEXT = RunContext()
