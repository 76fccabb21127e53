"""The two-way heatmap: a KPI over every combination of two settings, the current cell framed."""

from __future__ import annotations

import plotly.graph_objects as go

from jitcore.charts.theme import style
from jitcore.charts.tradeoffs.common import big_ticks
from jitcore.formatting import percent_label
from jitcore.tradeoffs.grid import Axis, TwoWayGrid
from jitcore.vocabulary import kpi_label


def _ticks(axis: Axis) -> list[str]:
    if axis.setting.startswith("target:"):
        return [percent_label(float(v)) for v in axis.values]
    return [f"{v:g}" if isinstance(v, float) else str(v) for v in axis.values]


def heatmap_figure(grid: TwoWayGrid, kpi: str = "total_cost", *, height: int = 560) -> go.Figure:
    """Cells coloured and labelled by ``kpi`` (cost: darker = dearer; service: darker = better);
    the current setting framed in black."""
    values = grid.matrix(kpi)
    money = kpi.endswith("cost")
    c = grid.currency
    if money:
        shown = values
        text = [[f"{c}{v:,.0f}" for v in row] for row in shown]
        colorscale, unit = "YlOrRd", f"{c} {grid.horizon}"
    else:
        shown = 100 * values
        text = [[f"{v:.1f}" for v in row] for row in shown]
        colorscale, unit = "YlGnBu", "%"
    name = kpi_label(kpi)
    x, y = _ticks(grid.columns), _ticks(grid.rows)
    fig = go.Figure(
        go.Heatmap(
            z=shown,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 15},
            colorscale=colorscale,
            colorbar={"title": {"text": unit, "side": "top"}},
            hovertemplate=f"{grid.rows.label}: %{{y}}<br>{grid.columns.label}: %{{x}}<br>"
            f"{name}: %{{text}}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    if grid.current is not None:
        r, col = grid.current
        fig.add_shape(
            type="rect",
            x0=col - 0.5,
            x1=col + 0.5,
            y0=r - 0.5,
            y1=r + 0.5,
            xref="x",
            yref="y",
            line={"color": "black", "width": 5},
        )
    style(
        fig,
        title=f"{name} ({unit}) by {grid.rows.label.split(' (')[0].lower()} and "
        f"{grid.columns.label.split(' (')[0].lower()}; your setting framed",
        x_title=grid.columns.label,
        y_title=grid.rows.label,
        height=height,
    )
    fig.update_xaxes(type="category", showgrid=False)
    fig.update_yaxes(type="category", showgrid=False)
    fig.update_layout(hovermode="closest")
    big_ticks(fig)
    return fig
