"""Buffers: safety stock, reorder point, order-up-to level, EOQ and kanban count, per SKU.

``formulas`` holds the textbook formulas (each citing its source); ``plan`` applies them per
SKU into a :class:`BufferTable`; ``settings`` holds :class:`BufferSettings`.
"""

from jitcore.buffers.formulas import (
    EoqCurve,
    cycle_service_level,
    eoq,
    eoq_curve,
    eoq_total_cost,
    exposure_sd,
    fill_rate_order_up_to,
    fill_rate_periodic_reorder_point,
    fill_rate_reorder_point,
    inverse_normal_loss,
    kanban_count,
    normal_loss,
    order_up_to_level,
    reorder_point,
    safety_stock_cycle_service_level,
    safety_stock_days_of_cover,
    safety_stock_fill_rate,
)
from jitcore.buffers.plan import (
    BufferTable,
    SkuBuffer,
    SkuDemandStats,
    SkuSupplyTerms,
    plan_sku,
    safety_stock_at_levels,
)
from jitcore.buffers.settings import BufferMethod, BufferSettings, Uncertainty

__all__ = [
    "BufferMethod",
    "BufferSettings",
    "BufferTable",
    "EoqCurve",
    "SkuBuffer",
    "SkuDemandStats",
    "SkuSupplyTerms",
    "Uncertainty",
    "cycle_service_level",
    "eoq",
    "eoq_curve",
    "eoq_total_cost",
    "exposure_sd",
    "fill_rate_order_up_to",
    "fill_rate_periodic_reorder_point",
    "fill_rate_reorder_point",
    "inverse_normal_loss",
    "kanban_count",
    "normal_loss",
    "order_up_to_level",
    "plan_sku",
    "safety_stock_at_levels",
    "reorder_point",
    "safety_stock_cycle_service_level",
    "safety_stock_days_of_cover",
    "safety_stock_fill_rate",
]
