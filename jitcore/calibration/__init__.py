"""Calibration: does the service a plan promises match the service the simulation delivers?

:func:`calibrate` runs one scenario in each simulation mode (Monte Carlo and replay of the
history; one :func:`~jitcore.pipeline.run_scenario` call per mode for every SKU, on the same
forecasts) and compares, per SKU, the service **target** of the buffers with the service
**achieved**:

* the target is the scenario's buffer target: ``buffers.method = service_level`` → the cycle
  service level ``buffers.cycle_service_level`` (share of service cycles in which no period
  ends with demand unmet, "P1"; see :mod:`jitcore.kpis`); ``fill_rate`` → the fill rate ``buffers.fill_rate`` (share of demand served
  from stock, "P2"; Silver, Pyke & Thomas 2017, ch. 6);
* the achieved value is the same KPI of the simulation (:mod:`jitcore.kpis`), pooled over its
  paths;
* the **gap** is ``100 × (achieved − target)`` in percentage points; a SKU is **flagged** in a
  mode when ``|gap| > FLAG_POINTS`` (3 points).

Where a simple rule can tell why a SKU may miss, the row says so in plain words (see
:data:`REASON_RULES`): a short history, sizes that vary many times over, demand in whole units
so that the next unit of stock jumps the service, intermittent demand, a level shift in the
history's last year (replay) or a lead time that is long against the history. The rules are
heuristics: they name likely causes, they do not prove them.

:meth:`CalibrationTable.summary` aggregates per mode and Syntetos–Boylan demand class
(:func:`jitcore.profile.syntetos_boylan_class`): items, median achieved service, and the shares
of items within 5 points of the target and at or above target − 5 points.
"""

from jitcore.calibration.reasons import (
    LEAD_TIME_WINDOWS,
    LEVEL_SHIFT,
    NO_DEMAND,
    REASON_RULES,
    SIZE_RATIO,
    STRONG,
    WHOLE_UNIT_EXPOSURE,
    ItemTraits,
    explain,
    item_traits,
    whole_unit_step,
)
from jitcore.calibration.table import (
    CalibrationTable,
    ModeCalibration,
    SkuCalibration,
    calibrate,
)
from jitcore.calibration.target import (
    FLAG_POINTS,
    SUMMARY_POINTS,
    ServiceMeasure,
    ServiceTarget,
    SimulationMode,
    service_target,
    sku_service_target,
)

__all__ = [
    "FLAG_POINTS",
    "LEAD_TIME_WINDOWS",
    "LEVEL_SHIFT",
    "NO_DEMAND",
    "REASON_RULES",
    "SIZE_RATIO",
    "STRONG",
    "SUMMARY_POINTS",
    "WHOLE_UNIT_EXPOSURE",
    "CalibrationTable",
    "ItemTraits",
    "ModeCalibration",
    "ServiceMeasure",
    "ServiceTarget",
    "SimulationMode",
    "SkuCalibration",
    "calibrate",
    "explain",
    "item_traits",
    "service_target",
    "sku_service_target",
    "whole_unit_step",
]
