"""Supply & demand redraw timings on the teaching sample: one SKU simulated (the page's
``ui.cache.run`` call without the cache) and the three figures built and serialised, at the default
200 paths and at 1,000 paths. A redraw should stay well under a second."""

from __future__ import annotations

import time
from pathlib import Path

from jitcore.charts.plan import plan_table
from jitcore.charts.supply_demand import cost_figure, supply_demand_figure, variability_figure
from jitcore.forecast import forecast_all
from jitcore.intake import read_demand
from jitcore.pipeline import plan_buffers, prepare_demand, run_scenario
from jitcore.scenario import Scenario

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "teaching_weekly_long.csv"
SKU = "SEASONAL-01"
REPEAT = 5


def _best(function, repeat: int = REPEAT) -> float:
    """Best of ``repeat`` wall-clock times in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1000.0 * min(times)


def run() -> list[dict]:
    data = read_demand(SAMPLE)
    scenario = Scenario()
    forecasts = forecast_all(data, scenario.forecast)
    one = {SKU: forecasts[SKU]}
    figures = []
    for paths in (200, 1000):
        s = scenario.with_setting("simulation.paths", paths)
        run_scenario(data, s, forecasts=one, skus=[SKU])  # compile / load the kernel
        # a new setting each time, as a slider move gives (no cache)
        levels = iter([0.90 + 0.001 * i for i in range(100)])

        def simulate(s=s, levels=levels):
            return run_scenario(
                data, s.with_setting("buffers.cycle_service_level", next(levels)),
                forecasts=one, skus=[SKU],
            )  # fmt: skip

        result = simulate()

        def draw(result=result):
            for fig in (
                supply_demand_figure(result, SKU),
                variability_figure(result, SKU),
                cost_figure(result.kpis_for(SKU), baseline=result.kpis_for(SKU)),
            ):
                fig.to_json()

        figures += [
            {"name": f"pages: run_scenario 1 SKU, {paths} paths", "value": _best(simulate),
             "unit": "ms"},
            {"name": f"pages: 3 figures built + serialised, {paths} paths", "value": _best(draw),
             "unit": "ms"},
        ]  # fmt: skip

    def plan():
        prepared = prepare_demand(data, scenario.with_setting("simulation.paths", 1), forecasts)
        plan_table(plan_buffers(prepared, scenario), data.frequency)

    figures.append({"name": "pages: plan table, 6 SKUs", "value": _best(plan), "unit": "ms"})
    return figures
