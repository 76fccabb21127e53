"""Scaled demand inputs and one engine call over several prepared demand sets.

The scenario has no setting for "demand 10 % higher" or "demand 20 % more variable"; these act
on the prepared demand (:class:`~jitcore.pipeline.PreparedDemand`) instead, so the forecast is
not fitted again and every variant keeps the same random draws:

* level ``a``: demand, forecast, mean demand, demand σ and forecast-error σ all × ``a``;
* variability ``b``: each demand's deviation from its expected size × ``b``,
  ``demand' = max(c + b·(demand − c), 0)`` for periods with demand, where ``c = f / p`` is the
  forecast per period divided by the SKU's share ``p`` of periods with demand (``c = f`` for
  smooth items); periods without demand stay at zero, so an intermittent item keeps its
  pattern of when demand occurs and the mean stays ``p·c = f`` (the floor at zero raises it a
  little when ``b > 1`` on low-volume items). The plan's demand and forecast-error σ are scaled
  by the measured ratio of the σ of ``demand − f`` after and before, per SKU: ``b`` for smooth
  items, less for intermittent ones, whose zeros keep part of the variability.

The buffers are planned again from the scaled statistics, as if the data had been so.
:func:`run_prepared` simulates any list of (prepared demand, scenario) pairs in one engine call
by stacking the demand and forecast matrices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from jitcore.buffers import BufferTable, SkuDemandStats
from jitcore.demand import PERIODS_PER_YEAR
from jitcore.demand_model import DemandModel
from jitcore.engine import simulate
from jitcore.errors import JitError
from jitcore.kpis import Kpis, kpis_from_sums, lane_sums
from jitcore.lanes import LaneSet
from jitcore.pipeline import DAYS_PER_PERIOD, PreparedDemand, build_lanes, plan_buffers
from jitcore.scenario import Scenario


def _scaled_error(
    function: Callable[[float], float] | None, factor: float
) -> Callable[[float], float] | None:
    if function is None:
        return None
    return lambda periods: factor * function(periods)


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _forecast_rows(prepared: PreparedDemand) -> np.ndarray:
    """The forecast row (SKU) of each demand row."""
    rows = np.arange(prepared.demand.shape[0])
    return rows if prepared.replay else rows // prepared.paths


def scale_demand(
    prepared: PreparedDemand, *, level: float = 1.0, variability: float = 1.0
) -> PreparedDemand:
    """Prepared demand with its level × ``level`` and its variability × ``variability``."""
    if level < 0 or variability < 0:
        raise JitError("A demand scale must not be negative.", "Use e.g. 0.9 or 1.1.")
    if level == 1.0 and variability == 1.0:
        return prepared
    forecast = prepared.forecast * level
    demand = prepared.demand * level
    spread = np.ones(forecast.shape[0])
    if variability != 1.0:
        rows = _forecast_rows(prepared)
        positive = demand > 0
        before = demand - forecast[rows]
        share = np.array([positive[rows == i].mean() if np.any(rows == i) else 1.0
                          for i in range(forecast.shape[0])])  # fmt: skip
        centre = forecast[rows] / np.maximum(share, 1e-9)[rows, None]
        demand = np.where(positive, np.maximum(centre + variability * (demand - centre), 0.0), 0.0)
        after = demand - forecast[rows]
        for i in range(forecast.shape[0]):
            old_sd, new_sd = before[rows == i].std(), after[rows == i].std()
            spread[i] = new_sd / old_sd if old_sd > 0 else variability
    models = tuple(
        _scaled_model(m, level=level, variability=variability, spread=spread[i])
        for i, m in enumerate(prepared.models)
    )
    stats = tuple(
        SkuDemandStats(
            sku=s.sku,
            mean_demand=s.mean_demand * level,
            demand_sd=s.demand_sd * level * spread[i],
            forecast_error_sd=_scaled_error(s.forecast_error_sd, level * spread[i]),
            model=models[i],
        )
        for i, s in enumerate(prepared.stats)
    )
    return replace(
        prepared,
        demand=_read_only(demand),
        forecast=_read_only(forecast),
        ahead=_read_only(prepared.ahead * level),
        stats=stats,
        models=models,
    )


def _scaled_model(
    model: DemandModel, *, level: float, variability: float, spread: float
) -> DemandModel:
    """The demand model of demand scaled like :func:`scale_demand` scales the paths."""
    if model.kind == "compound":
        centre = float(model.sizes.mean()) if len(model.sizes) else 0.0
        sizes = np.maximum(centre + variability * (model.sizes - centre), 0.0) * level
        sizes.flags.writeable = False
        return replace(model, sizes=sizes, history_mean=model.history_mean * level)
    factor = spread if model.kind == "multiplicative" else level * spread
    return replace(model, sigma=model.sigma * factor)


@dataclass(frozen=True, eq=False)
class PreparedRun:
    """KPIs of one (prepared demand, scenario) pair: the scope's total and per SKU."""

    scenario: Scenario
    kpis: Kpis
    sku_kpis: tuple[Kpis, ...]
    buffers: BufferTable


def run_prepared(pairs: Sequence[tuple[PreparedDemand, Scenario]]) -> tuple[PreparedRun, ...]:
    """Simulate every pair in one engine call. The prepared sets must share SKUs, paths,
    periods and frequency, and the scenarios the seed; timelines are not kept."""
    if not pairs:
        return ()
    first, scenario0 = pairs[0]
    blocks: dict[int, tuple[int, int]] = {}
    demand_parts, forecast_parts = [], []
    offset_d = offset_f = 0
    plans, variants = [], []
    cover_parts: list[np.ndarray] = []
    offset_c = 0
    for prepared, scenario in pairs:
        if (
            prepared.skus != first.skus
            or prepared.paths != first.paths
            or prepared.demand.shape[1] != first.demand.shape[1]
            or prepared.frequency != first.frequency
            or scenario.simulation.seed != scenario0.simulation.seed
        ):
            raise JitError(
                "These variants cannot share one simulation.",
                "Keep the SKUs, paths, periods and seed the same.",
            )
        if id(prepared) not in blocks:
            blocks[id(prepared)] = (offset_d, offset_f)
            demand_parts.append(prepared.demand)
            forecast_parts.append(prepared.forecast)
            offset_d += prepared.demand.shape[0]
            offset_f += prepared.forecast.shape[0]
    for prepared, scenario in pairs:
        quiet = scenario.with_setting("simulation.timeline_paths", 0)
        plan = plan_buffers(prepared, quiet)
        variant = build_lanes(prepared, quiet, plan)
        d0, f0 = blocks[id(prepared)]
        cover_row = variant.lanes.cover_row
        if variant.cover is not None:
            cover_parts.append(variant.cover)
            cover_row = np.where(cover_row >= 0, cover_row + offset_c, -1)
            offset_c += variant.cover.shape[0]
        lanes = replace(
            variant.lanes,
            demand_row=variant.lanes.demand_row + d0,
            forecast_row=variant.lanes.forecast_row + f0,
            cover_row=cover_row,
        )
        plans.append(plan)
        variants.append((lanes, variant))
    output = simulate(
        np.concatenate(demand_parts),
        np.concatenate(forecast_parts),
        LaneSet.concat([lanes for lanes, _ in variants]),
        seed=scenario0.simulation.seed,
        cover=np.concatenate(cover_parts) if cover_parts else None,
    )
    n_sku, paths = len(first.skus), first.paths
    per_variant = n_sku * paths
    options = {
        "periods_per_year": PERIODS_PER_YEAR[first.frequency],
        "days_per_period": DAYS_PER_PERIOD[first.frequency],
    }
    runs = []
    for v, ((_, scenario), plan, (_, variant)) in enumerate(
        zip(pairs, plans, variants, strict=True)
    ):
        sums = lane_sums(
            output.accumulators[v * per_variant : (v + 1) * per_variant],
            holding_cost_per_unit_period=variant.holding,
            ordering_cost=variant.ordering,
            shortage_cost=variant.shortage,
            defect_cost=variant.defect,
        ).reshape(n_sku, paths, -1)
        sku_kpis = tuple(
            kpis_from_sums(sums[i].sum(axis=0), paths=paths, **options) for i in range(n_sku)
        )
        total = kpis_from_sums(sums.sum(axis=(0, 1)), paths=paths, **options)
        runs.append(PreparedRun(scenario, total, sku_kpis, plan))
    return tuple(runs)
