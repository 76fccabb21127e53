"""Buffer settings: how safety stock, the order quantity and the kanban loop are set."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jitcore.settings import Settings

BufferMethod = Literal["service_level", "fill_rate", "days_of_cover", "fixed_units"]
Uncertainty = Literal["forecast_error", "demand_sd"]


class BufferSettings(Settings):
    """How safety stock and the order quantity are set (formulas in :mod:`jitcore.buffers`)."""

    method: BufferMethod = Field(
        "service_level",
        description="how safety stock is set: service_level (cycle service level), fill_rate "
        "(fill-rate target via the loss function), days_of_cover or fixed_units",
    )
    cycle_service_level: float = Field(
        0.95, gt=0.0, lt=1.0, description="probability of no stockout per cycle, e.g. 0.95"
    )
    fill_rate: float = Field(
        0.98, gt=0.0, lt=1.0, description="share of demand served from stock, e.g. 0.98"
    )
    days_of_cover: float = Field(
        7.0, ge=0.0, le=3660.0, description="safety stock in days of average demand"
    )
    fixed_units: float = Field(0.0, ge=0.0, description="safety stock in units, for every SKU")
    uncertainty: Uncertainty = Field(
        "forecast_error",
        description="demand uncertainty from the forecast error (backtest) or from the "
        "standard deviation of demand",
    )
    order_quantity: Literal["eoq", "fixed"] = Field(
        "eoq", description="order quantity Q of (s, Q) and min-max: eoq or fixed"
    )
    fixed_order_quantity: float = Field(
        100.0, gt=0.0, description="order quantity Q in units when order_quantity is fixed"
    )
    container_size: float | None = Field(
        None, gt=0.0, description="kanban container size in units; empty = one period's demand"
    )
    kanban_safety_factor: float | None = Field(
        None,
        ge=0.0,
        description="kanban safety factor alpha; empty = derived from the safety stock",
    )
    kanban_cards: int | None = Field(
        None,
        ge=1,
        le=100_000,
        description="number of kanban cards; empty = from the kanban formula",
    )
