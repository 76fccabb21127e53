"""Buffer settings: how safety stock, the order quantity and the kanban loop are set."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jitcore.settings import Settings, amount, target, whole

BufferMethod = Literal["service_level", "fill_rate", "days_of_cover", "fixed_units"]
Uncertainty = Literal["forecast_error", "demand_sd"]


class BufferSettings(Settings):
    """How safety stock and the order quantity are set (formulas in :mod:`jitcore.buffers`)."""

    method: BufferMethod = Field(
        "service_level",
        description="how safety stock is set: service_level (cycle service level), fill_rate "
        "(fill-rate target via the loss function), days_of_cover or fixed_units",
    )
    cycle_service_level: float = target(0.95, "probability of no stockout per cycle, e.g. 0.95")
    fill_rate: float = target(0.98, "share of demand served from stock, e.g. 0.98")
    days_of_cover: float = amount(7.0, "safety stock in days of average demand", high=3660.0)
    fixed_units: float = amount(0.0, "safety stock in units, for every SKU")
    uncertainty: Uncertainty = Field(
        "forecast_error",
        description="demand uncertainty from the forecast error (backtest) or from the "
        "standard deviation of demand",
    )
    order_quantity: Literal["eoq", "fixed"] = Field(
        "eoq", description="order quantity Q of (s, Q) and min-max: eoq or fixed"
    )
    fixed_order_quantity: float = amount(
        100.0, "order quantity Q in units when order_quantity is fixed", positive=True
    )
    container_size: float | None = amount(
        None, "kanban container size in units; empty = one period's demand", positive=True
    )
    kanban_safety_factor: float | None = amount(
        None, "kanban safety factor alpha; empty = derived from the safety stock"
    )
    kanban_cards: int | None = whole(
        None, "number of kanban cards; empty = from the kanban formula", low=1, high=100_000
    )
