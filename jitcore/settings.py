"""Base class for every settings object: frozen, strict, JSON round-trippable, hashable.

Every number a setting holds is finite (``NaN`` and infinity are refused) and a decimal number
is at most :data:`MAX_MAGNITUDE` in size: larger costs, quantities or covers mean nothing on
this scale and overflow in the formulas (a cover of 1e308 days times the demand is infinite).
Whole numbers (counts, horizons, seeds) carry their own bounds in each field.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

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
