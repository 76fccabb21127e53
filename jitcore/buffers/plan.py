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
from dataclasses import asdict, dataclass, fields

import pandas as pd

from jitcore.buffers import formulas as f
from jitcore.buffers.settings import BufferSettings
from jitcore.errors import JitError


@dataclass(frozen=True)
class SkuDemandStats:
    """What the buffer formulas need to know about one SKU's demand (units per period).

    ``forecast_error_sd(n)``: σ of the forecast error summed over ``n`` periods (from the
    forecast backtest), or None when there is no forecast.
    """

    sku: str
    mean_demand: float
    demand_sd: float
    forecast_error_sd: Callable[[float], float] | None = None


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
    expected_cycle_service_level: float  # Φ(k)
    expected_fill_rate: float  # 1 − σ_X·G(k)/Q (Q = the quantity replenished per cycle)


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
    """σ_X over ``L + R`` periods: from the forecast backtest (``forecast_error_sd(L+R)``) or
    ``sqrt(L+R)·σ_d``, plus the lead-time term ``d²·σ_L²`` (C&M ch. 12)."""
    exposure = f.exposure_periods(terms.lead_time, terms.review_period)
    if settings.uncertainty == "forecast_error" and stats.forecast_error_sd is not None:
        base = float(stats.forecast_error_sd(exposure))
        if not math.isfinite(base):
            base = math.sqrt(exposure) * stats.demand_sd
    else:
        base = math.sqrt(exposure) * stats.demand_sd
    return f.combine_lead_time_variability(
        base, mean_demand=stats.mean_demand, lead_time_sd=terms.lead_time_sd
    )


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
    sigma = sigma_over_exposure(stats, settings, terms)
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

    if terms.safety_stock is not None:
        safety = terms.safety_stock
    elif settings.method == "service_level":
        safety = f.safety_stock_cycle_service_level(settings.cycle_service_level, sigma)
    elif settings.method == "fill_rate":
        safety = f.safety_stock_fill_rate(
            settings.fill_rate, sigma_exposure=sigma, cycle_quantity=cycle_quantity
        )
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
    if sigma > 0:
        expected_csl = f.cycle_service_level(
            level=low, mean_exposure=d * exposure, sigma_exposure=sigma
        )
        expected_fill = 1.0 - sigma * f.normal_loss(k) / cycle_quantity
    else:
        expected_csl = 1.0 if safety >= 0 else 0.0
        expected_fill = 1.0 if safety >= 0 else 0.0
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
    )
