"""Charts of the Learn JIT lessons: a curve with the current setting marked, and grouped bars.

Both take plain numbers from :mod:`jitcore.lessons` and share the projector look of
:mod:`jitcore.charts.theme`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, style

#: Line colours in order (Okabe-Ito, as the theme).
PALETTE = (COLORS["forecast"], COLORS["orders"], COLORS["receipts"], COLORS["safety_stock"],
           COLORS["demand"])  # fmt: skip


def curve_figure(
    x: Sequence[float],
    lines: Mapping[str, Sequence[float]],
    *,
    marks: Mapping[str, tuple[float, float]] | None = None,
    title: str,
    x_title: str,
    y_title: str,
    height: int = 420,
    log_y: bool = False,
) -> go.Figure:
    """One line per entry of ``lines`` over ``x``; ``marks`` are labelled points (the
    audience's setting) drawn as large dots."""
    fig = go.Figure()
    for (name, ys), color in zip(lines.items(), PALETTE * 2, strict=False):
        fig.add_trace(
            go.Scatter(
                x=list(x), y=list(ys), name=name, mode="lines", line={"width": 3, "color": color}
            )
        )
    for label, (mx, my) in (marks or {}).items():
        fig.add_trace(
            go.Scatter(
                x=[mx],
                y=[my],
                name=label,
                mode="markers+text",
                text=[label],
                textposition="top center",
                marker={"size": 14, "color": COLORS["highlight"]},
                showlegend=False,
            )
        )
    style(fig, title=title, x_title=x_title, y_title=y_title, height=height)
    fig.update_yaxes(**({"type": "log"} if log_y else {"rangemode": "tozero"}))
    return fig


def bars_figure(
    categories: Sequence[str],
    groups: Mapping[str, Sequence[float]],
    *,
    title: str,
    y_title: str,
    height: int = 420,
    log_y: bool = False,
) -> go.Figure:
    """Grouped bars, one group per entry of ``groups``, valued on their bars."""
    fig = go.Figure()
    for (name, values), color in zip(groups.items(), PALETTE * 2, strict=False):
        fig.add_trace(
            go.Bar(
                x=list(categories),
                y=list(values),
                name=name,
                marker_color=color,
                text=[f"{v:,.3g}" for v in values],
                textposition="outside",
            )
        )
    style(fig, title=title, y_title=y_title, height=height)
    fig.update_layout(barmode="group", hovermode="closest")
    if log_y:
        fig.update_yaxes(type="log")
    return fig


def attempts_figure(
    points: Sequence[tuple[str, float, float, bool]],
    *,
    fill_target: float | None,
    stock_limit: float | None,
    height: int = 420,
) -> go.Figure:
    """The teams' attempts at one exercise: stock on x, fill rate (%) on y, one colour per team;
    the target zone (fill rate at least ``fill_target``, stock at most ``stock_limit``) shaded.
    ``points`` are (team, average on hand, fill rate as a share, passed)."""
    fig = go.Figure()
    stocks = [p[1] for p in points] + ([stock_limit] if stock_limit else [])
    fills = [100 * p[2] for p in points] + ([100 * fill_target] if fill_target else [])
    x_high = 1.15 * max(stocks) if stocks else 1.0
    y_low = min(fills) - 1.0 if fills else 90.0
    if fill_target is not None or stock_limit is not None:
        fig.add_shape(
            type="rect",
            x0=0,
            x1=stock_limit if stock_limit is not None else x_high,
            y0=100 * fill_target if fill_target is not None else y_low,
            y1=100.2,
            fillcolor="rgba(0,158,115,0.15)",
            line={"color": COLORS["receipts"], "dash": "dash"},
            layer="below",
        )
        fig.add_annotation(
            x=0, y=100.2, xanchor="left", yanchor="top", showarrow=False,
            text="target zone", font={"color": COLORS["receipts"]},
        )  # fmt: skip
    teams = list(dict.fromkeys(p[0] for p in points))
    for team, color in zip(teams, PALETTE * 4, strict=False):
        own = [p for p in points if p[0] == team]
        fig.add_trace(
            go.Scatter(
                x=[p[1] for p in own],
                y=[100 * p[2] for p in own],
                name=team,
                mode="markers",
                marker={"size": 16, "color": color,
                        "symbol": ["circle" if p[3] else "x" for p in own]},
            )
        )  # fmt: skip
    style(fig, title="Attempts: stock against service", x_title="Average on hand (units)",
          y_title="Fill rate (%)", height=height)  # fmt: skip
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(range=[0, x_high])
    fig.update_yaxes(range=[y_low, 100.4])
    return fig
