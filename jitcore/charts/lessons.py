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
    if log_y:
        fig.update_yaxes(type="log")
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
