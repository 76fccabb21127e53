"""Baseline vs what-if: two scenarios on the same demand draws, KPIs side by side with deltas.

Both scenarios run in one engine call when they share the forecast and simulation basics
(common random numbers), so a difference is the settings' doing, not the dice's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from jitcore.demand import DemandData
from jitcore.forecast import ForecastResult
from jitcore.pipeline import ScenarioResult
from jitcore.scenario import Scenario
from jitcore.tradeoffs.common import horizon_label, run_unique
from jitcore.vocabulary import KPIS

#: KPIs compared, with a plain label, the unit kind and whether higher is better
#: (None: neither, e.g. units demanded).
COMPARED: tuple[tuple[str, str, str, bool | None], ...] = tuple(
    (name, KPIS[name].label, KPIS[name].unit, KPIS[name].higher_is_better)
    for name in ("total_cost", "holding_cost", "ordering_cost", "shortage_cost", "defect_cost",
                 "fill_rate", "cycle_service_level", "average_on_hand", "days_of_supply",
                 "inventory_turns", "orders_placed", "units_short", "bullwhip")
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Comparison:
    """Both runs and their KPI table."""

    baseline: ScenarioResult
    whatif: ScenarioResult
    horizon: str

    def table(self) -> pd.DataFrame:
        """One row per KPI: ``kpi``, ``label``, ``unit``, ``baseline``, ``whatif``, ``change``
        (what-if − baseline), ``change_pct`` (relative, NaN from zero) and ``better`` (True when
        the what-if is better, False worse, None when equal or neither)."""
        rows = []
        for kpi, label, unit, _ in COMPARED:
            b = float(getattr(self.baseline.kpis, kpi))
            w = float(getattr(self.whatif.kpis, kpi))
            change, pct, better = kpi_change(kpi, b, w)
            rows.append({
                "kpi": kpi, "label": label, "unit": unit, "baseline": b, "whatif": w,
                "change": change, "change_pct": pct, "better": better,
            })  # fmt: skip
        return pd.DataFrame(rows)


def kpi_change(kpi: str, reference: float, value: float) -> tuple[float, float, bool | None]:
    """``(change, change_pct, better)`` of a KPI against a reference: ``value − reference``,
    that change relative to ``|reference|`` (NaN from zero or a missing reference), and True
    when it moves the KPI's better way (:data:`jitcore.vocabulary.KPIS`), False the other way,
    None when equal (within 1e-12) or when neither way is better (orders placed)."""
    higher = KPIS[kpi].higher_is_better
    change = value - reference
    pct = change / abs(reference) if reference and math.isfinite(reference) else math.nan
    better = None
    if higher is not None and math.isfinite(change) and abs(change) > 1e-12:
        better = (change > 0) == higher
    return change, pct, better


def compare(
    demand: DemandData,
    baseline: Scenario,
    whatif: Scenario,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    whatif_forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> Comparison:
    """Run ``baseline`` and ``whatif`` for ``skus``: one engine call when they share the demand
    draws. ``forecasts`` are for the baseline's forecast settings (and the what-if's when they
    are the same); ``whatif_forecasts`` for the what-if's when its forecast settings differ."""
    if baseline.forecast == whatif.forecast:
        base, other = run_unique(demand, [baseline, whatif], forecasts=forecasts, skus=skus)
    else:
        (base,) = run_unique(demand, [baseline], forecasts=forecasts, skus=skus)
        (other,) = run_unique(demand, [whatif], forecasts=whatif_forecasts, skus=skus)
    return Comparison(base, other, horizon_label(base))
