"""Base class for every settings object: frozen, strict, JSON round-trippable, hashable."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    """Immutable settings with validation; unknown keys are errors (catches typos in saved files)."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)
