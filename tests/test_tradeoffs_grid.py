"""Two-way grid and baseline-vs-what-if comparison: cells equal separate runs, monotone in both
settings where theory says so, the current cell found; comparison deltas and verdicts."""

from __future__ import annotations

import numpy as np
import pytest

from jitcore.errors import JitError
from jitcore.pipeline import run_scenario
from jitcore.tradeoffs import (
    Axis,
    compare,
    lead_time_axis,
    service_axis,
    two_way,
    with_target,
)
from tests.tradeoffs_helpers import forecasts, normal_demand, scenario


@pytest.fixture(scope="module")
def grid():
    base = scenario(paths=100)
    return two_way(
        normal_demand(),
        base,
        service_axis(base, (0.8, 0.9, 0.95, 0.99)),
        lead_time_axis(base, (0, 1, 2, 4)),
        forecasts=forecasts(),
    )


def test_cells_are_the_runs_of_their_settings(grid) -> None:
    assert grid.matrix("total_cost").shape == (4, 4)
    base = scenario(paths=100)
    for r, c in [(0, 0), (2, 3), (3, 1)]:
        value = with_target(base, "cycle_service_level", grid.rows.values[r]).with_setting(
            "supply.lead_time", grid.columns.values[c]
        )
        alone = run_scenario(normal_demand(), value, forecasts=forecasts()).kpis
        assert grid.kpis[r][c].total_cost == pytest.approx(alone.total_cost, rel=1e-12)


def test_stock_rises_with_the_target_and_the_lead_time(grid) -> None:
    stock = grid.matrix("average_on_hand")
    assert np.all(np.diff(stock, axis=0) > 0)  # higher target, more stock (each lead time)
    assert np.all(np.diff(stock, axis=1) > 0)  # longer lead time, more safety stock
    fill = grid.matrix("fill_rate")
    assert np.all(np.diff(fill, axis=0) >= -1e-12)
    assert grid.current == (2, 2)  # 95 % and lead time 2
    assert not grid.matrix("total_cost").flags.writeable


def test_default_axes_and_limits() -> None:
    base = scenario(**{"supply.lead_time": 3})
    axis = lead_time_axis(base)
    assert axis.values[0] == 0 and 3 in axis.values and max(axis.values) == 7
    fill = service_axis(scenario(**{"buffers.method": "fill_rate"}))
    assert fill.setting == "target:fill_rate" and "Fill rate" in fill.label
    big = Axis("supply.lead_time", tuple(range(21)), "Lead time (periods)")
    with pytest.raises(JitError):
        two_way(normal_demand(), base, big, big, forecasts=forecasts())


def test_comparison_table_deltas_and_verdicts() -> None:
    baseline = scenario(paths=100, **{"supply.lead_time": 4}).with_setting("name", "Long")
    whatif = baseline.with_setting("supply.lead_time", 1).with_setting("name", "Short")
    result = compare(normal_demand(), baseline, whatif, forecasts=forecasts())
    table = result.table().set_index("kpi")
    assert table.loc["average_on_hand", "change"] == pytest.approx(
        result.whatif.kpis.average_on_hand - result.baseline.kpis.average_on_hand
    )
    assert table.loc["average_on_hand", "change"] < 0
    assert table.loc["average_on_hand", "better"] is True  # less stock is better
    assert table.loc["holding_cost", "better"] is True
    assert table.loc["orders_placed", "better"] is None  # neither better nor worse
    assert table.loc["total_cost", "change_pct"] == pytest.approx(
        table.loc["total_cost", "change"] / table.loc["total_cost", "baseline"]
    )
    same = compare(normal_demand(), baseline, baseline, forecasts=forecasts()).table()
    assert (same["change"].fillna(0) == 0).all() and same["better"].isna().all()
    # different forecast settings: each side with its own forecasts
    other = whatif.with_setting("forecast.method", "naive")
    mixed = compare(normal_demand(), baseline, other, forecasts=forecasts())
    assert mixed.whatif.scenario.forecast.method == "naive"
