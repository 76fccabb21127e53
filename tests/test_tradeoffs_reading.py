"""Reading help and charts: the sentences quote the analyses' numbers; every figure has unit
titles and marks the current setting."""

from __future__ import annotations

import json

import pytest

from jitcore.charts.tradeoffs import (
    comparison_cost_figure,
    frontier_cost_figure,
    frontier_inventory_figure,
    frontier_overlay_figure,
    frontier_service_figure,
    heatmap_figure,
    levers_alone_figure,
    lot_size_figure,
    tornado_figure,
    waterfall_figure,
)
from jitcore.charts.tradeoffs.common import log_ticks, nines
from jitcore.pipeline import run_scenario
from jitcore.tradeoffs import (
    FrontierSettings,
    SensitivitySettings,
    compare,
    jit_levers,
    lead_time_axis,
    lever_analysis,
    lot_size_inputs,
    lot_size_tradeoff,
    sensitivity,
    service_axis,
    service_frontier,
    today_preset,
    two_way,
)
from jitcore.tradeoffs import reading as rd
from tests.tradeoffs_helpers import forecasts, normal_demand, scenario


@pytest.fixture(scope="module")
def analyses():
    base = scenario(paths=60)
    today = today_preset(base)
    data, fc = normal_demand(), forecasts()
    return {
        "frontier": service_frontier(data, base, FrontierSettings(points=12), forecasts=fc),
        "lot": lot_size_tradeoff(lot_size_inputs(run_scenario(data, today, forecasts=fc))),
        "levers": lever_analysis(data, today, jit_levers(today), forecasts=fc),
        "sensitivity": sensitivity(
            data, base, SensitivitySettings(inputs=("demand_level", "yield")), forecasts=fc
        ),
        "grid": two_way(
            data,
            base,
            service_axis(base, (0.9, 0.95)),
            lead_time_axis(base, (1, 2, 3)),
            forecasts=fc,
        ),  # fmt: skip
        "comparison": compare(data, today, base, forecasts=fc),
    }


def test_money_and_percent_formats() -> None:
    assert rd.money(1234.4) == "$1,234" and rd.money(12.345, "€") == "€12.35"
    assert rd.money(-50.0, signed=True) == "−$50.00" and rd.money(150, signed=True) == "+$150"
    assert rd.percent(0.9512) == "95.1 %" and rd.units(1234.5) == "1,234"


def test_reading_quotes_the_numbers(analyses) -> None:
    f = analyses["frontier"]
    lines = rd.read_frontier(f)
    best = f.kpis[f.minimum]
    assert rd.money(best.total_cost) in lines[0]
    assert "Your current target of 95.0 %" in lines[1]
    assert any("Each extra point of cycle service level above 98 %" in s for s in lines)
    lot = rd.read_lot_size(analyses["lot"])
    assert f"{analyses['lot'].today.optimum:,.0f}" in lot[0] or "units per order" in lot[0]
    assert "(at the optimum)" in lot[1]  # the preset's (s, Q) orders the EOQ
    levers = rd.read_levers(analyses["levers"])
    change = analyses["levers"].total_change("total_cost")
    assert rd.money(change, signed=True) in levers[0]
    assert any(s.startswith("More frequent review: no change") for s in levers)
    sens = rd.read_sensitivity(analyses["sensitivity"])
    top = analyses["sensitivity"].frame("total_cost").iloc[0]
    assert top["label"].lower() in sens[0]
    grid = rd.read_grid(analyses["grid"])
    assert "Your current setting (framed)" in grid[1] and "period less lead time" in grid[2]
    comparison = rd.read_comparison(analyses["comparison"])
    assert "(Base)" in comparison[0] and "(Today)" in comparison[0]


def _spec(fig) -> dict:
    return json.loads(fig.to_json())


def test_figures_have_unit_titles_and_mark_the_current_setting(analyses) -> None:
    f = analyses["frontier"]
    figures = [
        frontier_cost_figure(f),
        frontier_service_figure(f),
        frontier_inventory_figure(f),
        lot_size_figure(analyses["lot"], period_word="week"),
        frontier_overlay_figure({"A": f, "B": f}),
    ]
    for fig in figures:
        spec = _spec(fig)
        layout = spec["layout"]
        assert "(" in layout["yaxis"]["title"]["text"], layout["yaxis"]["title"]
        assert "(" in layout["xaxis"]["title"]["text"], layout["xaxis"]["title"]
        names = [t.get("name", "") for t in spec["data"]]
        assert any(n.startswith(("You", "Your lot")) or "current" in n for n in names), names
        assert layout["font"]["size"] >= 16
    cost = _spec(frontier_cost_figure(f))
    you = next(t for t in cost["data"] if t.get("name", "").startswith("You"))
    assert you["x"] == [pytest.approx(nines(0.95))]
    assert you["y"] == [pytest.approx(f.current.kpis.total_cost)]
    ticks = cost["layout"]["xaxis"]["ticktext"]
    assert "95 %" in ticks and "99 %" in ticks


def test_waterfall_tornado_heatmap_and_comparison_figures(analyses) -> None:
    analysis = analyses["levers"]
    water = _spec(waterfall_figure(analysis))["data"][0]
    assert water["type"] == "waterfall"
    assert water["measure"][0] == "absolute" and water["measure"][-1] == "total"
    assert sum(water["y"][:-1]) == pytest.approx(analysis.combined.total_cost)
    assert "fill" in water["x"][0]
    alone = _spec(levers_alone_figure(analysis, "average_on_hand"))
    assert len(alone["data"][0]["y"]) == len(analysis.alone)
    tornado = _spec(tornado_figure(analyses["sensitivity"]))
    assert [t["name"] for t in tornado["data"]] == ["Input −20 %", "Input +20 %"]
    assert (
        "per year" in tornado["layout"]["xaxis"]["title"]["text"]
        or "over" in (tornado["layout"]["xaxis"]["title"]["text"])
    )
    heat = _spec(heatmap_figure(analyses["grid"]))
    (rect,) = heat["layout"]["shapes"]
    assert (rect["x0"], rect["y0"]) == (0.5, 0.5)  # lead time 2, target 95 %
    fill = _spec(heatmap_figure(analyses["grid"], "fill_rate"))
    assert fill["data"][0]["colorbar"]["title"]["text"] == "%"
    bars = _spec(comparison_cost_figure(analyses["comparison"]))
    assert [t["name"] for t in bars["data"]] == ["Today", "Base"]
    assert log_ticks(3, 120) == [5, 10, 20, 50, 100]
