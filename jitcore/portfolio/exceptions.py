"""Exceptions: the SKUs a planner should look at first, each with the rule it breaks.

Rules (thresholds in :class:`ExceptionSettings`):

* **below target** — simulated service more than ``below_target_points`` under the SKU's target;
* **excess stock** — more than ``excess_cover_days`` days of supply on average;
* **slow mover** — fewer than ``slow_turns`` inventory turns a year, or no demand in at least
  ``slow_zero_share`` of the periods;
* **calibration** — flagged by :mod:`jitcore.calibration` (the plan's target and what the
  simulation achieves differ by more than its flag threshold), when a calibration was run.
"""

from __future__ import annotations

import math

import pandas as pd
from pydantic import Field

from jitcore.calibration import CalibrationTable
from jitcore.formatting import percent
from jitcore.settings import Settings

#: Exception kinds in the order they are listed.
EXCEPTION_KINDS: dict[str, str] = {
    "below_target": "Below target",
    "excess_stock": "Excess stock",
    "slow_mover": "Slow mover",
    "calibration": "Calibration flag",
}


class ExceptionSettings(Settings):
    """Thresholds of the exception rules."""

    below_target_points: float = Field(
        2.0, ge=0.0, le=50.0, description="points of service under target that count as a miss"
    )
    excess_cover_days: float = Field(
        90.0, gt=0.0, description="days of supply above which stock counts as excess"
    )
    slow_turns: float = Field(
        2.0, ge=0.0, description="inventory turns a year below which a SKU is slow"
    )
    slow_zero_share: float = Field(
        0.5, gt=0.0, le=1.0, description="share of periods without demand that makes a SKU slow"
    )


def exceptions(
    table: pd.DataFrame,
    settings: ExceptionSettings | None = None,
    calibration: CalibrationTable | None = None,
) -> pd.DataFrame:
    """One row per SKU × broken rule: ``sku``, ``kind`` (a key of :data:`EXCEPTION_KINDS`),
    ``label`` and ``detail`` (the numbers behind it), in the table's SKU order."""
    s = settings or ExceptionSettings()
    flagged = set(calibration.flagged) if calibration is not None else set()
    records = []
    for row in table.itertuples(index=False):
        found = []
        known = math.isfinite(row.target) and math.isfinite(row.achieved)
        if known and row.achieved < row.target - s.below_target_points / 100.0:
            detail = f"{percent(row.achieved)} against a target of {percent(row.target)}"
            found.append(("below_target", detail))
        if math.isfinite(row.cover_days) and row.cover_days > s.excess_cover_days:
            found.append(("excess_stock", f"{row.cover_days:,.0f} days of supply"))
        slow_turns = math.isfinite(row.inventory_turns) and row.inventory_turns < s.slow_turns
        if slow_turns or row.zero_share >= s.slow_zero_share:
            found.append(("slow_mover", f"{row.inventory_turns:.1f} turns a year, no demand in "
                          f"{percent(row.zero_share, 0)} of periods"))  # fmt: skip
        if row.sku in flagged:
            found.append(("calibration", "simulated service far from the plan's target"))
        records += [
            {"sku": row.sku, "kind": kind, "label": EXCEPTION_KINDS[kind], "detail": detail}
            for kind, detail in found
        ]
    return pd.DataFrame(records, columns=["sku", "kind", "label", "detail"])
