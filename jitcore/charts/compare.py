"""Compare charts: 2–4 scenarios on one picture each — cost parts side by side, orders and
stock over time overlaid, and the waterfall from one scenario to another. Scenarios keep one
colour on every chart, in their order (:data:`~jitcore.charts.tradeoffs.common.SCENARIO_COLORS`:
grey for the reference, then blue, green, pink); the frontiers overlaid are
:func:`jitcore.charts.tradeoffs.frontier_overlay_figure`."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jitcore.charts.supply_demand import series_view, supply_label
from jitcore.charts.theme import COLORS, FONT_SIZE, style
from jitcore.charts.tradeoffs.common import SCENARIO_COLORS
from jitcore.charts.tradeoffs.comparison import cost_parts_figure
from jitcore.charts.tradeoffs.levers import WATERFALL_KPIS, steps_waterfall_figure
from jitcore.compare import ScenarioComparison, ScenarioWaterfall
from jitcore.vocabulary import kpi_label, period_word


def scenario_color(comparison: ScenarioComparison, name: str) -> str:
    """The colour of a compared scenario (by its place in the comparison)."""
    return SCENARIO_COLORS[comparison.names.index(name) % len(SCENARIO_COLORS)]


def compare_cost_figure(
    comparison: ScenarioComparison, *, sku: str | None = None, height: int = 460
) -> go.Figure:
    """Each cost part and the total, one bar per scenario (``sku``: one SKU's costs)."""
    kpis = {name: comparison.kpis(name, sku) for name in comparison.names}
    scope = f" ({sku})" if sku else ""
    return cost_parts_figure(
        kpis,
        currency=comparison.currency,
        horizon=comparison.horizon,
        title=f"Cost by part{scope}",
        height=height,
    )


def compare_supply_demand_figure(
    comparison: ScenarioComparison, sku: str, *, height: int = 640
) -> go.Figure:
    """Two rows on one time axis for ``sku``. Top: each scenario's orders (mean over its
    recorded paths, units per period) and demand over them (dotted black, mean over the paths;
    the same draws for every scenario that shares them). Bottom: each scenario's stock on hand
    (median over its paths, units). A scenario that kept no timeline is left out and named in
    the subtitle."""
    first = comparison.result(comparison.names[0])
    period = period_word(first.frequency)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        row_heights=[0.45, 0.55])  # fmt: skip
    shown, missing = [], []
    for name in comparison.names:
        result = comparison.result(name)
        if result.timeline.paths == 0 or sku not in result.skus:
            missing.append(name)
            continue
        x = result.dates.to_numpy()
        color = scenario_color(comparison, name)
        orders = series_view(result, "orders", sku, mean=True)
        on_hand = series_view(result, "on_hand", sku)
        fig.add_trace(
            go.Scatter(
                x=x, y=orders.line, mode="lines", name=name, legendgroup=name,
                line={"color": color, "width": 3},
                hovertemplate=f"{name}: {supply_label(result).lower()} "
                f"%{{y:,.1f}} units/{period}<extra></extra>",
            ),
            row=1, col=1,
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=x, y=on_hand.line, mode="lines", name=name, legendgroup=name, showlegend=False,
                line={"color": color, "width": 3.5},
                hovertemplate=f"{name}: on hand %{{y:,.1f}} units<extra></extra>",
            ),
            row=2, col=1,
        )  # fmt: skip
        shown.append(result)
    if shown:  # drawn last, dotted, so it shows over orders that follow it exactly
        demand = series_view(shown[0], "demand", sku, mean=True)
        fig.add_trace(
            go.Scatter(
                x=shown[0].dates.to_numpy(), y=demand.line, mode="lines", name="Demand",
                line={"color": COLORS["demand"], "width": 2.5, "dash": "dot"},
                hovertemplate=f"Demand %{{y:,.1f}} units/{period}<extra></extra>",
            ),
            row=1, col=1,
        )  # fmt: skip
    notes = []
    if any(r.timeline.paths > 1 for r in shown):
        notes.append("Demand and orders: mean over the simulated paths; stock: their median.")
    if missing:
        notes.append(f"No timeline kept for {', '.join(missing)}.")
    style(fig, title=f"{sku}: demand, orders and stock per scenario", height=height)
    fig.update_layout(
        hovermode="x unified",
        title={"subtitle": {"text": " ".join(notes), "font": {"size": FONT_SIZE - 2}}},
        margin={"t": 130},
    )
    fig.update_yaxes(title_text=f"Units per {period}", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Units on hand", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(title_text=period.capitalize(), row=2, col=1)
    fig.update_xaxes(title_text="", row=1, col=1)
    return fig


def compare_waterfall_figure(
    waterfall: ScenarioWaterfall, kpi: str = "total_cost", *, height: int = 500
) -> go.Figure:
    """From the first scenario (bar) to the second (bar), one step per group of settings moved
    on top of the steps before (green = lower, red = higher); the steps add up to the gap."""
    label = WATERFALL_KPIS.get(kpi, (kpi_label(kpi), ""))[0]
    fig = steps_waterfall_figure(
        waterfall.waterfall(kpi),
        kpi,
        currency=waterfall.currency,
        horizon=waterfall.horizon,
        title=f"{label}: from {waterfall.start_name} to {waterfall.end_name}",
        height=height,
    )
    if not waterfall.steps:
        fig.add_annotation(
            text="The two scenarios have the same settings.", showarrow=False,
            xref="paper", yref="paper", x=0.5, y=0.5, font={"size": FONT_SIZE},
        )  # fmt: skip
    return fig
