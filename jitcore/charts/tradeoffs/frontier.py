"""Frontier charts: what each service target costs, what it achieves, and the stock it needs.

The x axis is the service target stretched towards 100 % (``−log10(1 − p)``: the step from
99 % to 99.9 % is as wide as from 90 % to 99 %), because that is where the cost rises.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, line_trace, style
from jitcore.charts.tradeoffs.common import (
    CURRENT_COLOR,
    SCENARIO_COLORS,
    big_ticks,
    mark_current,
    mark_minimum,
    money_title,
    nines,
    service_axis,
)
from jitcore.formatting import money, percent_label
from jitcore.tradeoffs.frontier import Frontier
from jitcore.vocabulary import COST_PART_LABELS, SERVICE_TARGETS, kpi_label

_PARTS = tuple(
    (name, COST_PART_LABELS[name], color, "solid")
    for name, color in (("holding_cost", COLORS["holding"]), ("ordering_cost", COLORS["ordering"]),
                        ("shortage_cost", COLORS["shortage"]), ("defect_cost", "#CC79A7"))
)  # fmt: skip


def _x_title(frontier: Frontier) -> str:
    return f"{SERVICE_TARGETS[frontier.target]} target (%)"


def frontier_cost_figure(frontier: Frontier, *, height: int = 500) -> go.Figure:
    """Total cost and its parts against the service target; the P10–P90 band of total cost
    across demand paths; the minimum (star) and the current setting (ringed dot) marked."""
    c, h = frontier.currency, frontier.horizon
    x = nines(frontier.targets)
    text = [percent_label(t) for t in frontier.targets]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=np.concatenate([x, x[::-1]]),
            y=np.concatenate([frontier.total_cost_p90, frontier.total_cost_p10[::-1]]),
            fill="toself",
            fillcolor="rgba(0,0,0,0.08)",
            line={"width": 0},
            name="Total, 10–90 % of paths",
            hoverinfo="skip",
        )
    )
    for kpi, name, color, dash in _PARTS:
        values = frontier.column(kpi)
        if not np.any(values > 0):
            continue
        fig.add_trace(
            line_trace(
                x,
                values,
                color=color,
                width=3,
                dash=dash,
                text=text,
                name=name,
                hovertemplate=f"{name}: {c}%{{y:,.0f}}<extra></extra>",
            )
        )
    total = frontier.column("total_cost")
    fig.add_trace(
        line_trace(
            x,
            total,
            color=COLORS["total"],
            width=5,
            mode="lines+markers",
            text=text,
            name=kpi_label("total_cost"),
            marker={"size": 6},
            hovertemplate=f"Target %{{text}}<br>Total: {c}%{{y:,.0f}}<extra></extra>",
        )
    )
    cur = frontier.current
    mark_current(
        fig,
        nines(cur.target),
        cur.kpis.total_cost,
        label=f"You: {percent_label(round(cur.target, 4))}",
        hover=f"Your setting: {money(cur.kpis.total_cost, c)}",
    )
    best = frontier.minimum
    mark_minimum(
        fig,
        x[best],
        total[best],
        label=f"Lowest cost: {percent_label(frontier.targets[best])}",
        hover=f"Lowest cost {money(total[best], c)} at {percent_label(frontier.targets[best])}",
    )
    style(
        fig,
        title="What each service target costs",
        y_title=money_title("Cost", c, h),
        height=height,
    )
    service_axis(fig, frontier.targets, _x_title(frontier))
    fig.update_yaxes(rangemode="tozero", tickprefix=c, separatethousands=True)
    fig.update_layout(hovermode="closest")
    big_ticks(fig)
    return fig


def frontier_service_figure(frontier: Frontier, *, height: int = 500) -> go.Figure:
    """Achieved fill rate and cycle service level from the simulation (solid) against the
    target, with the formula's prediction (dashed) and the line 'achieved = target' (dotted)."""
    x = nines(frontier.targets)
    text = [percent_label(t) for t in frontier.targets]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=100 * frontier.targets,
            mode="lines",
            name="Achieved = target",
            line={"color": COLORS["baseline"], "width": 2, "dash": "dot"},
            hoverinfo="skip",
        )
    )
    series = (
        ("fill_rate", "#0072B2", frontier.predicted_fill_rate),
        ("cycle_service_level", "#E69F00", frontier.predicted_cycle_service_level),
    )
    for kpi, color, predicted in series:
        name = kpi_label(kpi)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=100 * frontier.column(kpi),
                text=text,
                mode="lines",
                name=f"{name}, simulated",
                line={"color": color, "width": 4},
                hovertemplate=f"Target %{{text}}: {name} %{{y:.1f}} % simulated<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=100 * predicted,
                text=text,
                mode="lines",
                name=f"{name}, formula",
                line={"color": color, "width": 3, "dash": "dash"},
                hovertemplate=f"Target %{{text}}: {name} %{{y:.1f}} % by formula<extra></extra>",
            )
        )
    cur = frontier.current
    achieved = getattr(cur.kpis, frontier.target)
    mark_current(
        fig,
        nines(cur.target),
        100 * achieved,
        label=f"You: {percent_label(round(cur.target, 4))}",
        hover=f"Your setting achieves {100 * achieved:.1f} %",
    )
    style(
        fig,
        title="Service the target buys: simulated vs formula",
        y_title="Achieved service (%)",
        height=height,
    )
    service_axis(fig, frontier.targets, _x_title(frontier))
    fig.update_yaxes(ticksuffix=" %")
    fig.update_layout(hovermode="closest")
    big_ticks(fig)
    return fig


def frontier_inventory_figure(frontier: Frontier, *, height: int = 500) -> go.Figure:
    """The exchange curve: average stock (x) against the achieved fill rate (y), one point
    per target, with the current setting and the lowest-cost point."""
    stock = frontier.column("average_on_hand")
    fill = 100 * frontier.column("fill_rate")
    text = [percent_label(t) for t in frontier.targets]
    fig = go.Figure(
        go.Scatter(
            x=stock,
            y=fill,
            text=text,
            mode="lines+markers",
            name="Each target",
            line={"color": COLORS["on_hand"], "width": 4},
            marker={"size": 7},
            hovertemplate="Target %{text}<br>%{x:,.1f} units on hand<br>"
            "Fill rate %{y:.1f} %<extra></extra>",
        )
    )
    cur = frontier.current
    mark_current(
        fig,
        cur.kpis.average_on_hand,
        100 * cur.kpis.fill_rate,
        label="You",
        hover=f"Your setting: {cur.kpis.average_on_hand:,.1f} units, "
        f"fill rate {100 * cur.kpis.fill_rate:.1f} %",
        show_line=False,
    )
    best = frontier.minimum
    mark_minimum(fig, stock[best], fill[best], label="Lowest cost")
    style(
        fig,
        title="Stock needed for each fill rate",
        x_title="Average on hand (units)",
        y_title="Achieved fill rate (%)",
        height=height,
    )
    fig.update_yaxes(ticksuffix=" %")
    fig.update_layout(hovermode="closest")
    big_ticks(fig)
    return fig


def frontier_overlay_figure(frontiers: Mapping[str, Frontier], *, height: int = 500) -> go.Figure:
    """Total cost against the service target for several scenarios (e.g. baseline and
    what-if), each with its current setting marked."""
    colors = SCENARIO_COLORS
    fig = go.Figure()
    first = next(iter(frontiers.values()))
    shares: list[float] = []
    for i, (name, frontier) in enumerate(frontiers.items()):
        color = colors[i % len(colors)]
        x = nines(frontier.targets)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=frontier.column("total_cost"),
                text=[percent_label(t) for t in frontier.targets],
                mode="lines",
                name=name,
                line={"color": color, "width": 5},
                hovertemplate=f"{name}, target %{{text}}: "
                f"{frontier.currency}%{{y:,.0f}}<extra></extra>",
            )
        )
        cur = frontier.current
        fig.add_trace(
            go.Scatter(
                x=[nines(cur.target)],
                y=[cur.kpis.total_cost],
                mode="markers",
                name=f"{name}: current",
                marker={
                    "size": 20,
                    "color": color,
                    "line": {"width": 3, "color": CURRENT_COLOR},
                },
                hovertemplate=f"{name} as set: {money(cur.kpis.total_cost, frontier.currency)}"
                "<extra></extra>",
            )
        )
        shares.extend(frontier.targets)
    style(
        fig,
        title="Total cost against the service target",
        y_title=money_title(kpi_label("total_cost"), first.currency, first.horizon),
        height=height,
    )
    service_axis(fig, shares, _x_title(first))
    fig.update_yaxes(rangemode="tozero", tickprefix=first.currency, separatethousands=True)
    fig.update_layout(hovermode="closest")
    big_ticks(fig)
    return fig
