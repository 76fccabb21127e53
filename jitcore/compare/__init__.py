"""Scenarios compared side by side on the same data and SKUs.

* :mod:`~jitcore.compare.side_by_side` — 2–4 scenarios run on the same draws, their KPIs with
  the change against a reference and better/worse (:func:`compare_scenarios`);
* :mod:`~jitcore.compare.waterfall` — the waterfall between any two, one group of settings at a
  time (:func:`scenario_waterfall`);
* :mod:`~jitcore.compare.reading` — plain-language reading help.

The service-vs-cost frontier of each scenario is :func:`jitcore.tradeoffs.service_frontier`;
the charts are in :mod:`jitcore.charts.compare`.
"""

from jitcore.compare.reading import read_side_by_side, read_waterfall
from jitcore.compare.side_by_side import (
    MAX_SCENARIOS,
    MIN_SCENARIOS,
    ForecastsBySetting,
    ScenarioComparison,
    check_count,
    compare_scenarios,
    run_by_forecast,
)
from jitcore.compare.waterfall import (
    STEPS,
    ScenarioWaterfall,
    chain,
    describe_step,
    scenario_waterfall,
    step_of,
)

__all__ = [
    "MAX_SCENARIOS",
    "MIN_SCENARIOS",
    "STEPS",
    "ForecastsBySetting",
    "ScenarioComparison",
    "ScenarioWaterfall",
    "chain",
    "check_count",
    "compare_scenarios",
    "describe_step",
    "read_side_by_side",
    "read_waterfall",
    "run_by_forecast",
    "scenario_waterfall",
    "step_of",
]
