"""msp-contract: review managed-services contracts against a blueprint, with clause-and-page evidence.

Public API::

    import msp_contract as mc
    document = mc.load("contract.pdf")      # the located document model
    report = mc.analyze("contract.pdf")     # element-by-element review (also accepts a Document)
"""

from __future__ import annotations

import functools
from pathlib import Path

from .batch import Portfolio, analyze_many
from .config import Config
from .errors import (
    ConfigError,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FormatMismatchError,
    InputError,
    MissingFileError,
    MspContractError,
    NotAFileError,
    NoTextLayerError,
    ResourceLimitError,
    RuleFileError,
    UnsupportedFormatError,
)
from .limits import DEFAULT_LIMITS, Limits
from .model import Block, Document, Note, Page, Revision, Section, SourceInfo, Table, TableCell
from .report import Report
from .rulebook import RuleSet, load_rules

__version__ = "0.1.0"


def load(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse a PDF, DOCX, text or Markdown contract into a Document with its section tree."""
    from .parsers import parse
    from .structure import segment

    return segment(parse(path, limits))


def analyze(
    source: str | Path | Document,
    *,
    rules: RuleSet | str | Path | None = None,
    config: Config | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Review a contract (a path, or a Document from ``load``) against the blueprint."""
    from .engine import review
    from .rulebook.names import check_config_names

    config = config or Config()
    document = source if isinstance(source, Document) else load(source, limits=limits)
    if not isinstance(rules, RuleSet):
        rules = _rules_for(rules if rules is not None else config.rules)
    check_config_names(config, rules)
    return review(document, rules, config, timeout_seconds=limits.timeout_seconds)


@functools.lru_cache(maxsize=8)
def _cached_rules(folder: str | None) -> RuleSet:
    return load_rules(folder)


def _rules_for(folder: str | Path | None) -> RuleSet:
    return _cached_rules(str(folder) if folder is not None else None)


__all__ = [
    "DEFAULT_LIMITS",
    "Block",
    "Config",
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
    "Portfolio",
    "Report",
    "ResourceLimitError",
    "Revision",
    "RuleFileError",
    "RuleSet",
    "Section",
    "SourceInfo",
    "Table",
    "TableCell",
    "UnsupportedFormatError",
    "__version__",
    "analyze",
    "analyze_many",
    "load",
    "load_rules",
]
