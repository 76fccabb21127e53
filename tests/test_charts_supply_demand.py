"""Supply & demand chart builders on real simulations: the traces drawn are the simulated numbers,
the band is ordered, the safety-stock line is the buffer plan's, and the variability view
reproduces the bullwhip theory of the order-up-to and POUT policies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jitcore.charts.supply_demand import (
    cost_figure,
    kpi_window,
    policy_levels,
    series_view,
    smoothing_sentence,
    supply_demand_figure,
    variability_figure,
)
from jitcore.demand import DemandData
from jitcore.forecast import ForecastSettings, forecast_all
from jitcore.pipeline import plan_buffers, prepare_demand, run_scenario
from jitcore.scenario import Scenario

MEAN, SD = 100.0, 20.0


@pytest.fixture(scope="module")
def steady() -> DemandData:
    """Two years of i.i.d. normal weekly demand, mean 100 and σ 20: the textbook case."""
    rng = np.random.default_rng(11)
    dates = pd.date_range("2023-01-02", periods=104, freq="W-MON")
    quantity = np.maximum(rng.normal(MEAN, SD, len(dates)), 0.0).round()
    frame = pd.DataFrame({"date": dates, "sku": "STEADY", "quantity": quantity})
    return DemandData(frame, "W", name="steady")


@pytest.fixture(scope="module")
def base() -> Scenario:
    """A flat forecast (the average) and normal demand paths around it."""
    return (
        Scenario(forecast=ForecastSettings(method="average"))
        .with_setting("simulation.demand_model", "normal")
        .with_setting("simulation.paths", 300)
    )


@pytest.fixture(scope="module")
def forecasts(steady: DemandData, base: Scenario):
    return forecast_all(steady, base.forecast)


def _run(steady, forecasts, scenario):
    return run_scenario(steady, scenario, forecasts=forecasts)


def _trace(fig, name: str):
    """The trace called ``name`` (or starting with it), bands excluded."""
    for trace in fig.data:
        if trace.name == name:
            return trace
    for trace in fig.data:
        if trace.name and trace.name.startswith(name) and "P10" not in trace.name:
            return trace
    raise AssertionError(f"no trace {name!r} in {[t.name for t in fig.data]}")


def test_timeline_traces_are_the_simulated_numbers(steady, base, forecasts) -> None:
    result = _run(steady, forecasts, base)
    fig = supply_demand_figure(result, "STEADY")
    names = [t.name for t in fig.data]
    for expected in ("Demand", "Forecast", "Orders", "Receipts", "On hand"):
        assert any(n and n.startswith(expected) for n in names), names
    assert any(n and n.startswith("Safety stock") for n in names)
    # the lines are the median over the recorded paths; orders the mean
    on_hand = result.timeline.series("on_hand", "STEADY")
    np.testing.assert_allclose(_trace(fig, "On hand").y, np.median(on_hand, axis=0))
    orders = result.timeline.series("orders", "STEADY")
    np.testing.assert_allclose(_trace(fig, "Orders").y, orders.mean(axis=0))
    # two rows share the time axis; every axis is titled with its unit
    assert fig.layout.xaxis.matches == "x2" or fig.layout.xaxis2.matches == "x"
    assert fig.layout.yaxis.title.text == "Units per week"
    assert fig.layout.yaxis2.title.text == "Units in stock"
    assert fig.layout.xaxis2.title.text == "Week"


def test_band_is_ordered_p10_p50_p90(steady, base, forecasts) -> None:
    result = _run(steady, forecasts, base)
    for name in ("demand", "on_hand"):
        view = series_view(result, name, "STEADY")
        assert view.kind == "median" and view.low is not None and view.high is not None
        assert np.all(view.low <= view.line + 1e-9)
        assert np.all(view.line <= view.high + 1e-9)
        assert np.any(view.high - view.low > 1.0)  # a real spread
    fig = supply_demand_figure(result, "STEADY")
    band = next(t for t in fig.data if t.name == "On hand P10–P90")
    n = len(result.dates)
    high, low = np.asarray(band.y[:n]), np.asarray(band.y[n:])[::-1]
    median = np.asarray(_trace(fig, "On hand").y)
    assert np.all(low <= median + 1e-9) and np.all(median <= high + 1e-9)
    # normal demand around a flat forecast of 100: the demand band is about 100 ± 1.28·20
    demand = series_view(result, "demand", "STEADY")
    assert np.mean(demand.line) == pytest.approx(MEAN, rel=0.05)
    assert np.mean(demand.high - demand.low) == pytest.approx(2 * 1.2816 * SD, rel=0.15)


def test_safety_stock_line_is_the_plan_tables_value(steady, base, forecasts) -> None:
    result = _run(steady, forecasts, base)
    plan = plan_buffers(prepare_demand(steady, base, forecasts), base).get("STEADY")
    fig = supply_demand_figure(result, "STEADY")
    line = np.asarray(_trace(fig, "Safety stock").y)
    assert plan.safety_stock > 0
    np.testing.assert_allclose(line, plan.safety_stock)
    assert result.buffers.get("STEADY").safety_stock == pytest.approx(plan.safety_stock)


def test_reorder_point_line_and_hidden_levels(steady, base, forecasts) -> None:
    scenario = base.with_setting("policy.kind", "reorder_point")
    result = _run(steady, forecasts, scenario)
    buffer = result.buffers.get("STEADY")
    fig = supply_demand_figure(result, "STEADY")
    line = _trace(fig, "Reorder point s")
    np.testing.assert_allclose(line.y, buffer.reorder_point)
    assert line.visible is not False and line.visible != "legendonly"
    # s = d·(L + R) + SS with L = 2, R = 1
    assert buffer.reorder_point == pytest.approx(3 * buffer.mean_demand + buffer.safety_stock)
    # order-up-to types keep their level in the legend (it includes stock on order)
    out = supply_demand_figure(_run(steady, forecasts, base), "STEADY")
    assert _trace(out, "Order-up-to S").visible == "legendonly"
    minmax = _run(steady, forecasts, scenario.with_setting("policy.kind", "min_max"))
    levels = policy_levels(minmax, "STEADY", minmax.buffers.get("STEADY"))
    b = minmax.buffers.get("STEADY")
    np.testing.assert_allclose(levels["Max S"] - levels["Min s"], b.order_quantity)


def test_one_path_view_draws_that_path(steady, base, forecasts) -> None:
    scenario = base.with_setting("policy.kind", "reorder_point")
    result = _run(steady, forecasts, scenario)
    fig = supply_demand_figure(result, "STEADY", path=3)
    np.testing.assert_allclose(
        _trace(fig, "On hand").y, result.timeline.series("on_hand", "STEADY")[3]
    )
    orders = _trace(fig, "Orders")
    assert orders.type == "bar"
    np.testing.assert_allclose(orders.y, result.timeline.series("orders", "STEADY")[3])
    # (s, Q) orders come in multiples of Q
    q = result.buffers.get("STEADY").order_quantity
    placed = np.asarray(orders.y)[np.asarray(orders.y) > 0]
    np.testing.assert_allclose(placed / q, np.round(placed / q))
    assert not any(t.name and "P10" in t.name for t in fig.data)


def test_replay_draws_the_actual_history(steady, base, forecasts) -> None:
    scenario = base.with_setting("simulation.mode", "replay")
    result = _run(steady, forecasts, scenario)
    view = series_view(result, "demand", "STEADY")
    assert view.kind == "actual" and view.low is None
    # the honest replay starts once the history allows a plan (10 periods without a season)
    history = steady.series("STEADY").to_numpy()
    np.testing.assert_allclose(view.line[10:], history[10:])
    assert np.isnan(view.line[:10]).all()
    fig = supply_demand_figure(result, "STEADY")
    assert "Replay of history" in fig.layout.title.subtitle.text
    assert kpi_window(result, "STEADY") == 94
    assert kpi_window(_run(steady, forecasts, base), "STEADY") == 52


def test_variability_order_up_to_passes_demand_on(steady, base, forecasts) -> None:
    """(R, S) with R = 1 and a fixed forecast orders exactly last period's demand: bullwhip 1."""
    result = _run(steady, forecasts, base)
    kpis = result.kpis_for("STEADY")
    assert kpis.bullwhip == pytest.approx(1.0, abs=1e-6)
    fig = variability_figure(result, "STEADY")
    demand, orders = fig.data
    assert demand.name.startswith("Demand: σ = ") and orders.name.startswith("Orders: σ = ")
    assert demand.name.split("= ")[1] == orders.name.split("= ")[1]
    assert "passes demand variability on" in fig.layout.title.subtitle.text
    assert sum(demand.y) == pytest.approx(100.0)  # shares of periods in percent
    assert fig.layout.xaxis.title.text == "Units per week"


def test_variability_pout_smooths_supply(steady, base, forecasts) -> None:
    """POUT with Ti = 4 on i.i.d. demand: Var(orders)/Var(demand) = 1/(2·Ti − 1) = 1/7
    (Disney & Towill 2003, Omega 31(3))."""
    scenario = base.with_setting("policy.kind", "pout").with_setting(
        "policy.smoothing_periods", 4.0
    )
    result = _run(steady, forecasts, scenario.with_setting("simulation.periods", 400))
    bullwhip = result.kpis_for("STEADY").bullwhip
    assert bullwhip == pytest.approx(1 / 7, rel=0.15)
    fig = variability_figure(result, "STEADY")
    assert "smooths supply" in fig.layout.title.subtitle.text
    sd = [float(t.name.split("= ")[1].split(" ")[0].replace(",", "")) for t in fig.data]
    assert (sd[1] / sd[0]) ** 2 == pytest.approx(bullwhip, rel=0.05)


def test_smoothing_sentence() -> None:
    assert "smooths" in smoothing_sentence(0.3)
    assert "amplifies" in smoothing_sentence(2.5)
    assert "passes" in smoothing_sentence(1.0)
    assert "No variability" in smoothing_sentence(float("nan"))
    assert "whole lots of 120 units" in smoothing_sentence(7.3, lot=120.0)


def test_cost_figure_adds_up_and_compares(steady, base, forecasts) -> None:
    result = _run(steady, forecasts, base)
    kpis = result.kpis_for("STEADY")
    fig = cost_figure(kpis, currency="€", periods=52, period="week")
    (bars,) = fig.data
    assert list(bars.y) == ["Holding", "Ordering", "Shortage", "Defects"]
    assert sum(bars.x) == pytest.approx(kpis.total_cost)
    assert kpis.ordering_cost == pytest.approx(52 * 50.0)  # one order every week at 50
    assert fig.layout.xaxis.title.text == "Cost (€)"
    assert "52 weeks" in fig.layout.title.text
    other = _run(steady, forecasts, base.with_setting("buffers.cycle_service_level", 0.99))
    compared = cost_figure(other.kpis_for("STEADY"), baseline=kpis, currency="€")
    assert [t.name.split(" (")[0] for t in compared.data] == ["Baseline", "This scenario"]
    # a higher service level holds more stock
    assert compared.data[1].x[0] > compared.data[0].x[0]
