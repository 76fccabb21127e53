"""Cost trade-offs and what-if comparisons, on the simulation engine.

One module per question, each a single engine call over its variants (common random numbers):

* :mod:`~jitcore.tradeoffs.frontier` — service-versus-cost frontier (:func:`service_frontier`);
* :mod:`~jitcore.tradeoffs.lot_size` — EOQ curve as setup cost falls (:func:`lot_size_tradeoff`);
* :mod:`~jitcore.tradeoffs.levers` / :mod:`~jitcore.tradeoffs.waterfall` — JIT levers alone and
  together (:func:`lever_analysis`);
* :mod:`~jitcore.tradeoffs.sensitivity` — tornado of ±x % in each input (:func:`sensitivity`);
* :mod:`~jitcore.tradeoffs.grid` — two-way heatmap (:func:`two_way`);
* :mod:`~jitcore.tradeoffs.comparison` — baseline vs what-if (:func:`compare`);
* :mod:`~jitcore.tradeoffs.presets` — the 'today vs JIT' workshop preset (:func:`jit_preset`);
* :mod:`~jitcore.tradeoffs.reading` — plain-language reading help.
"""

from jitcore.tradeoffs.common import (
    ServiceTarget,
    service_target,
    target_value,
    with_target,
)
from jitcore.tradeoffs.comparison import COMPARED, Comparison, compare, kpi_change
from jitcore.tradeoffs.frontier import (
    Frontier,
    FrontierPoint,
    FrontierSettings,
    frontier_point,
    frontier_targets,
    service_frontier,
)
from jitcore.tradeoffs.grid import Axis, TwoWayGrid, lead_time_axis, service_axis, two_way
from jitcore.tradeoffs.levers import (
    LEVER_LABELS,
    LEVER_ORDER,
    LeverName,
    LeverSettings,
    apply_lever,
    apply_levers,
    lever_change,
)
from jitcore.tradeoffs.lot_size import (
    LotSizeCurve,
    LotSizeInputs,
    LotSizeTradeoff,
    lot_size_inputs,
    lot_size_tradeoff,
)
from jitcore.tradeoffs.presets import jit_levers, jit_preset, today_preset, workshop_presets
from jitcore.tradeoffs.scaling import PreparedRun, run_prepared, scale_demand
from jitcore.tradeoffs.sensitivity import (
    INPUT_LABELS,
    INPUTS,
    Sensitivity,
    SensitivitySettings,
    TornadoBar,
    sensitivity,
)
from jitcore.tradeoffs.waterfall import LeverAnalysis, LeverStep, lever_analysis, waterfall_frame

__all__ = [
    "COMPARED",
    "INPUTS",
    "INPUT_LABELS",
    "LEVER_LABELS",
    "LEVER_ORDER",
    "Axis",
    "Comparison",
    "Frontier",
    "FrontierPoint",
    "FrontierSettings",
    "LeverAnalysis",
    "LeverName",
    "LeverSettings",
    "LeverStep",
    "LotSizeCurve",
    "LotSizeInputs",
    "LotSizeTradeoff",
    "PreparedRun",
    "Sensitivity",
    "SensitivitySettings",
    "ServiceTarget",
    "TornadoBar",
    "TwoWayGrid",
    "apply_lever",
    "apply_levers",
    "compare",
    "frontier_point",
    "frontier_targets",
    "jit_levers",
    "jit_preset",
    "kpi_change",
    "lead_time_axis",
    "lever_analysis",
    "lever_change",
    "lot_size_inputs",
    "lot_size_tradeoff",
    "run_prepared",
    "scale_demand",
    "sensitivity",
    "service_axis",
    "service_frontier",
    "service_target",
    "target_value",
    "today_preset",
    "two_way",
    "waterfall_frame",
    "with_target",
    "workshop_presets",
]
