"""From a scenario to buffers and engine lanes: per-SKU terms, the buffer plan, lane parameters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from jitcore.buffers import (
    BufferSettings,
    BufferTable,
    SkuBuffer,
    SkuSupplyTerms,
    plan_sku,
    safety_stock_at_levels,
)
from jitcore.costs import holding_cost_per_unit_period
from jitcore.demand import PERIODS_PER_YEAR
from jitcore.lanes import (
    C_EXPOSURE,
    C_SS_SCALE,
    FORECAST_CODES,
    N_PARAMS,
    PARAM_DEFAULTS,
    PARAM_NAMES,
    POLICY_CODES,
    LaneSet,
)
from jitcore.pipeline.covers import CoverSetting, cover_rows, origin_cover_rows
from jitcore.pipeline.prepare import PreparedDemand
from jitcore.policies import cycle_quantity_rule, vmi_covers
from jitcore.scenario import Scenario
from jitcore.supply import expected_lead_time, lead_time_max, lead_time_sd_total

#: Column of each lane parameter in ``LaneSet.params``.
PARAM_INDEX: dict[str, int] = {name: j for j, name in enumerate(PARAM_NAMES)}

#: Days in one period of each frequency (for days of cover and days of supply).
DAYS_PER_PERIOD: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12.0}


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
    slips = {"slip_probability": supply.slip_probability, "slip_periods": supply.slip_periods}
    return SkuSupplyTerms(
        lead_time=expected_lead_time(lead, **slips),
        lead_time_sd=lead_time_sd_total(lead_sd, **slips),
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


def buffer_settings(scenario: Scenario, sku: str) -> BufferSettings:
    """The buffer settings of one SKU: the scenario's, with the SKU's own service targets
    (``cycle_service_level``, ``fill_rate`` of its override) where it has them."""
    o = scenario.override_for(sku)
    if o is None:
        return scenario.buffers
    own = {
        name: getattr(o, name)
        for name in ("cycle_service_level", "fill_rate")
        if getattr(o, name) is not None
    }
    return scenario.buffers.model_copy(update=own) if own else scenario.buffers


def plan_buffers(prepared: PreparedDemand, scenario: Scenario) -> BufferTable:
    """The buffer plan of every SKU under ``scenario``."""
    rule = cycle_quantity_rule(scenario.policy.kind)
    rows = [
        plan_sku(
            stats,
            buffer_settings(scenario, stats.sku),
            supply_terms(scenario, stats.sku, prepared.frequency),
            cycle_quantity_rule=rule,
        )
        for stats in prepared.stats
    ]
    return BufferTable(tuple(rows))


def _initial_position(b: SkuBuffer, scenario: Scenario, forecast: float, lead: float) -> float:
    """Inventory position (on hand + in transit) before the first period's demand, for the
    automatic start: the position the policy holds in steady state at a review, with its levels
    computed from ``forecast`` — the forecast of the first period (units per period) — so a
    seasonal SKU does not start sized for the average of the whole horizon.

    Period 0 is a review period, so a forecast-following policy (order-up-to, POUT,
    lot-for-lot, heijunka) is at the bottom of its review cycle: ``f·(L + 1) + SS``, what is
    left once the last review's ``f·R`` has been used up (``L`` = planning lead time with mean
    slips); with fixed levels the order-up-to policy stands at ``S − f·(R − 1)``. (s,Q) and
    min-max start in the middle of their cycle, ``s + Q/2`` and ``(s + S)/2`` (``s`` and ``S``
    from ``f`` when levels follow the forecast); VMI in the middle of its cover band.
    """
    kind, policy = scenario.policy.kind, scenario.policy
    dynamic = policy.levels == "follow_forecast"
    review = effective_review_period(scenario)
    f = forecast
    bottom = f * (lead + 1.0) + b.safety_stock
    if kind in ("pout", "lot_for_lot", "heijunka"):
        return bottom
    if kind == "order_up_to":
        return bottom if dynamic else b.order_up_to - f * (review - 1)
    if kind == "reorder_point":
        s = f * (lead + review) + b.safety_stock if dynamic else b.reorder_point
        return s + b.order_quantity / 2.0
    if kind == "min_max":
        if dynamic:
            s = f * (lead + review) + b.safety_stock
            return s + b.order_quantity / 2.0
        return (b.reorder_point + b.max_level) / 2.0
    if kind == "vmi":
        low, high = _vmi_covers(b, scenario)
        return f * (low + high) / 2.0
    return b.order_up_to


def _vmi_covers(b: SkuBuffer, scenario: Scenario) -> tuple[float, float]:
    return vmi_covers(b, scenario.policy.vmi_min_cover, scenario.policy.vmi_max_cover)


@dataclass(frozen=True, eq=False)
class _VariantLanes:
    lanes: LaneSet
    holding: np.ndarray
    ordering: np.ndarray
    shortage: np.ndarray
    defect: np.ndarray
    cover: np.ndarray | None = None


def _covers(
    prepared: PreparedDemand,
    scenarios: Sequence[Scenario],
    plans: Sequence[BufferTable],
    rows: Sequence[tuple[dict[str, Any], np.ndarray, np.ndarray]],
) -> tuple[np.ndarray | None, np.ndarray]:
    """Forecast covers of every variant × SKU whose policy plans with the forecast plan (one
    row per distinct setting) and the row of each variant × SKU (-1: flat forecast × periods,
    for forecasts re-estimated inside the simulation)."""
    n_sku = len(prepared.skus)
    n_periods = prepared.forecast.shape[1]
    row_of = np.full(len(scenarios) * n_sku, -1, dtype=np.int64)
    table: list[np.ndarray] = []
    index: dict[tuple[Any, ...], int] = {}
    for v, (scenario, plan, (params, _, _)) in enumerate(zip(scenarios, plans, rows, strict=True)):
        if scenario.simulation.forecast_updating != "plan":
            continue
        review = float(params["review_period"])
        by_error = scenario.buffers.uncertainty == "forecast_error"
        for i, b in enumerate(plan.rows):
            elasticity = prepared.models[i].level_elasticity if by_error else 0.0
            setting = CoverSetting(
                lead_time=float(params["planning_lead_time"][i]),
                review_period=review,
                low_cover=float(params["vmi_min_cover"][i]),
                high_cover=float(params["vmi_max_cover"][i]),
                mean_demand=float(b.mean_demand) if elasticity else 0.0,
                exposure=float(b.exposure) if elasticity else 0.0,
                elasticity=elasticity,
            )
            curve = by_error and _follows_level_by_quantile(prepared, scenario, i, b)
            key = (i, setting, _curve_key(scenario, b) if curve else None)
            if key not in index:
                index[key] = len(table)
                if prepared.origins:
                    model = prepared.models[i]
                    honest = by_error and model.kind != "compound"
                    planned = model.exposure_sd(b.exposure, b.mean_demand) if honest else 0.0
                    rows_i = origin_cover_rows(
                        prepared.origins[i], prepared.origin_offset[i], n_periods, setting,
                        planned_sd=planned,
                    )  # fmt: skip
                else:
                    rows_i = cover_rows(prepared.ahead[i], n_periods, setting)
                if curve:
                    rows_i[C_SS_SCALE] = _quantile_safety_scale(prepared, scenario, i, b, rows_i)
                table.append(rows_i)
            row_of[v * n_sku + i] = index[key]
    return (np.stack(table) if table else None), row_of


#: Forecast levels at which a curve of safety stocks is computed exactly (between them it is
#: interpolated); every distinct level when the run has no more.
CURVE_POINTS = 16


def _follows_level_by_quantile(
    prepared: PreparedDemand, scenario: Scenario, i: int, b: SkuBuffer
) -> bool:
    """The SKU's safety stock follows the forecast level through the quantile of its demand
    model (occurrence × size, sized for a service target), not a power of the level."""
    terms_fixed = supply_terms(scenario, b.sku, prepared.frequency).safety_stock is not None
    return (
        prepared.models[i].kind == "compound"
        and scenario.buffers.method in ("service_level", "fill_rate")
        and not terms_fixed
        and b.safety_stock != 0.0
        and b.mean_demand * b.exposure > 0.0
    )


def _curve_key(scenario: Scenario, b: SkuBuffer) -> tuple[Any, ...]:
    settings = buffer_settings(scenario, b.sku)
    return (
        settings.method, settings.cycle_service_level, settings.fill_rate,
        cycle_quantity_rule(scenario.policy.kind), b.safety_stock, b.order_quantity,
    )  # fmt: skip


def _quantile_safety_scale(
    prepared: PreparedDemand, scenario: Scenario, i: int, b: SkuBuffer, rows: np.ndarray
) -> np.ndarray:
    """``SS_t/SS`` per period for an occurrence × size SKU: the safety stock that meets the
    target at the forecast over the exposure in force (:func:`safety_stock_at_levels`), so the
    level ``F_E(t) + SS_t`` is that demand's quantile (or fill-rate level) in every period."""
    ratio = rows[C_EXPOSURE] / (b.mean_demand * b.exposure)
    positive = ratio[np.isfinite(ratio) & (ratio > 0)]
    scale = np.zeros(len(ratio))
    if not len(positive):
        return scale
    ok = np.isfinite(ratio) & (ratio > 0)
    grid = np.unique(positive)
    if np.allclose(grid, 1.0, rtol=1e-9, atol=0.0):  # a flat forecast: the plan's own level
        scale[ok] = 1.0
        return scale
    if len(grid) > CURVE_POINTS:
        grid = np.geomspace(grid[0], grid[-1], CURVE_POINTS)
    safety = safety_stock_at_levels(
        prepared.stats[i], buffer_settings(scenario, b.sku),
        supply_terms(scenario, b.sku, prepared.frequency), grid,
        cycle_quantity_rule=cycle_quantity_rule(scenario.policy.kind),
    )  # fmt: skip
    scale[ok] = np.interp(ratio[ok], grid, safety) / b.safety_stock
    return scale


def _sku_rows(
    prepared: PreparedDemand, scenario: Scenario, buffers: BufferTable
) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """Lane parameters of one scenario, one row per SKU (the same for each of its paths):
    ``LaneSet.build`` keywords (lists per SKU or scalars), holding and ordering cost per SKU."""
    sim, policy, supply = scenario.simulation, scenario.policy, scenario.supply
    per_sku: dict[str, list[float]] = {name: [] for name in (
        "lead_time", "lead_time_sd", "lead_time_max", "planning_lead_time", "min_order_quantity",
        "order_multiple", "safety_stock", "reorder_point", "order_up_to", "order_quantity",
        "kanban_cards", "vmi_min_cover", "vmi_max_cover", "initial_on_hand", "initial_pipeline",
        "whole_units", "holding", "ordering",
    )}  # fmt: skip
    kind = policy.kind
    for i, sku in enumerate(prepared.skus):
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
        per_sku["lead_time_max"].append(lead_time_max(lead, lead_sd))
        per_sku["planning_lead_time"].append(terms.lead_time)
        per_sku["min_order_quantity"].append(terms.min_order_quantity)
        per_sku["order_multiple"].append(terms.order_multiple)
        per_sku["safety_stock"].append(b.safety_stock)
        per_sku["reorder_point"].append(b.reorder_point)
        per_sku["order_up_to"].append(b.max_level if kind == "min_max" else b.order_up_to)
        per_sku["order_quantity"].append(b.container_size if kind == "kanban" else b.order_quantity)
        per_sku["kanban_cards"].append(b.kanban_cards)
        per_sku["whole_units"].append(1.0 if prepared.models[i].whole_units else 0.0)
        per_sku["vmi_min_cover"].append(low_cover)
        per_sku["vmi_max_cover"].append(high_cover)
        if kind == "kanban":
            start_on_hand = b.kanban_cards * b.container_size
            pipeline = 0.0
        else:
            # one period's forecast in transit per period of lead time (the pipeline a steady
            # flow holds); the rest of the starting position is on hand
            t0 = int(prepared.start[i])
            n_t = prepared.forecast.shape[1]
            first = float(prepared.forecast[i, t0]) if t0 < n_t else b.mean_demand
            pipeline = max(first, 0.0)
            position = _initial_position(b, scenario, pipeline, terms.lead_time)
            start_on_hand = max(position - pipeline * (lead + 1), 0.0)
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
    holding = np.asarray(per_sku.pop("holding"), dtype=float)
    ordering = np.asarray(per_sku.pop("ordering"), dtype=float)
    params: dict[str, Any] = dict(
        per_sku,
        slip_probability=supply.slip_probability,
        slip_periods=supply.slip_periods,
        yield_rate=supply.yield_rate,
        yield_sd=supply.yield_sd,
        capacity=np.inf if supply.capacity is None else supply.capacity,
        lost_sales=1.0 if policy.unmet_demand == "lost_sales" else 0.0,
        review_period=1 if kind == "heijunka" else policy.review_period,
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
        warmup_periods=sim.warmup_periods + prepared.preroll,
    )
    return params, holding, ordering


def build_variant_lanes(
    prepared: PreparedDemand, scenarios: Sequence[Scenario], plans: Sequence[BufferTable]
) -> _VariantLanes:
    """Lanes of several scenarios on the same prepared demand, one after the other (each
    variant SKU-major, then path; timeline slots numbered across variants), with cost rates.

    The parameters are laid out once per variant × SKU and repeated over the paths in one
    step, so a sweep of many values costs little more than one run. The lanes are the same as
    :func:`build_lanes` of each scenario concatenated with ``LaneSet.concat``.
    """
    n_sku, paths = len(prepared.skus), prepared.paths
    n_var = len(scenarios)
    rows = [_sku_rows(prepared, s, b) for s, b in zip(scenarios, plans, strict=True)]
    # one row per variant × SKU: each variant's columns written into its block of one table
    m = n_var * n_sku
    table = np.empty((m, N_PARAMS))
    table[:] = [PARAM_DEFAULTS[name] for name in PARAM_NAMES]
    for v, (params, _, _) in enumerate(rows):
        block = table[v * n_sku : (v + 1) * n_sku]
        for name, value in params.items():
            block[:, PARAM_INDEX[name]] = value
    policy = np.repeat([POLICY_CODES[s.policy.kind] for s in scenarios], n_sku)
    small = LaneSet.build(
        m, end=0, policy=policy, **{name: table[:, j] for j, name in enumerate(PARAM_NAMES)}
    )
    holding = np.concatenate([r[1] for r in rows])
    ordering = np.concatenate([r[2] for r in rows])
    shortage = np.repeat([s.costs.shortage_cost for s in scenarios], n_sku).astype(float)
    defect = np.repeat([s.costs.defect_cost for s in scenarios], n_sku).astype(float)
    # lanes: variant-major, then SKU, then path
    sku_index = np.tile(np.repeat(np.arange(n_sku), paths), n_var)
    path_index = np.tile(np.arange(paths), m)
    kept = np.array([min(s.simulation.timeline_paths, paths) for s in scenarios], dtype=np.int64)
    slot_offset = np.concatenate([[0], np.cumsum(n_sku * kept)[:-1]])
    kept_lane = np.repeat(kept, n_sku * paths)
    record = np.where(
        path_index < kept_lane,
        np.repeat(slot_offset, n_sku * paths) + sku_index * kept_lane + path_index,
        -1,
    )
    # random streams keyed by the SKU's place among all SKUs, so a chunk draws what a full run does
    key = (prepared.sku_offset + sku_index) * paths + path_index
    cover, cover_of = _covers(prepared, scenarios, plans, rows)
    lanes = LaneSet(
        demand_row=sku_index if prepared.replay else sku_index * paths + path_index,
        forecast_row=sku_index,
        policy=np.repeat(small.policy, paths),
        start=prepared.start[sku_index],
        end=prepared.end[sku_index],
        key=key,
        record=record,
        params=np.repeat(small.params, paths, axis=0),
        cover_row=np.repeat(cover_of, paths),
    )
    return _VariantLanes(
        lanes, *(np.repeat(x, paths) for x in (holding, ordering, shortage, defect)), cover
    )


def build_lanes(
    prepared: PreparedDemand, scenario: Scenario, buffers: BufferTable
) -> _VariantLanes:
    """Lanes (SKU-major, then path) of one scenario on prepared demand, with cost rates.

    Automatic start (``simulation.initial_on_hand`` None): ``f`` = the forecast of the SKU's
    first period is in transit for each of the ``L + 1`` arrivals ahead, and the rest of the
    policy's steady-state position at a review (:func:`_initial_position`) is on hand — so
    ``on_hand = SS`` (+ ``f`` per period of mean slip) for the forecast-following policies.
    Kanban starts with every card full on hand and nothing in transit.
    """
    return build_variant_lanes(prepared, [scenario], [buffers])
