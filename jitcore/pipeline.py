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

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from jitcore.buffers import BufferTable, SkuBuffer, SkuDemandStats, SkuSupplyTerms, plan_sku
from jitcore.costs import holding_cost_per_unit_period
from jitcore.demand import PERIODS_PER_YEAR, DemandData
from jitcore.engine import simulate
from jitcore.engine.paths import PathSource, draw_paths, extend_mean, sku_generators
from jitcore.engine.results import Timeline
from jitcore.errors import JitError, ScenarioError
from jitcore.forecast import ForecastResult, ForecastSettings, forecast_all
from jitcore.kpis import KPI_NAMES, Kpis, kpi_matrix, kpis_from_sums, lane_sums
from jitcore.lanes import FORECAST_CODES, POLICY_CODES, SERIES, LaneSet
from jitcore.scenario import Scenario
from jitcore.supply import LEAD_TIME_SPREAD

#: Days in one period of each frequency (for days of cover and days of supply).
DAYS_PER_PERIOD: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12.0}
#: Season length used to extend a forecast beyond its horizon.
SEASON: dict[str, int] = {"D": 7, "W": 52, "M": 12}


# --- results ----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """Everything one scenario produced. Arrays are read-only.

    ``kpis``: totals over SKUs; ``sku_kpis``: per SKU in ``skus`` order; ``path_kpis``:
    ``[sku, path, KPI_NAMES]`` per path; ``total_path_kpis``: ``[path, KPI_NAMES]``;
    ``timeline``: per-period series of the first ``simulation.timeline_paths`` paths.
    """

    scenario: Scenario
    frequency: str
    dates: pd.DatetimeIndex
    skus: tuple[str, ...]
    paths: int
    buffers: BufferTable
    kpis: Kpis
    sku_kpis: tuple[Kpis, ...]
    path_kpis: np.ndarray
    total_path_kpis: np.ndarray
    timeline: Timeline
    forecasts: Mapping[str, ForecastResult]

    def kpis_for(self, sku: str) -> Kpis:
        return self.sku_kpis[self._index(sku)]

    def _index(self, sku: str) -> int:
        if sku not in self.skus:
            raise JitError(f"SKU {sku!r} was not simulated.", "Pick one of the listed SKUs.")
        return self.skus.index(sku)

    def kpi_frame(self) -> pd.DataFrame:
        """One row per SKU (index ``sku``), one column per KPI."""
        frame = pd.DataFrame([k.to_dict() for k in self.sku_kpis], index=list(self.skus))
        frame.index.name = "sku"
        return frame

    def kpi_bands(self, sku: str | None = None) -> pd.DataFrame:
        """P10/P50/P90 across paths of every KPI (index KPI name) for a SKU or the total."""
        values = self.total_path_kpis if sku is None else self.path_kpis[self._index(sku)]
        with np.errstate(all="ignore"):
            table = np.nanquantile(values, [0.1, 0.5, 0.9], axis=0) if len(values) else None
        if table is None:
            table = np.full((3, len(KPI_NAMES)), np.nan)
        return pd.DataFrame(
            {"p10": table[0], "p50": table[1], "p90": table[2]}, index=list(KPI_NAMES)
        )

    def summary(self) -> dict[str, Any]:
        """``{"kpis": {...}, "per_sku": [{"sku": ..., KPI: ...}, ...]}`` with NaN as None."""

        def clean(values: dict[str, float]) -> dict[str, float | None]:
            return {k: (None if not math.isfinite(v) else v) for k, v in values.items()}

        return {
            "scenario": self.scenario.name,
            "mode": self.scenario.simulation.mode,
            "policy": self.scenario.policy.kind,
            "paths": self.paths,
            "periods": len(self.dates),
            "kpis": clean(self.kpis.to_dict()),
            "per_sku": [
                {"sku": sku, **clean(k.to_dict())}
                for sku, k in zip(self.skus, self.sku_kpis, strict=True)
            ],
        }


@dataclass(frozen=True, eq=False)
class SweepResult:
    """One result per value of a swept setting, all on the same demand draws."""

    setting: str
    values: tuple[Any, ...]
    results: tuple[ScenarioResult, ...]

    def frame(self, sku: str | None = None) -> pd.DataFrame:
        """One row per value: column ``value`` then every KPI (total or one SKU)."""
        rows = []
        for value, result in zip(self.values, self.results, strict=True):
            kpis = result.kpis if sku is None else result.kpis_for(sku)
            rows.append({"value": value, **kpis.to_dict()})
        return pd.DataFrame(rows)

    def bands(self, kpi: str, sku: str | None = None) -> pd.DataFrame:
        """P10/P50/P90 across paths of one KPI per value (index ``value``)."""
        if kpi not in KPI_NAMES:
            raise JitError(f"Unknown KPI {kpi!r}.", f"Use one of: {', '.join(KPI_NAMES)}.")
        rows = [r.kpi_bands(sku).loc[kpi] for r in self.results]
        frame = pd.DataFrame(rows, index=pd.Index(self.values, name="value"))
        return frame


# --- preparing demand ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class PreparedDemand:
    """Demand and forecast matrices shared by every variant of a run.

    ``demand[row, period]``: replay → one row per SKU; Monte Carlo → ``sku * paths + path``.
    ``forecast[sku, period]``: the forecast of each period's demand the policy sees.
    """

    frequency: str
    dates: pd.DatetimeIndex
    skus: tuple[str, ...]
    paths: int
    replay: bool
    demand: np.ndarray
    forecast: np.ndarray
    start: np.ndarray
    end: np.ndarray
    stats: tuple[SkuDemandStats, ...]
    forecasts: Mapping[str, ForecastResult]


def _fill_forecast(values: np.ndarray, fallback: float) -> np.ndarray:
    """Forward-fill, then back-fill NaNs; all-NaN → ``fallback``."""
    series = pd.Series(values, dtype=float).ffill().bfill()
    return series.fillna(fallback).to_numpy()


def _error_sd(result: ForecastResult, history: np.ndarray) -> float:
    sd = float(result.error_sd[0]) if len(result.error_sd) else float("nan")
    if not math.isfinite(sd):
        finite = history[np.isfinite(history)]
        sd = float(np.std(finite, ddof=1)) if len(finite) > 1 else 0.0
    return max(sd, 0.0)


def prepare_demand(
    demand: DemandData,
    scenario: Scenario,
    forecasts: Mapping[str, ForecastResult] | None = None,
) -> PreparedDemand:
    """Forecast (unless given) and build the demand and forecast matrices of ``scenario``."""
    skus = demand.skus
    if not skus:
        raise JitError("The demand data has no SKUs.", "Load a file with at least one SKU.")
    if forecasts is None:
        forecasts = forecast_all(demand, scenario.forecast)
    missing = [sku for sku in skus if sku not in forecasts]
    if missing:
        raise JitError(
            f"No forecast for SKU(s) {', '.join(missing[:5])}.", "Run the forecast again."
        )
    sim = scenario.simulation
    frequency = demand.frequency
    dates_hist, _, matrix = demand.matrix()
    stats = []
    for i, sku in enumerate(skus):
        history = matrix[:, i]
        finite = history[np.isfinite(history)]
        result = forecasts[sku]
        stats.append(
            SkuDemandStats(
                sku=sku,
                mean_demand=float(finite.mean()) if len(finite) else 0.0,
                demand_sd=float(finite.std(ddof=1)) if len(finite) > 1 else 0.0,
                forecast_error_sd=result.lead_time_error_sd,
            )
        )
    if sim.mode == "replay":
        n_periods = len(dates_hist)
        active = np.isfinite(matrix)
        start = np.array([int(np.argmax(active[:, i])) for i in range(len(skus))])
        end = np.array([n_periods - int(np.argmax(active[::-1, i])) for i in range(len(skus))])
        demand_matrix = np.nan_to_num(matrix.T, nan=0.0)
        forecast_matrix = np.empty_like(demand_matrix)
        for i, sku in enumerate(skus):
            fitted = forecasts[sku].fitted.reindex(dates_hist).to_numpy(dtype=float)
            forecast_matrix[i] = _fill_forecast(fitted, stats[i].mean_demand)
        return PreparedDemand(
            frequency, dates_hist, skus, sim.paths, True, demand_matrix, forecast_matrix,
            start, end, tuple(stats), forecasts,
        )  # fmt: skip

    n_periods = sim.periods or int(PERIODS_PER_YEAR[frequency])
    paths = sim.paths
    demand_matrix = np.empty((len(skus) * paths, n_periods))
    forecast_matrix = np.empty((len(skus), n_periods))
    generators = sku_generators(sim.seed, len(skus))
    dates = pd.date_range(dates_hist[-1], periods=n_periods + 1, freq=demand.pandas_freq)[1:]
    for i, sku in enumerate(skus):
        result = forecasts[sku]
        history = matrix[:, i]
        mean = extend_mean(
            result.forecast["mean"].to_numpy(dtype=float), n_periods, SEASON[frequency]
        )
        mean = _fill_forecast(mean, stats[i].mean_demand)
        fitted = result.fitted.reindex(result.history.index).to_numpy(dtype=float)
        observed = result.history.to_numpy(dtype=float)
        residuals = observed - fitted
        residuals = residuals[np.isfinite(residuals)]
        source = PathSource(mean, _error_sd(result, history), residuals, history)
        demand_matrix[i * paths : (i + 1) * paths] = draw_paths(
            source, sim.demand_model, paths, generators[i]
        )
        forecast_matrix[i] = mean
        # the buffers plan with the forecast's mean demand over the simulated horizon
        stats[i] = SkuDemandStats(
            sku, float(mean.mean()), stats[i].demand_sd, result.lead_time_error_sd
        )
    start = np.zeros(len(skus), dtype=np.int64)
    end = np.full(len(skus), n_periods, dtype=np.int64)
    return PreparedDemand(
        frequency, dates, skus, paths, False, demand_matrix, forecast_matrix, start, end,
        tuple(stats), forecasts,
    )  # fmt: skip


# --- buffers and lanes --------------------------------------------------------------------------
def effective_review_period(scenario: Scenario) -> int:
    """Periods between two decisions the buffer must bridge: the revision interval for
    heijunka, the review period otherwise."""
    policy = scenario.policy
    return policy.revision_periods if policy.kind == "heijunka" else policy.review_period


def supply_terms(scenario: Scenario, sku: str, frequency: str) -> SkuSupplyTerms:
    """Lead time, review period and cost terms of one SKU (overrides applied). The buffers use
    the mean lead time including slips and its σ including slips."""
    o = scenario.override_for(sku)
    supply, costs, policy = scenario.supply, scenario.costs, scenario.policy

    def pick(name: str, default: Any) -> Any:
        value = getattr(o, name) if o is not None else None
        return default if value is None else value

    lead = pick("lead_time", supply.lead_time)
    lead_sd = pick("lead_time_sd", supply.lead_time_sd)
    p = supply.slip_probability
    return SkuSupplyTerms(
        lead_time=lead + p * supply.slip_periods,
        lead_time_sd=math.sqrt(lead_sd**2 + p * (1 - p) * supply.slip_periods**2),
        review_period=effective_review_period(scenario),
        periods_per_year=PERIODS_PER_YEAR[frequency],
        days_per_period=DAYS_PER_PERIOD[frequency],
        unit_cost=pick("unit_cost", costs.unit_cost),
        holding_rate=costs.holding_rate,
        ordering_cost=pick("ordering_cost", costs.ordering_cost),
        min_order_quantity=pick("min_order_quantity", policy.min_order_quantity),
        order_multiple=pick("order_multiple", policy.order_multiple),
        container_size=pick("container_size", None),
        safety_stock=pick("safety_stock", None),
    )


def plan_buffers(prepared: PreparedDemand, scenario: Scenario) -> BufferTable:
    """The buffer plan of every SKU under ``scenario``."""
    rule = {"reorder_point": "order_quantity", "min_max": "order_quantity", "vmi": "order_quantity",
            "kanban": "container"}.get(scenario.policy.kind, "review")  # fmt: skip
    rows = [
        plan_sku(
            stats,
            scenario.buffers,
            supply_terms(scenario, stats.sku, prepared.frequency),
            cycle_quantity_rule=rule,
        )
        for stats in prepared.stats
    ]
    return BufferTable(tuple(rows))


def _initial_position(b: SkuBuffer, scenario: Scenario) -> float:
    """Inventory position at the start (on hand + in transit) for the automatic start."""
    kind = scenario.policy.kind
    if kind == "reorder_point":
        return b.reorder_point + b.order_quantity / 2.0
    if kind == "min_max":
        return (b.reorder_point + b.max_level) / 2.0
    if kind == "vmi":
        low, high = _vmi_covers(b, scenario)
        return b.mean_demand * (low + high) / 2.0
    return b.order_up_to


def _vmi_covers(b: SkuBuffer, scenario: Scenario) -> tuple[float, float]:
    d = b.mean_demand
    low = scenario.policy.vmi_min_cover
    high = scenario.policy.vmi_max_cover
    if low is None:
        low = b.reorder_point / d if d > 0 else 0.0
    if high is None:
        high = b.max_level / d if d > 0 else 0.0
    return float(low), float(max(high, low))


@dataclass(frozen=True, eq=False)
class _VariantLanes:
    lanes: LaneSet
    holding: np.ndarray
    ordering: np.ndarray
    shortage: np.ndarray
    defect: np.ndarray


def build_lanes(
    prepared: PreparedDemand, scenario: Scenario, buffers: BufferTable
) -> _VariantLanes:
    """Lanes (SKU-major, then path) of one scenario on prepared demand, with cost rates."""
    sim, policy, supply, costs = (
        scenario.simulation, scenario.policy, scenario.supply, scenario.costs,
    )  # fmt: skip
    n_sku, paths = len(prepared.skus), prepared.paths
    n = n_sku * paths
    sku_index = np.repeat(np.arange(n_sku), paths)
    path_index = np.tile(np.arange(paths), n_sku)
    columns: dict[str, np.ndarray] = {}
    per_sku: dict[str, list[float]] = {name: [] for name in (
        "lead_time", "lead_time_sd", "lead_time_max", "planning_lead_time", "min_order_quantity",
        "order_multiple", "safety_stock", "reorder_point", "order_up_to", "order_quantity",
        "kanban_cards", "vmi_min_cover", "vmi_max_cover", "initial_on_hand", "initial_pipeline",
        "holding", "ordering",
    )}  # fmt: skip
    kind = policy.kind
    for sku in prepared.skus:
        b = buffers.get(sku)
        terms = supply_terms(scenario, sku, prepared.frequency)
        o = scenario.override_for(sku)
        lead = o.lead_time if o is not None and o.lead_time is not None else supply.lead_time
        lead_sd = (
            o.lead_time_sd if o is not None and o.lead_time_sd is not None else supply.lead_time_sd
        )
        low_cover, high_cover = _vmi_covers(b, scenario)
        per_sku["lead_time"].append(lead)
        per_sku["lead_time_sd"].append(lead_sd)
        per_sku["lead_time_max"].append(math.ceil(lead + LEAD_TIME_SPREAD * lead_sd))
        per_sku["planning_lead_time"].append(terms.lead_time)
        per_sku["min_order_quantity"].append(terms.min_order_quantity)
        per_sku["order_multiple"].append(terms.order_multiple)
        per_sku["safety_stock"].append(b.safety_stock)
        per_sku["reorder_point"].append(b.reorder_point)
        per_sku["order_up_to"].append(b.max_level if kind == "min_max" else b.order_up_to)
        per_sku["order_quantity"].append(b.container_size if kind == "kanban" else b.order_quantity)
        per_sku["kanban_cards"].append(b.kanban_cards)
        per_sku["vmi_min_cover"].append(low_cover)
        per_sku["vmi_max_cover"].append(high_cover)
        if kind == "kanban":
            start_on_hand = b.kanban_cards * b.container_size
            pipeline = 0.0
        else:
            pipeline = b.mean_demand
            start_on_hand = max(_initial_position(b, scenario) - pipeline * (lead + 1), 0.0)
        if sim.initial_on_hand is not None:
            start_on_hand = sim.initial_on_hand
        per_sku["initial_on_hand"].append(start_on_hand)
        per_sku["initial_pipeline"].append(pipeline)
        per_sku["holding"].append(
            holding_cost_per_unit_period(
                terms.unit_cost, terms.holding_rate, terms.periods_per_year
            )
        )
        per_sku["ordering"].append(terms.ordering_cost)
    for name, values in per_sku.items():
        columns[name] = np.asarray(values, dtype=float)[sku_index]
    holding = columns.pop("holding")
    ordering = columns.pop("ordering")
    record = np.where(
        path_index < min(sim.timeline_paths, paths), sku_index * min(sim.timeline_paths, paths)
        + path_index, -1,
    )  # fmt: skip
    lanes = LaneSet.build(
        n,
        demand_row=sku_index if prepared.replay else sku_index * paths + path_index,
        forecast_row=sku_index,
        policy=POLICY_CODES[kind],
        start=prepared.start[sku_index],
        end=prepared.end[sku_index],
        key=sku_index * paths + path_index,
        record=record,
        slip_probability=supply.slip_probability,
        slip_periods=supply.slip_periods,
        yield_rate=supply.yield_rate,
        yield_sd=supply.yield_sd,
        capacity=np.inf if supply.capacity is None else supply.capacity,
        lost_sales=1.0 if policy.unmet_demand == "lost_sales" else 0.0,
        review_period=1 if kind == "heijunka" else policy.review_period,
        kanban_cards=columns.pop("kanban_cards"),
        smoothing_periods=policy.smoothing_periods,
        correction=policy.correction,
        revision_periods=policy.revision_periods,
        production_capacity=(
            np.inf if policy.production_capacity is None else policy.production_capacity
        ),
        dynamic_levels=1.0 if policy.levels == "follow_forecast" else 0.0,
        forecast_mode=FORECAST_CODES[sim.forecast_updating],
        smoothing_alpha=sim.smoothing_alpha,
        moving_average_periods=sim.moving_average_periods,
        warmup_periods=sim.warmup_periods,
        **columns,
    )
    shortage = np.full(n, costs.shortage_cost)
    defect = np.full(n, costs.defect_cost)
    return _VariantLanes(lanes, holding, ordering, shortage, defect)


# --- running --------------------------------------------------------------------------------
def _group_key(scenario: Scenario) -> tuple[Any, ...]:
    sim = scenario.simulation
    return (scenario.forecast, sim.mode, sim.paths, sim.periods, sim.seed, sim.demand_model)


def _subset(demand: DemandData, skus: Sequence[str] | None) -> DemandData:
    if not skus:
        return demand
    unknown = [s for s in skus if s not in demand.skus]
    if unknown:
        raise JitError(
            f"SKU {unknown[0]!r} is not in the data.",
            f"Known SKUs: {', '.join(demand.skus[:10])}{' …' if len(demand.skus) > 10 else ''}.",
        )
    frame = demand.frame[demand.frame["sku"].isin(list(skus))]
    return DemandData(frame, demand.frequency, demand.report, name=demand.name)


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
    data = _subset(demand, skus)
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
        prepared = prepare_demand(data, first, found)
        cache[first.forecast] = prepared.forecasts
        for i, result in zip(indices, _run_group(prepared, [scenarios[i] for i in indices]),
                             strict=True):  # fmt: skip
            results[i] = result
        if progress is not None:
            progress(done + 1, len(groups))
    return tuple(r for r in results if r is not None)


def _run_group(prepared: PreparedDemand, scenarios: list[Scenario]) -> list[ScenarioResult]:
    plans = [plan_buffers(prepared, s) for s in scenarios]
    variants = [build_lanes(prepared, s, b) for s, b in zip(scenarios, plans, strict=True)]
    lanes = LaneSet.concat([v.lanes for v in variants])
    seed = scenarios[0].simulation.seed
    output = simulate(prepared.demand, prepared.forecast, lanes, seed=seed)
    n_sku, paths = len(prepared.skus), prepared.paths
    per_variant = n_sku * paths
    ppy = PERIODS_PER_YEAR[prepared.frequency]
    days = DAYS_PER_PERIOD[prepared.frequency]
    out = []
    slot_offset = 0
    for v, (scenario, plan, variant) in enumerate(zip(scenarios, plans, variants, strict=True)):
        acc = output.accumulators[v * per_variant : (v + 1) * per_variant]
        sums = lane_sums(
            acc,
            holding_cost_per_unit_period=variant.holding,
            ordering_cost=variant.ordering,
            shortage_cost=variant.shortage,
            defect_cost=variant.defect,
        ).reshape(n_sku, paths, -1)
        options = {"periods_per_year": ppy, "days_per_period": days}
        path_kpis = kpi_matrix(sums, paths=1.0, **options)
        total_path_kpis = kpi_matrix(sums.sum(axis=0), paths=1.0, **options)
        sku_kpis = tuple(kpis_from_sums(sums[i].sum(axis=0), paths=paths, **options)
                         for i in range(n_sku))  # fmt: skip
        total = kpis_from_sums(sums.sum(axis=(0, 1)), paths=paths, **options)
        kept = min(scenario.simulation.timeline_paths, paths)
        n_slots = n_sku * kept
        data = output.timelines[:, slot_offset : slot_offset + n_slots]
        slot_offset += n_slots
        timeline = Timeline(
            prepared.dates,
            prepared.skus,
            data.reshape(len(SERIES), n_sku, kept, len(prepared.dates)),
        )
        for array in (path_kpis, total_path_kpis):
            array.flags.writeable = False
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
    base = scenario
    if not keep_timelines:
        base = scenario.with_setting("simulation.timeline_paths", 0)
    variants = [base.with_setting(setting, value) for value in values]
    results = run_variants(demand, variants, forecasts=forecasts, skus=skus)
    return SweepResult(setting, tuple(values), results)


__all__ = [
    "PreparedDemand",
    "ScenarioResult",
    "SweepResult",
    "build_lanes",
    "plan_buffers",
    "prepare_demand",
    "run_scenario",
    "run_sweep",
    "run_variants",
    "supply_terms",
]
