"""msp-contract: review managed-services contracts against a blueprint, with clause-and-page evidence.

Public API::

    import msp_contract as mc
    document = mc.load("contract.pdf")      # the located document model
    report = mc.analyze("contract.pdf")     # element-by-element review (also accepts a Document)
"""

from __future__ import annotations

from pathlib import Path

from .errors import (
    ConfigError,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FormatMismatchError,
    InputError,
    MissingFileError,
    MspContractError,
    NoTextLayerError,
    NotAFileError,
    ResourceLimitError,
    RuleFileError,
    UnsupportedFormatError,
)
from .limits import DEFAULT_LIMITS, Limits
from .model import Block, Document, Note, Page, Revision, Section, SourceInfo, Table, TableCell

__version__ = "0.1.0"


def load(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse a PDF, DOCX, text or Markdown contract into a Document with its section tree."""
    from .parsers import parse
    from .structure import segment

    return segment(parse(path, limits))


__all__ = [
    "DEFAULT_LIMITS",
    "Block",
    "ConfigError",
    "CorruptFileError",
    "Document",
    "EmptyFileError",
    "EncryptedFileError",
    "FormatMismatchError",
    "InputError",
    "Limits",
    "MissingFileError",
    "MspContractError",
    "NoTextLayerError",
    "NotAFileError",
    "Note",
    "Page",
    "ResourceLimitError",
    "Revision",
    "RuleFileError",
    "Section",
    "SourceInfo",
    "Table",
    "TableCell",
    "UnsupportedFormatError",
    "__version__",
    "load",
]
