"""Two-way view: a KPI over every combination of two settings (a heatmap).

The default pair is service target × lead time: how much a shorter lead time is worth at each
service level. Every combination runs in one engine call on the same random draws, so
neighbouring cells differ only by their settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult
from jitcore.kpis import KPI_NAMES, Kpis
from jitcore.scenario import Scenario
from jitcore.tradeoffs.common import (
    ServiceTarget,
    horizon_label,
    run_unique,
    service_target,
    with_target,
    without_timelines,
)
from jitcore.vocabulary import SERVICE_TARGETS

#: Service targets of the default grid.
DEFAULT_TARGETS: tuple[float, ...] = (0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995)


@dataclass(frozen=True)
class Axis:
    """One side of the grid: a setting (dotted path, or ``target:<service target>``), its
    values and a label with units."""

    setting: str
    values: tuple[Any, ...]
    label: str

    def apply(self, scenario: Scenario, value: Any) -> Scenario:
        if self.setting.startswith("target:"):
            target: ServiceTarget = self.setting.split(":", 1)[1]  # type: ignore[assignment]
            return with_target(scenario, target, value)
        return scenario.with_setting(self.setting, value)


def service_axis(scenario: Scenario, targets: Sequence[float] = DEFAULT_TARGETS) -> Axis:
    """Service targets of the scenario's own kind (cycle service level or fill rate)."""
    target = service_target(scenario)
    return Axis(f"target:{target}", tuple(targets), f"{SERVICE_TARGETS[target]} target (%)")


def lead_time_axis(scenario: Scenario, values: Sequence[int] | None = None) -> Axis:
    """Lead times in periods; by default 0 to ``max(2L, L + 4)``, at most 13 values."""
    if values is None:
        lead = scenario.supply.lead_time
        top = max(2 * lead, lead + 4)
        step = max(1, int(np.ceil((top + 1) / 13)))
        values = list(range(0, top + 1, step))
        if lead not in values:
            values = sorted({*values, lead})
    return Axis("supply.lead_time", tuple(int(v) for v in values), "Lead time (periods)")


@dataclass(frozen=True, eq=False)
class TwoWayGrid:
    """KPIs on ``rows.values × columns.values``; ``kpis[i][j]`` for row i, column j.

    ``current``: the (row, column) index of the scenario's own values when both are on the
    grid, else None.
    """

    rows: Axis
    columns: Axis
    kpis: tuple[tuple[Kpis, ...], ...]
    current: tuple[int, int] | None
    skus: tuple[str, ...]
    currency: str
    horizon: str

    def matrix(self, kpi: str) -> np.ndarray:
        """``[row, column]`` values of one KPI (read-only)."""
        if kpi not in KPI_NAMES:
            raise ValueError(f"unknown KPI {kpi!r}")
        values = np.array([[getattr(k, kpi) for k in row] for row in self.kpis], dtype=float)
        values.flags.writeable = False
        return values


def _current_index(axis: Axis, scenario: Scenario) -> int | None:
    for i, value in enumerate(axis.values):
        if axis.apply(scenario, value) == scenario:
            return i
    return None


def two_way(
    demand: DemandData,
    scenario: Scenario,
    rows: Axis,
    columns: Axis,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> TwoWayGrid:
    """Simulate every (row, column) combination in one engine call for ``skus``."""
    if not rows.values or not columns.values:
        raise JitError("Each side of the grid needs at least one value.", "Add values.")
    if len(rows.values) * len(columns.values) > 400:
        raise JitError("The grid has more than 400 cells.", "Use fewer values on each side.")
    base = without_timelines(scenario)
    variants = [columns.apply(rows.apply(base, r), c) for r in rows.values for c in columns.values]
    results = run_unique(demand, variants, forecasts=forecasts, skus=skus)
    width = len(columns.values)
    kpis = tuple(
        tuple(r.kpis for r in results[i * width : (i + 1) * width]) for i in range(len(rows.values))
    )
    row, column = _current_index(rows, base), _current_index(columns, base)
    return TwoWayGrid(
        rows=rows,
        columns=columns,
        kpis=kpis,
        current=None if row is None or column is None else (row, column),
        skus=results[0].skus,
        currency=scenario.costs.currency,
        horizon=horizon_label(results[0]),
    )
