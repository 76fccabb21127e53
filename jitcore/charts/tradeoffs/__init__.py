"""Trade-off charts (plotly, projector theme): frontier, lot size, levers, tornado, heatmap,
baseline vs what-if. Each builder takes a result of :mod:`jitcore.tradeoffs`."""

from jitcore.charts.tradeoffs.common import nines
from jitcore.charts.tradeoffs.comparison import comparison_cost_figure, cost_parts_figure
from jitcore.charts.tradeoffs.frontier import (
    frontier_cost_figure,
    frontier_inventory_figure,
    frontier_overlay_figure,
    frontier_service_figure,
)
from jitcore.charts.tradeoffs.grid import heatmap_figure
from jitcore.charts.tradeoffs.levers import (
    WATERFALL_KPIS,
    levers_alone_figure,
    steps_waterfall_figure,
    waterfall_figure,
)
from jitcore.charts.tradeoffs.lot_size import lot_size_figure
from jitcore.charts.tradeoffs.sensitivity import tornado_figure

__all__ = [
    "WATERFALL_KPIS",
    "comparison_cost_figure",
    "cost_parts_figure",
    "frontier_cost_figure",
    "frontier_inventory_figure",
    "frontier_overlay_figure",
    "frontier_service_figure",
    "heatmap_figure",
    "levers_alone_figure",
    "lot_size_figure",
    "nines",
    "steps_waterfall_figure",
    "tornado_figure",
    "waterfall_figure",
]
