"""Typed errors. Every user-facing failure is one of these, never a bare traceback.

The CLI maps any ``MspContractError`` to exit code 2 and prints ``str(error)``, so each message names the
file and says what the user can do about it.
"""

from __future__ import annotations

from pathlib import Path


class MspContractError(Exception):
    """Base class of every error this library raises on purpose."""


class InputError(MspContractError):
    """A contract file could not be read. ``path`` names it; the message says why and what to do."""

    reason = "cannot be read"

    def __init__(self, path: str | Path, detail: str = "", hint: str = "") -> None:
        self.path = str(path)
        self.detail = detail
        self.hint = hint
        message = f"{self.path}: {self.reason}"
        if detail:
            message += f" ({detail})"
        if hint:
            message += f"; {hint}"
        super().__init__(message)


class MissingFileError(InputError):
    reason = "no such file"


class NotAFileError(InputError):
    reason = "is a directory, not a file"


class EmptyFileError(InputError):
    reason = "the file is empty"


class UnsupportedFormatError(InputError):
    reason = "unsupported file format"


class FormatMismatchError(InputError):
    reason = "content does not match the file extension"


class CorruptFileError(InputError):
    reason = "the file is corrupt or truncated"


class EncryptedFileError(InputError):
    reason = "the PDF is encrypted with a password"


class NoTextLayerError(InputError):
    reason = "no text layer"


class ResourceLimitError(InputError):
    reason = "exceeds a configured limit"


class RuleFileError(MspContractError):
    """A rule file is invalid. The message points at the file and, where known, the line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        location = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{location}: {message}")


class ConfigError(MspContractError):
    """The user's configuration (msp-contract.toml, [tool.msp-contract], waivers) is invalid."""
