"""``run_scenario(demand, scenario)``: the one entry point from demand data to KPIs and timelines.

Steps: forecast every SKU (or reuse given forecasts) → demand statistics → buffer plan per SKU
→ demand paths (the actual history in ``replay`` mode, Monte Carlo draws otherwise) → lanes
(SKU × path, per swept setting) → the engine → KPIs, costs, bands and timelines.

``run_variants(demand, scenarios)`` runs several scenarios in one engine call where they share
the demand paths (same forecast and simulation basics), so every variant sees the same demand
draws (common random numbers); ``run_sweep(demand, scenario, setting, values)`` builds the
variants of one setting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from jitcore.budget import check_budget, run_size
from jitcore.buffers import BufferTable
from jitcore.demand import PERIODS_PER_YEAR, DemandData
from jitcore.engine import simulate
from jitcore.engine.results import Timeline
from jitcore.errors import JitError, ScenarioError
from jitcore.forecast import ForecastResult, ForecastSettings
from jitcore.kpis import KPI_NAMES, Kpis, bullwhip_over_skus, kpi_matrix, lane_sums
from jitcore.lanes import SERIES
from jitcore.pipeline.build import (
    DAYS_PER_PERIOD,
    build_lanes,
    build_variant_lanes,
    effective_review_period,
    plan_buffers,
    supply_terms,
)
from jitcore.pipeline.prepare import (
    PREROLL,
    PreparedDemand,
    clear_prepared_cache,
    preparation_key,
    prepare_demand,
    prepare_demand_reused,
)
from jitcore.pipeline.results import ScenarioResult, SweepResult
from jitcore.scenario import Scenario


def _read_only(values: np.ndarray) -> np.ndarray:
    out = np.array(values)
    out.flags.writeable = False
    return out


def _group_key(scenario: Scenario) -> tuple[Any, ...]:
    return preparation_key(scenario)


def _check_skus(demand: DemandData, skus: Sequence[str] | None) -> None:
    unknown = [s for s in skus or () if s not in demand.skus]
    if unknown:
        raise JitError(
            f"SKU {unknown[0]!r} is not in the data.",
            f"Known SKUs: {', '.join(demand.skus[:10])}{' …' if len(demand.skus) > 10 else ''}.",
        )


def _subset(demand: DemandData, skus: Sequence[str] | None) -> DemandData:
    _check_skus(demand, skus)
    if not skus:
        return demand
    frame = demand.frame[demand.frame["sku"].isin(list(skus))]
    return DemandData(frame, demand.frequency, demand.report, name=demand.name)


#: Most values one sweep runs: a frontier or a lever chart has tens.
MAX_SWEEP_VALUES = 1000


def _size(demand: DemandData, scenarios: Sequence[Scenario], skus: Sequence[str] | None):
    """The size of running ``scenarios`` on ``demand`` (or its ``skus``), for the budget."""
    return run_size(
        scenarios,
        skus=len(set(skus)) if skus else len(demand.skus),
        history_periods=demand.periods,
        frequency=demand.frequency,
        preroll=PREROLL[demand.frequency],
    )


def run_variants(
    demand: DemandData,
    scenarios: Sequence[Scenario],
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ScenarioResult, ...]:
    """Run several scenarios; those sharing forecast and simulation basics share one engine call
    and the same demand paths (common random numbers). ``forecasts``: precomputed forecasts for
    the scenarios' forecast settings (all scenarios must then share them)."""
    if not scenarios:
        return ()
    for scenario in scenarios:
        if not isinstance(scenario, Scenario):
            raise ScenarioError("Each variant must be a Scenario.", "Build it with Scenario().")
    _check_skus(demand, skus)
    check_budget(_size(demand, scenarios, skus))
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, scenario in enumerate(scenarios):
        groups.setdefault(_group_key(scenario), []).append(i)
    if forecasts is not None and len({s.forecast for s in scenarios}) > 1:
        raise ScenarioError(
            "Precomputed forecasts were given but the variants use different forecast settings.",
            "Leave forecasts out so each variant is forecast with its own settings.",
        )
    results: list[ScenarioResult | None] = [None] * len(scenarios)
    cache: dict[ForecastSettings, Mapping[str, ForecastResult]] = {}
    for done, indices in enumerate(groups.values()):
        first = scenarios[indices[0]]
        found = forecasts if forecasts is not None else cache.get(first.forecast)
        prepared = prepare_demand_reused(
            demand,
            first,
            found,
            skus=tuple(skus) if skus else None,
            select=lambda: _subset(demand, skus),
        )
        cache[first.forecast] = prepared.forecasts
        for i, result in zip(indices, _run_group(prepared, [scenarios[i] for i in indices]),
                             strict=True):  # fmt: skip
            results[i] = result
        if progress is not None:
            progress(done + 1, len(groups))
    return tuple(r for r in results if r is not None)


def _run_group(prepared: PreparedDemand, scenarios: list[Scenario]) -> list[ScenarioResult]:
    plans = [plan_buffers(prepared, s) for s in scenarios]
    variants = build_variant_lanes(prepared, scenarios, plans)
    lanes = variants.lanes
    seed = scenarios[0].simulation.seed
    output = simulate(prepared.demand, prepared.forecast, lanes, seed=seed, cover=variants.cover)
    n_sku, paths = len(prepared.skus), prepared.paths
    per_variant = n_sku * paths
    ppy = PERIODS_PER_YEAR[prepared.frequency]
    days = DAYS_PER_PERIOD[prepared.frequency]
    options = {"periods_per_year": ppy, "days_per_period": days}
    # every variant's KPIs in one go: sums [variant, sku, path, SUMS] → KPIs per path, per SKU,
    # in total (row-wise formulas, so the same numbers as one variant at a time)
    n_var = len(scenarios)
    sums = lane_sums(
        output.accumulators[: n_var * per_variant],
        holding_cost_per_unit_period=variants.holding,
        ordering_cost=variants.ordering,
        shortage_cost=variants.shortage,
        defect_cost=variants.defect,
    ).reshape(n_var, n_sku, paths, -1)
    all_path_kpis = kpi_matrix(sums, paths=1.0, **options)
    all_total_path_kpis = kpi_matrix(sums.sum(axis=1), paths=1.0, **options)
    sku_sums = sums.sum(axis=2)
    all_sku_kpis = kpi_matrix(sku_sums, paths=paths, **options)
    all_totals = kpi_matrix(sums.sum(axis=(1, 2)), paths=paths, **options)
    # over SKUs, bullwhip adds each SKU's variances (pooled over its paths)
    bullwhip = KPI_NAMES.index("bullwhip")
    all_total_path_kpis[..., bullwhip] = bullwhip_over_skus(sums, axis=1)
    all_totals[..., bullwhip] = bullwhip_over_skus(sums.sum(axis=2), axis=1)
    for array in (all_path_kpis, all_total_path_kpis):
        array.flags.writeable = False
    out = []
    slot_offset = 0
    for v, (scenario, plan) in enumerate(zip(scenarios, plans, strict=True)):
        path_kpis = all_path_kpis[v]
        total_path_kpis = all_total_path_kpis[v]
        sku_kpis = tuple(Kpis(*(float(x) for x in row)) for row in all_sku_kpis[v])
        total = Kpis(*(float(x) for x in all_totals[v]))
        kept = min(scenario.simulation.timeline_paths, paths)
        n_slots = n_sku * kept
        data = output.timelines[:, slot_offset : slot_offset + n_slots, prepared.preroll :]
        slot_offset += n_slots
        timeline = Timeline(
            prepared.dates,
            prepared.skus,
            data.reshape(len(SERIES), n_sku, kept, len(prepared.dates)),
        )
        covers = {}
        if variants.cover is not None:
            for i, sku in enumerate(prepared.skus):
                row = int(lanes.cover_row[(v * n_sku + i) * paths])
                if row >= 0:
                    cover = variants.cover[row][:, prepared.preroll :]
                    cover.flags.writeable = False
                    covers[sku] = cover
        out.append(
            ScenarioResult(
                scenario=scenario,
                frequency=prepared.frequency,
                dates=prepared.dates,
                skus=prepared.skus,
                paths=paths,
                buffers=plan,
                kpis=total,
                sku_kpis=sku_kpis,
                path_kpis=path_kpis,
                total_path_kpis=total_path_kpis,
                timeline=timeline,
                forecasts=prepared.forecasts,
                covers=covers,
                sums=_read_only(sku_sums[v]),
            )
        )
    return out


def run_scenario(
    demand: DemandData,
    scenario: Scenario,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> ScenarioResult:
    """Simulate ``scenario`` on ``demand``: the single entry point of pages, command line and
    tests. ``forecasts`` (from ``forecast_all(demand, scenario.forecast)``) skips forecasting;
    ``skus`` restricts the run to some SKUs."""
    return run_variants(demand, [scenario], forecasts=forecasts, skus=skus)[0]


def run_sweep(
    demand: DemandData,
    scenario: Scenario,
    setting: str,
    values: Sequence[Any],
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
    keep_timelines: bool = False,
) -> SweepResult:
    """Run ``scenario`` once per value of one setting (dotted path, e.g.
    ``"buffers.cycle_service_level"`` or ``"policy.smoothing_periods"``), on the same demand
    draws. Timelines are dropped unless ``keep_timelines``."""
    if not values:
        raise ScenarioError("A sweep needs at least one value.", "Give one or more values.")
    if len(values) > MAX_SWEEP_VALUES:
        raise ScenarioError(
            f"A sweep of {len(values):,} values is more than the {MAX_SWEEP_VALUES:,} allowed.",
            "Sweep fewer values: tens are enough to draw a curve.",
        )
    base = scenario
    if not keep_timelines:
        base = scenario.with_setting("simulation.timeline_paths", 0)
    _check_skus(demand, skus)
    check_budget(_size(demand, [base] * len(values), skus))  # before building the variants
    variants = [base.with_setting(setting, value) for value in values]
    results = run_variants(demand, variants, forecasts=forecasts, skus=skus)
    return SweepResult(setting, tuple(values), results)


def plan_scenario(
    demand: DemandData,
    scenario: Scenario,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    skus: Sequence[str] | None = None,
) -> BufferTable:
    """The buffer plan of every SKU (or ``skus``) under ``scenario``, without simulating:
    the same demand statistics and demand models a run plans with (one path is prepared)."""
    light = scenario.with_setting("simulation.paths", 1)
    prepared = prepare_demand(_subset(demand, skus), light, forecasts)
    return plan_buffers(prepared, scenario)


__all__ = [
    "DAYS_PER_PERIOD",
    "MAX_SWEEP_VALUES",
    "effective_review_period",
    "PreparedDemand",
    "ScenarioResult",
    "SweepResult",
    "build_lanes",
    "build_variant_lanes",
    "clear_prepared_cache",
    "plan_buffers",
    "plan_scenario",
    "prepare_demand",
    "run_scenario",
    "run_sweep",
    "run_variants",
    "supply_terms",
]
