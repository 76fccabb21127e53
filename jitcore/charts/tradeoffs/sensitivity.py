"""The tornado chart: how far each input moves a KPI when it is ±x %, widest swing on top."""

from __future__ import annotations

import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, style
from jitcore.charts.tradeoffs.common import big_ticks, money_title
from jitcore.tradeoffs.sensitivity import Sensitivity

LOW_COLOR = "#56B4E9"
HIGH_COLOR = "#E69F00"


def tornado_figure(
    sensitivity: Sensitivity, kpi: str = "total_cost", *, height: int = 520
) -> go.Figure:
    """Bars from the base value to the KPI with each input lowered (blue) and raised (orange);
    labels give the input's low and high values."""
    frame = sensitivity.frame(kpi).iloc[::-1]
    base = float(getattr(sensitivity.base, kpi))
    money = kpi.endswith("cost")
    scale = 1.0 if money else 100.0
    c = sensitivity.currency
    change = f"{100 * sensitivity.change:.0f} %"
    labels = [
        f"{row.label}<br><span style='font-size:13px'>{row.low_text} / {row.high_text}</span>"
        for row in frame.itertuples()
    ]
    fig = go.Figure()
    for side, color, name in (
        ("low", LOW_COLOR, f"Input −{change}"),
        ("high", HIGH_COLOR, f"Input +{change}"),
    ):
        delta = frame[f"{side}_delta"] * scale
        fig.add_trace(
            go.Bar(
                y=labels,
                x=delta,
                base=base * scale,
                orientation="h",
                name=name,
                marker={"color": color},
                customdata=frame[side] * scale,
                hovertemplate=(
                    f"{name}: {c}%{{customdata:,.0f}}"
                    if money
                    else f"{name}: %{{customdata:.2f}} %"
                )
                + "<extra></extra>",
            )  # fmt: skip
        )
    fig.add_vline(x=base * scale, line={"color": COLORS["total"], "width": 3})
    if money:
        name = kpi.replace("_", " ")
        x_title = money_title(name.capitalize(), c, sensitivity.horizon)
    else:
        x_title = f"{kpi.replace('_', ' ').capitalize()} (%)"
        name = kpi.replace("_", " ")
    style(
        fig,
        title=f"What moves {name} most: each input ±{change}",
        x_title=x_title,
        height=height,
    )
    fig.update_layout(barmode="overlay", hovermode="closest", margin={"l": 230})
    if money:
        fig.update_xaxes(tickprefix=c, separatethousands=True)
    else:
        fig.update_xaxes(ticksuffix=" %")
    big_ticks(fig)
    return fig
