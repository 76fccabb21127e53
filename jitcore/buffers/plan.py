"""Per-SKU buffer plan: safety stock, reorder point, order-up-to level, EOQ, kanban count.

:func:`plan_sku` applies the formulas of :mod:`jitcore.buffers.formulas` to one SKU's demand
statistics and settings; :class:`BufferTable` holds one :class:`SkuBuffer` row per SKU and gives
a tidy DataFrame. The exposure is ``L + R`` periods (see the period convention in
:mod:`jitcore.buffers.formulas`), where ``R`` is the review period of the policy (1 for
policies that review every period, the revision interval for heijunka).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace

import numpy as np
import pandas as pd

from jitcore.buffers import formulas as f
from jitcore.buffers import service
from jitcore.buffers.settings import BufferSettings
from jitcore.demand_model import DemandModel
from jitcore.errors import JitError


@dataclass(frozen=True)
class SkuDemandStats:
    """What the buffer formulas need to know about one SKU's demand (units per period).

    ``forecast_error_sd(n)``: σ of the forecast error summed over ``n`` periods (from the
    forecast backtest), or None when there is no forecast. ``model``: the SKU's demand model
    (:mod:`jitcore.demand_model`), shared with the simulation; when given (and the buffers use
    the forecast error) it sets the distribution of demand over the exposure.
    """

    sku: str
    mean_demand: float
    demand_sd: float
    forecast_error_sd: Callable[[float], float] | None = None
    model: DemandModel | None = None


@dataclass(frozen=True)
class SkuSupplyTerms:
    """Supply, policy and cost terms of one SKU (after per-SKU overrides)."""

    lead_time: float  # periods
    lead_time_sd: float  # periods
    review_period: float  # periods (R)
    periods_per_year: float
    days_per_period: float
    unit_cost: float  # money per unit
    holding_rate: float  # share of unit cost per year
    ordering_cost: float  # money per order
    min_order_quantity: float = 0.0
    order_multiple: float = 0.0
    container_size: float | None = None
    safety_stock: float | None = None  # fixed override, units


@dataclass(frozen=True)
class SkuBuffer:
    """One SKU's buffers (units unless stated)."""

    sku: str
    mean_demand: float  # units per period
    demand_sd: float  # units per period (demand or one-period forecast error)
    lead_time: float  # periods
    lead_time_sd: float  # periods
    review_period: float  # periods
    exposure: float  # periods, L + R
    sigma_exposure: float  # σ of demand over the exposure, incl. lead-time variability
    safety_factor: float  # k
    safety_stock: float
    reorder_point: float  # s = d·(L+R) + SS
    order_up_to: float  # S = d·(L+R) + SS
    eoq: float  # economic order quantity (before MOQ/multiple)
    order_quantity: float  # Q used by (s, Q) and min-max (after MOQ/multiple)
    max_level: float  # min-max maximum, s + Q
    container_size: float  # kanban container, units
    kanban_safety_factor: float  # α
    kanban_cards: int  # ⌈d·(L+R)·(1+α)/C⌉
    annual_demand: float  # units per year
    holding_cost_per_unit_year: float  # money per unit per year
    expected_cycle_service_level: float  # P(X_E ≤ s), Φ(k) when normal
    expected_fill_rate: float  # for the review the engine does (jitcore.buffers.service)
    demand_model: str = ""  # the demand model behind σ_X (plain words)
    sigma_source: str = ""  # where σ_X comes from (plain words)
    model_reason: str = ""  # why this demand model


@dataclass(frozen=True)
class BufferTable:
    """Buffers of every SKU, in SKU order."""

    rows: tuple[SkuBuffer, ...]

    def frame(self) -> pd.DataFrame:
        """One row per SKU, one column per :class:`SkuBuffer` field."""
        columns = [field.name for field in fields(SkuBuffer)]
        return pd.DataFrame([asdict(row) for row in self.rows], columns=columns)

    def get(self, sku: str) -> SkuBuffer:
        for row in self.rows:
            if row.sku == sku:
                return row
        raise JitError(f"SKU {sku!r} has no buffer plan.", "Pick one of the listed SKUs.")

    @property
    def skus(self) -> tuple[str, ...]:
        return tuple(row.sku for row in self.rows)


def sigma_over_exposure(
    stats: SkuDemandStats, settings: BufferSettings, terms: SkuSupplyTerms
) -> float:
    """σ_X over ``L + R`` periods, including the lead-time term ``d²·σ_L²`` (C&M ch. 12):
    from the SKU's demand model, the forecast backtest (``forecast_error_sd(L+R)``) or
    ``sqrt(L+R)·σ_d``."""
    return exposure_demand(stats, settings, terms).exposure.sd


def _uses_model(stats: SkuDemandStats, settings: BufferSettings) -> bool:
    return stats.model is not None and settings.uncertainty == "forecast_error"


def exposure_demand(
    stats: SkuDemandStats, settings: BufferSettings, terms: SkuSupplyTerms
) -> service.ExposureDemand:
    """Demand over the exposure ``E = L + R`` and over ``L`` (units) that the buffers plan for:
    the demand model's (normal, proportional to the level, or drawn from occurrence × size),
    or normal with the backtest's σ or the demand's σ."""
    d = max(stats.mean_demand, 0.0)
    exposure = f.exposure_periods(terms.lead_time, terms.review_period)
    lead = max(terms.lead_time, 0.0)
    model = stats.model
    if _uses_model(stats, settings) and model is not None:
        if model.kind == "compound":
            in_lead, in_exposure = model.lead_and_exposure_samples(
                lead, terms.review_period, d, lead_time_sd=terms.lead_time_sd
            )
            return service.ExposureDemand(
                service.PeriodDemand.from_sample(in_exposure),
                service.PeriodDemand.from_sample(in_lead),
                d,
                terms.review_period,
            )

        def sd(n: float) -> float:
            return model.exposure_sd(n, d)
    elif settings.uncertainty == "forecast_error" and stats.forecast_error_sd is not None:

        def sd(n: float) -> float:
            value = float(stats.forecast_error_sd(n))  # type: ignore[misc]
            return value if math.isfinite(value) else math.sqrt(n) * stats.demand_sd
    else:

        def sd(n: float) -> float:
            return math.sqrt(max(n, 0.0)) * stats.demand_sd

    def with_lead_time(n: float) -> float:
        if n <= 0:
            return 0.0
        return f.combine_lead_time_variability(
            sd(n), mean_demand=d, lead_time_sd=terms.lead_time_sd
        )

    return service.normal_exposure(
        mean_demand=d, exposure=exposure, lead=lead, sd_exposure=with_lead_time(exposure),
        sd_lead=with_lead_time(lead), review_period=terms.review_period,
    )  # fmt: skip


def plan_sku(
    stats: SkuDemandStats,
    settings: BufferSettings,
    terms: SkuSupplyTerms,
    *,
    cycle_quantity_rule: str = "order_quantity",
) -> SkuBuffer:
    """Every buffer of one SKU.

    ``cycle_quantity_rule`` tells the fill-rate method which quantity is replenished per cycle:
    ``order_quantity`` (Q of (s, Q) and min-max), ``container`` (kanban) or ``review`` (d·R,
    for order-up-to type policies).
    """
    d = max(stats.mean_demand, 0.0)
    exposure = f.exposure_periods(terms.lead_time, terms.review_period)
    x = exposure_demand(stats, settings, terms)
    sigma = x.exposure.sd
    holding = terms.unit_cost * terms.holding_rate
    annual = d * terms.periods_per_year
    if holding > 0 and annual > 0:
        economic = f.eoq(
            annual_demand=annual,
            ordering_cost=terms.ordering_cost,
            holding_cost_per_unit_year=holding,
        )
    else:
        economic = max(d, 1.0)
    base_q = economic if settings.order_quantity == "eoq" else settings.fixed_order_quantity
    quantity = f.round_order_quantity(
        max(base_q, 1e-9), minimum=terms.min_order_quantity, multiple=terms.order_multiple
    )
    container = terms.container_size or settings.container_size or max(1.0, math.ceil(d))
    cycle_quantity = {
        "order_quantity": quantity,
        "container": container,
        "review": max(d * terms.review_period, 1e-9),
    }[cycle_quantity_rule]

    trigger = cycle_quantity_rule != "review"
    mean_exposure = d * exposure
    if terms.safety_stock is not None:
        safety = terms.safety_stock
    elif settings.method == "service_level":
        _target(settings.cycle_service_level, "cycle service level")
        safety = service.level_for_cycle_service(x, settings.cycle_service_level) - mean_exposure
    elif settings.method == "fill_rate":
        _target(settings.fill_rate, "fill rate")
        level = service.level_for_fill_rate(
            x, settings.fill_rate, trigger=trigger, quantity=cycle_quantity
        )
        safety = level - mean_exposure
    elif settings.method == "days_of_cover":
        safety = f.safety_stock_days_of_cover(
            settings.days_of_cover, mean_demand=d, days_per_period=terms.days_per_period
        )
    else:
        safety = settings.fixed_units
    k = safety / sigma if sigma > 0 else 0.0
    low = f.reorder_point(
        mean_demand=d,
        lead_time=terms.lead_time,
        review_period=terms.review_period,
        safety_stock=safety,
    )
    alpha = settings.kanban_safety_factor
    if alpha is None:
        alpha = max(safety, 0.0) / (d * exposure) if d * exposure > 0 else 0.0
    cards = settings.kanban_cards or f.kanban_count(
        demand_per_period=d, lead_time=exposure, safety_factor=alpha, container_size=container
    )
    expected_csl = service.cycle_service(x, low)
    expected_fill = service.expected_fill_rate(x, low, trigger=trigger, quantity=cycle_quantity)
    model = stats.model if _uses_model(stats, settings) else None
    return SkuBuffer(
        sku=stats.sku,
        mean_demand=d,
        demand_sd=stats.demand_sd,
        lead_time=terms.lead_time,
        lead_time_sd=terms.lead_time_sd,
        review_period=terms.review_period,
        exposure=exposure,
        sigma_exposure=sigma,
        safety_factor=k,
        safety_stock=safety,
        reorder_point=low,
        order_up_to=low,
        eoq=economic,
        order_quantity=quantity,
        max_level=low + quantity,
        container_size=float(container),
        kanban_safety_factor=float(alpha),
        kanban_cards=int(cards),
        annual_demand=annual,
        holding_cost_per_unit_year=holding,
        expected_cycle_service_level=float(expected_csl),
        expected_fill_rate=float(max(min(expected_fill, 1.0), 0.0)),
        demand_model=model.label if model is not None else "normal errors",
        sigma_source=model.sigma_source if model is not None else _sigma_words(stats, settings),
        model_reason=model.reason if model is not None else "",
    )


def safety_stock_at_levels(
    stats: SkuDemandStats,
    settings: BufferSettings,
    terms: SkuSupplyTerms,
    ratios: np.ndarray,
    *,
    cycle_quantity_rule: str = "order_quantity",
) -> np.ndarray:
    """Safety stock (units) that meets the target when the forecast runs at ``ratios`` × the
    plan's mean demand: ``SS(r) = y*(X_E | r·d) − r·d·E``, with ``y*`` the level of
    :func:`plan_sku` for the demand over the exposure at that forecast level.

    For a demand model whose distribution changes shape with the level (occurrence × size:
    the chance of demand follows the forecast, the sizes do not), a level that follows the
    forecast needs this safety stock, not the plan's scaled by a power of the level: with a
    low forecast the quantile of a mostly-zero sum can be below its mean, with a high one it
    lies further above it (Syntetos & Boylan 2005 on the non-normal lead-time demand of
    intermittent items)."""
    d = max(stats.mean_demand, 0.0)
    exposure = f.exposure_periods(terms.lead_time, terms.review_period)
    out = np.empty(len(ratios))
    for k, ratio in enumerate(np.asarray(ratios, dtype=float)):
        scaled = replace(stats, mean_demand=d * max(float(ratio), 0.0))
        if settings.method == "service_level" and terms.safety_stock is None:
            # the quantile alone (what plan_sku computes for this method, without the rest)
            x = exposure_demand(scaled, settings, terms)
            level = service.level_for_cycle_service(x, settings.cycle_service_level)
            out[k] = level - scaled.mean_demand * exposure
        else:
            plan = plan_sku(scaled, settings, terms, cycle_quantity_rule=cycle_quantity_rule)
            out[k] = plan.safety_stock
    return out


def _sigma_words(stats: SkuDemandStats, settings: BufferSettings) -> str:
    if settings.uncertainty == "forecast_error" and stats.forecast_error_sd is not None:
        return "backtest errors summed over the exposure"
    return "standard deviation of demand × √(L + R)"


def _target(value: float, name: str) -> None:
    if not 0.0 < value < 1.0:
        raise JitError(
            f"A {name} target must be between 0 and 1 (got {value}).", "Enter e.g. 0.95 for 95 %."
        )
