"""Service-versus-cost frontier: sweep the service target and see what each level costs.

For each target (cycle service level or fill rate, e.g. 50 %–99.9 %) the buffers are planned
with that target and the scenario is simulated; all targets run in one engine call on the same
demand draws (common random numbers), so the curves are smooth and the differences between
points are due to the target alone. Per target: total cost and its parts (holding, ordering,
shortage, defects), average on hand, the achieved fill rate and cycle service level from the
simulation, and the plan's prediction (the buffers' expected fill rate and cycle service
level: the SKU's demand model under the simulated review, :mod:`jitcore.buffers.service`).

Theory (order-up-to with backorders, fixed levels): raising the target raises every level by the
extra safety stock, so on hand rises and units short fall path by path; holding cost rises,
shortage cost falls, and the total is convex in the safety stock, with its minimum where the
marginal holding cost equals the marginal shortage saving (the newsvendor critical ratio,
SPT ch. 6). Targets are spaced evenly in ``log(1 − target)`` so the steep end near 100 % gets
as many points as the flat middle.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from pydantic import Field, model_validator

from jitcore.demand import DemandData
from jitcore.forecast import ForecastResult
from jitcore.kpis import KPI_NAMES, Kpis
from jitcore.pipeline import ScenarioResult
from jitcore.scenario import Scenario
from jitcore.settings import Settings
from jitcore.tradeoffs.common import (
    ServiceTarget,
    horizon_label,
    predicted_service,
    run_unique,
    target_value,
    with_target,
    without_timelines,
)

_TOTAL = KPI_NAMES.index("total_cost")


class FrontierSettings(Settings):
    """Which service target to sweep, over which range and how finely."""

    target: ServiceTarget = Field(
        "cycle_service_level", description="the target swept: cycle_service_level or fill_rate"
    )
    low: float = Field(0.5, gt=0.0, lt=1.0, description="lowest target, e.g. 0.5 for 50 %")
    high: float = Field(0.999, gt=0.0, lt=1.0, description="highest target, e.g. 0.999")
    points: int = Field(30, ge=2, le=200, description="number of targets in the sweep")

    @model_validator(mode="after")
    def _check(self) -> FrontierSettings:
        if self.high <= self.low:
            raise ValueError("the highest target must be above the lowest")
        return self


def frontier_targets(settings: FrontierSettings) -> tuple[float, ...]:
    """``points`` targets from ``low`` to ``high``, evenly spaced in ``log(1 − target)``:
    ``p_i = 1 − (1 − low)·((1 − high)/(1 − low))^(i/(n−1))``, rounded to 6 decimals."""
    n = settings.points
    ratio = (1.0 - settings.high) / (1.0 - settings.low)
    values = [1.0 - (1.0 - settings.low) * ratio ** (i / (n - 1)) for i in range(n)]
    values[0], values[-1] = settings.low, settings.high
    return tuple(dict.fromkeys(round(v, 6) for v in values))


@dataclass(frozen=True)
class FrontierPoint:
    """One scenario's place on the frontier: ``target`` is the x position (the scenario's own
    target, or the formula's prediction when its buffers use another method: ``on_curve``
    False)."""

    target: float
    on_curve: bool
    kpis: Kpis
    predicted_fill_rate: float
    predicted_cycle_service_level: float
    safety_stock: float  # units, summed over SKUs


def _read_only(values: Sequence[float]) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class Frontier:
    """The frontier of one scope (one SKU or a group); costs are money over the KPI window
    (``horizon``, e.g. "per year"), stock in units, service as shares (0–1).

    ``targets[i]`` and ``kpis[i]`` belong together; ``minimum`` is the index of the lowest total
    cost; ``current`` is the scenario the frontier was drawn for.
    """

    target: ServiceTarget
    targets: np.ndarray
    kpis: tuple[Kpis, ...]
    predicted_fill_rate: np.ndarray
    predicted_cycle_service_level: np.ndarray
    safety_stock: np.ndarray
    total_cost_p10: np.ndarray
    total_cost_p90: np.ndarray
    current: FrontierPoint
    skus: tuple[str, ...]
    currency: str
    horizon: str

    @property
    def minimum(self) -> int:
        """Index of the target with the lowest total cost (the first one on a tie)."""
        return int(np.argmin([k.total_cost for k in self.kpis]))

    def column(self, kpi: str) -> np.ndarray:
        """One KPI per target."""
        return np.array([getattr(k, kpi) for k in self.kpis], dtype=float)

    def frame(self) -> pd.DataFrame:
        """One row per target: ``target``, every KPI, the formula's predictions, safety stock
        and the P10/P90 of total cost across paths."""
        frame = pd.DataFrame([k.to_dict() for k in self.kpis])
        frame.insert(0, "target", self.targets)
        frame["predicted_fill_rate"] = self.predicted_fill_rate
        frame["predicted_cycle_service_level"] = self.predicted_cycle_service_level
        frame["safety_stock"] = self.safety_stock
        frame["total_cost_p10"] = self.total_cost_p10
        frame["total_cost_p90"] = self.total_cost_p90
        return frame

    def with_current(self, point: FrontierPoint) -> Frontier:
        """The same curve with another current point (e.g. after the user moved the target:
        the sweep does not depend on it, so an app can keep the curve and run one scenario)."""
        return replace(self, current=point)

    def at(self, target: float, kpi: str) -> float:
        """A KPI at ``target``, interpolated linearly between the swept targets."""
        return float(np.interp(target, self.targets, self.column(kpi)))


def _safety_stock(result: ScenarioResult) -> float:
    return float(sum(result.buffers.get(sku).safety_stock for sku in result.skus))


def frontier_point(result: ScenarioResult, target: ServiceTarget) -> FrontierPoint:
    """Where a simulated scenario sits on a frontier of ``target``."""
    fill, csl = predicted_service(result)
    own = target_value(result.scenario, target)
    x = own if own is not None else (fill if target == "fill_rate" else csl)
    return FrontierPoint(
        target=float(x),
        on_curve=own is not None,
        kpis=result.kpis,
        predicted_fill_rate=fill,
        predicted_cycle_service_level=csl,
        safety_stock=_safety_stock(result),
    )


def service_frontier(
    demand: DemandData,
    scenario: Scenario,
    settings: FrontierSettings | None = None,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> Frontier:
    """Sweep the service target of ``scenario`` over ``settings`` (one engine call, common
    random numbers) for ``skus`` (default: every SKU); the scenario itself runs in the same call
    and is marked as the current point."""
    settings = settings or FrontierSettings()
    base = without_timelines(scenario)
    targets = frontier_targets(settings)
    variants = [with_target(base, settings.target, t) for t in targets]
    results = run_unique(demand, [*variants, base], forecasts=forecasts, skus=skus)
    swept, current = results[:-1], results[-1]
    predicted = [predicted_service(r) for r in swept]
    with np.errstate(all="ignore"):
        if len({r.total_path_kpis.shape for r in swept}) == 1 and swept[0].total_path_kpis.size:
            # every variant's p10/p90 in one call (the same order statistics per row)
            costs = np.stack([r.total_path_kpis[:, _TOTAL] for r in swept])
            quantile = np.nanquantile if np.isnan(costs).any() else np.quantile
            bands = list(quantile(costs, [0.1, 0.9], axis=1).T)
        else:
            bands = [
                np.nanquantile(r.total_path_kpis[:, _TOTAL], [0.1, 0.9])
                if r.total_path_kpis.size
                else np.array([math.nan, math.nan])
                for r in swept
            ]
    return Frontier(
        target=settings.target,
        targets=_read_only(targets),
        kpis=tuple(r.kpis for r in swept),
        predicted_fill_rate=_read_only([p[0] for p in predicted]),
        predicted_cycle_service_level=_read_only([p[1] for p in predicted]),
        safety_stock=_read_only([_safety_stock(r) for r in swept]),
        total_cost_p10=_read_only([b[0] for b in bands]),
        total_cost_p90=_read_only([b[1] for b in bands]),
        current=frontier_point(current, settings.target),
        skus=current.skus,
        currency=scenario.costs.currency,
        horizon=horizon_label(current),
    )
