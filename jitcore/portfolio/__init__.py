"""The whole assortment at once: a row per SKU with its totals pooled
(:mod:`~jitcore.portfolio.table`), the exceptions to look at first
(:mod:`~jitcore.portfolio.exceptions`) and per-SKU service targets that reach a portfolio fill
rate at least cost (:mod:`~jitcore.portfolio.targets`). Pure functions of a run's results."""

from jitcore.portfolio.exceptions import EXCEPTION_KINDS, ExceptionSettings, exceptions
from jitcore.portfolio.table import (
    COLUMNS,
    DIMENSIONS,
    NONE_GIVEN,
    PortfolioTotals,
    group_table,
    pooled_fill_rate,
    portfolio_table,
    portfolio_totals,
    select,
)
from jitcore.portfolio.targets import (
    SkuFrontiers,
    TargetPlan,
    TargetSettings,
    lower_hull,
    marginal_allocation,
    optimise_targets,
    sku_frontiers,
    with_optimised_targets,
)

__all__ = [
    "COLUMNS",
    "DIMENSIONS",
    "EXCEPTION_KINDS",
    "NONE_GIVEN",
    "ExceptionSettings",
    "PortfolioTotals",
    "SkuFrontiers",
    "TargetPlan",
    "TargetSettings",
    "exceptions",
    "group_table",
    "lower_hull",
    "marginal_allocation",
    "optimise_targets",
    "pooled_fill_rate",
    "portfolio_table",
    "portfolio_totals",
    "select",
    "sku_frontiers",
    "with_optimised_targets",
]
