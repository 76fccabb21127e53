"""Base class for every settings object: frozen, strict, JSON round-trippable, hashable.

Every number a setting holds is finite (``NaN`` and infinity are refused) and a decimal number
is at most :data:`MAX_MAGNITUDE` in size: larger costs, quantities or covers mean nothing on
this scale and overflow in the formulas (a cover of 1e308 days times the demand is infinite).
Whole numbers (counts, horizons, seeds) carry their own bounds in each field.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: Largest size of a decimal setting: a trillion (units, money or periods).
MAX_MAGNITUDE = 1e12


class Settings(BaseModel):
    """Immutable settings with validation; unknown keys are errors (catches typos in saved files)."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_default=True, allow_inf_nan=False
    )

    @field_validator("*", mode="after")
    @classmethod
    def _bounded(cls, value: Any) -> Any:
        numbers = value if isinstance(value, tuple) else (value,)
        for number in numbers:
            if isinstance(number, float) and abs(number) > MAX_MAGNITUDE:
                raise ValueError(f"it must be at most {MAX_MAGNITUDE:,.0f} in size")
        return value


# Field factories for the bounds that recur across the settings classes; each returns a
# pydantic ``Field`` with the description (the settings' documentation and JSON schema).


def share(default: Any, description: str, *, high: float = 1.0, positive: bool = False) -> Any:
    """A share or probability from 0 to ``high`` (1 = all); ``positive``: above 0."""
    low = {"gt": 0.0} if positive else {"ge": 0.0}
    return Field(default, **low, le=high, description=description)


def target(default: float, description: str) -> Any:
    """A service target, strictly between 0 and 1 (0.95 = 95 %)."""
    return Field(default, gt=0.0, lt=1.0, description=description)


def amount(
    default: Any, description: str, *, high: float | None = None, positive: bool = False
) -> Any:
    """Units, money or periods, never negative (``positive``: above 0), at most ``high``;
    ``None`` as the default means empty (unlimited or derived, as the description says)."""
    bounds: dict[str, float] = {"gt": 0.0} if positive else {"ge": 0.0}
    if high is not None:
        bounds["le"] = high
    return Field(default, **bounds, description=description)


def whole(default: Any, description: str, *, low: int, high: int) -> Any:
    """A whole number (a count of periods, cards, paths, …) from ``low`` to ``high``."""
    return Field(default, ge=low, le=high, description=description)
