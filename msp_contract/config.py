"""User configuration: which rules run, how severe they are, and the policy thresholds values must meet.

Loaded from ``msp-contract.toml`` or ``[tool.msp-contract]`` in ``pyproject.toml`` (see ``load_config``);
this module holds only the validated model, so the engine never reads files itself.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    rules: str | None = None  # a rules folder replacing or extending (blueprint.yaml 'extends') the default
    select: tuple[str, ...] = ()  # element/clause/wording ids or rule names; empty = all
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)  # rule or element id -> severity
    thresholds: dict[str, float] = Field(default_factory=dict)  # policy params, e.g. availability_min_percent
    fail_on: Literal["error", "warning", "info", "never"] = "error"


DEFAULT_CONFIG = Config()
