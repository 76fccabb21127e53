"""Views of the Trade-offs page, one module per view; :data:`VIEWS` lists them in the order
the page offers them, each as (label, draw function taking data, scenario and SKUs)."""

from __future__ import annotations

from collections.abc import Callable

from jitcore.demand import DemandData
from jitcore.scenario import Scenario
from ui.views.tradeoffs.compare import compare_view
from ui.views.tradeoffs.frontier import frontier_view
from ui.views.tradeoffs.levers import levers_view
from ui.views.tradeoffs.lot_size import lot_size_view
from ui.views.tradeoffs.sensitivity import grid_view, sensitivity_view

View = Callable[[DemandData, Scenario, tuple[str, ...]], None]

VIEWS: dict[str, tuple[str, View]] = {
    "frontier": ("Service vs cost", frontier_view),
    "lot_size": ("Lot size", lot_size_view),
    "levers": ("JIT levers", levers_view),
    "sensitivity": ("Sensitivity", sensitivity_view),
    "grid": ("Two-way", grid_view),
    "compare": ("Baseline vs what-if", compare_view),
}
