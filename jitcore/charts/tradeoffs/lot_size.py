"""The lot-size chart: annual ordering, holding and total cost against the order quantity,
with the economic lot and the current lot marked, and how the curve moves as setups get
cheaper. The x axis is logarithmic so a lot 20× below the EOQ still fits."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, style
from jitcore.charts.tradeoffs.common import (
    CURRENT_COLOR,
    REDUCTION_COLORS,
    big_ticks,
    log_ticks,
    mark_current,
    mark_minimum,
    tick_text,
)
from jitcore.formatting import money
from jitcore.tradeoffs.lot_size import LotSizeTradeoff


def lot_size_figure(
    tradeoff: LotSizeTradeoff,
    *,
    currency: str = "$",
    period_word: str = "period",
    height: int = 520,
) -> go.Figure:
    """Today's curves (ordering, holding, total) and the total for each cheaper setup, the
    economic lot of each (stars joined by a dotted 'optimum path') and the current lot."""
    q = tradeoff.quantities
    unit = "units" if tradeoff.unit == "units" else f"{period_word}s of demand"
    today = tradeoff.today
    fig = go.Figure()
    for part, name, cost in (("ordering", "Ordering (today)", today.ordering),
                             ("holding", "Holding", today.holding)):  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=q,
                y=cost,
                mode="lines",
                name=name,
                line={"color": COLORS[part], "width": 3},
                hovertemplate=f"%{{x:,.1f}} {unit}: {part} {currency}%{{y:,.0f}}<extra></extra>",
            )
        )
    for i, curve in enumerate(tradeoff.curves):
        color = REDUCTION_COLORS[i % len(REDUCTION_COLORS)]
        name = "Total (today)" if curve.reduction == 0 else f"Total, setup −{curve.reduction:.0%}"
        fig.add_trace(
            go.Scatter(
                x=q,
                y=curve.total,
                mode="lines",
                name=name,
                line={
                    "color": color,
                    "width": 5 if i == 0 else 3,
                    "dash": "solid" if i == 0 else "dash",
                },  # fmt: skip
                hovertemplate=f"{name}: %{{x:,.1f}} {unit}, {currency}%{{y:,.0f}}<extra></extra>",
            )
        )
    optima_x = [c.optimum for c in tradeoff.curves]
    optima_y = [c.minimum_cost for c in tradeoff.curves]
    if len(optima_x) > 1:
        fig.add_trace(
            go.Scatter(
                x=optima_x,
                y=optima_y,
                mode="lines",
                name="Economic lot as setups get cheaper",
                line={"color": "#009E73", "width": 2, "dash": "dot"},
                hoverinfo="skip",
            )
        )
    for curve in tradeoff.curves[1:]:
        fig.add_trace(
            go.Scatter(
                x=[curve.optimum],
                y=[curve.minimum_cost],
                mode="markers",
                showlegend=False,
                marker={"size": 14, "color": "#009E73", "symbol": "diamond"},
                hovertemplate=f"Setup −{curve.reduction:.0%}: EOQ {curve.optimum:,.1f} {unit}, "
                f"{money(curve.minimum_cost, currency)}<extra></extra>",
            )
        )
    top = 4.0 * today.minimum_cost  # the curve's useful part; a dearer current lot is pinned
    off_chart = tradeoff.current_cost > top
    hover = f"Your lot {tradeoff.current:,.1f} {unit}: {money(tradeoff.current_cost, currency)}"
    mark_current(
        fig,
        tradeoff.current,
        0.96 * top if off_chart else tradeoff.current_cost,
        label=f"Your lot: {tradeoff.current:,.1f} {unit}",
        hover=hover,
    )
    if off_chart:
        fig.add_annotation(
            x=np.log10(tradeoff.current),
            y=0.96 * top,
            text=f"↑ {money(tradeoff.current_cost, currency)} a year, off the chart",
            showarrow=False,
            xanchor="left",
            xshift=16,
            font={"size": 16, "color": CURRENT_COLOR},
        )
    mark_minimum(
        fig,
        today.optimum,
        today.minimum_cost,
        label=f"EOQ today: {today.optimum:,.1f} {unit}",
        hover=f"EOQ {today.optimum:,.1f} {unit}: {money(today.minimum_cost, currency)}",
    )
    style(
        fig,
        title="Lot size: ordering against holding cost",
        x_title=f"Order quantity ({unit} per order, log scale)",
        y_title=f"Cost ({currency} per year)",
        height=height,
    )
    ticks = log_ticks(q[0], q[-1])
    fig.update_xaxes(
        type="log",
        range=[np.log10(q[0]), np.log10(q[-1])],
        tickvals=ticks,
        ticktext=[tick_text(t) for t in ticks],
    )
    fig.update_yaxes(range=[0, top], tickprefix=currency, separatethousands=True)
    fig.update_layout(hovermode="closest")
    big_ticks(fig)
    return fig
