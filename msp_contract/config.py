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
    # Read what the rule patterns miss (elements, clause types) with the rules folder's sentence model.
    sentence_model: bool = True
    # glob -> ids ignored for matching files (an SOW need not carry the MSA's liability terms)
    per_file_ignores: dict[str, tuple[str, ...]] = Field(default_factory=dict, alias="per-file-ignores")
    waivers: str | None = None  # reviewed waivers YAML (see msp_contract.waivers)
    baseline: str | None = None  # baseline JSON of accepted fingerprints (see msp_contract.baseline)

    def for_file(self, path: str) -> Config:
        """This configuration with the ``per-file-ignores`` that match ``path`` added to ``ignore``."""
        from .config_file import path_matches

        extra = [i for glob, ids in self.per_file_ignores.items() if path_matches(glob, path) for i in ids]
        if not extra:
            return self
        return self.model_copy(update={"ignore": tuple(dict.fromkeys((*self.ignore, *extra)))})


DEFAULT_CONFIG = Config()
