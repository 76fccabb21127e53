"""Chart styling cost: ``theme.style()`` on a one-trace figure and on two stacked subplots,
against plotly's validated ``update_layout(template=...)`` path it replaces, and the Plan
page's EOQ figure built (styled) end to end."""

from __future__ import annotations

import time
from pathlib import Path

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jitcore.charts.plan import eoq_figure
from jitcore.charts.theme import style
from jitcore.forecast import forecast_all
from jitcore.intake import read_demand
from jitcore.pipeline import plan_buffers, prepare_demand
from jitcore.scenario import Scenario

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "teaching_weekly_long.csv"
SKU = "SEASONAL-01"
REPEAT = 20


def _one() -> go.Figure:
    return go.Figure(go.Scatter(x=list(range(52)), y=list(range(52))))


def _two() -> go.Figure:
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True)
    fig.add_scatter(x=list(range(52)), y=list(range(52)), row=1, col=1)
    fig.add_scatter(x=list(range(52)), y=list(range(52)), row=2, col=1)
    return fig


def _validated(fig: go.Figure) -> go.Figure:
    """The plotly path (template copied and validated on every call) for comparison."""
    fig.update_layout(template="plotly_white", title={"text": "t"}, font={"size": 16})
    fig.update_xaxes(title_text="x", showgrid=True)
    fig.update_yaxes(title_text="y", showgrid=True)
    return fig


def _mean_ms(make, apply) -> float:
    """Mean time of ``apply`` over ``REPEAT`` fresh figures, in milliseconds."""
    figures = [make() for _ in range(REPEAT)]
    start = time.perf_counter()
    for fig in figures:
        apply(fig)
    return 1000.0 * (time.perf_counter() - start) / REPEAT


def run() -> list[dict]:
    styled = {"title": "Title", "x_title": "Week", "y_title": "Units"}
    results = [
        {"name": "charts: style() one trace", "value": _mean_ms(_one, lambda f: style(f, **styled)),
         "unit": "ms"},
        {"name": "charts: style() two subplots", "value": _mean_ms(_two, lambda f: style(f, **styled)),
         "unit": "ms"},
        {"name": "charts: plotly template= path (reference)", "value": _mean_ms(_one, _validated),
         "unit": "ms"},
    ]  # fmt: skip
    data = read_demand(SAMPLE)
    scenario = Scenario()
    forecasts = forecast_all(data, scenario.forecast)
    prepared = prepare_demand(data, scenario.with_setting("simulation.paths", 1), forecasts)
    buffer = plan_buffers(prepared, scenario).get(SKU)
    start = time.perf_counter()
    for _ in range(REPEAT):
        eoq_figure(buffer, ordering_cost=scenario.costs.ordering_cost)
    eoq_ms = 1000.0 * (time.perf_counter() - start) / REPEAT
    results.append({"name": "charts: EOQ figure built", "value": eoq_ms, "unit": "ms"})
    return results
