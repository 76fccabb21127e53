"""Lever charts: the waterfall from the baseline to all levers, and each lever alone."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, style
from jitcore.charts.tradeoffs.common import BETTER_COLOR, WORSE_COLOR, big_ticks, money_title
from jitcore.tradeoffs.waterfall import LeverAnalysis
from jitcore.vocabulary import KPIS, kpi_label

#: KPIs a waterfall can show: label, unit kind.
WATERFALL_KPIS: dict[str, tuple[str, str]] = {
    name: (KPIS[name].label, KPIS[name].unit)
    for name in ("total_cost", "average_on_hand", "holding_cost", "shortage_cost")
}


def wrap(label: str, width: int = 12) -> str:
    """Break a label into lines of about ``width`` characters at spaces (``<br>``)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _title(kpi: str, currency: str, horizon: str) -> tuple[str, str]:
    label, kind = WATERFALL_KPIS.get(kpi, (kpi_label(kpi), "units"))
    if kind == "money":
        return label, money_title(label, currency, horizon)
    return label, f"{label} (units)"


def _value(v: float, kpi: str, currency: str, signed: bool = False) -> str:
    sign = "+" if signed and v > 0 else "−" if v < 0 else ""
    a = abs(v)
    if WATERFALL_KPIS.get(kpi, ("", "units"))[1] == "money":
        return f"{sign}{currency}{a:,.0f}" if a >= 100 else f"{sign}{currency}{a:,.2f}"
    return f"{sign}{a:,.0f}" if a >= 100 else f"{sign}{a:,.1f}"


def waterfall_figure(analysis: LeverAnalysis, kpi: str = "total_cost", *, height: int = 520):
    """Baseline bar, one step per lever added on top of the previous ones (green = lower,
    red = higher), and the 'all levers' bar; each label carries the fill rate after it."""
    label, _ = _title(kpi, analysis.currency, analysis.horizon)
    return steps_waterfall_figure(
        analysis.waterfall(kpi),
        kpi,
        currency=analysis.currency,
        horizon=analysis.horizon,
        title=f"{label}: from your settings to all levers",
        height=height,
    )


def steps_waterfall_figure(
    frame: pd.DataFrame, kpi: str, *, currency: str, horizon: str, title: str, height: int = 520
) -> go.Figure:
    """A waterfall of ``frame`` (the rows of :func:`jitcore.tradeoffs.waterfall_frame`): the
    first level bar, one step per row between (green = lower, red = higher) and the last
    level bar; each label carries the fill rate after its row."""
    _, y_title = _title(kpi, currency, horizon)
    c = currency
    measure = ["absolute", *["relative"] * (len(frame) - 2), "total"]
    values = [frame["level"].iloc[0], *frame["delta"].iloc[1:-1], 0.0]
    text = [_value(frame["level"].iloc[0], kpi, c)]
    text += [_value(d, kpi, c, signed=True) for d in frame["delta"].iloc[1:-1]]
    text.append(_value(frame["level"].iloc[-1], kpi, c))
    x = [f"{wrap(s)}<br><b>fill {100 * f:.1f} %</b>"
         for s, f in zip(frame["step"], frame["fill_rate"], strict=True)]  # fmt: skip
    fig = go.Figure(
        go.Waterfall(
            x=x,
            y=values,
            measure=measure,
            text=text,
            textposition="outside",
            textfont={"size": 16},
            customdata=frame["change"],
            hovertemplate="%{x}<br>%{customdata}<br>%{text}<extra></extra>",
            connector={"line": {"color": COLORS["baseline"], "width": 1, "dash": "dot"}},
            decreasing={"marker": {"color": BETTER_COLOR}},
            increasing={"marker": {"color": WORSE_COLOR}},
            totals={"marker": {"color": "#0072B2"}},
            showlegend=False,
        )
    )
    style(fig, title=title, y_title=y_title, height=height)
    top = max(frame["level"].max(), (frame["level"] - frame["delta"]).max())
    money = WATERFALL_KPIS.get(kpi, ("", "units"))[1] == "money"
    fig.update_yaxes(range=[0, top * 1.18], separatethousands=True, tickprefix=c if money else "")
    fig.update_layout(hovermode="closest", margin={"b": 110})
    big_ticks(fig)
    fig.update_xaxes(tickangle=0, tickfont={"size": 14})
    return fig


def levers_alone_figure(analysis: LeverAnalysis, kpi: str = "total_cost", *, height: int = 460):
    """Each lever alone: the change of ``kpi`` from the baseline (green = lower, red = higher),
    labelled with what the lever changed."""
    frame = analysis.alone_frame(kpi).iloc[::-1]
    label, y_title = _title(kpi, analysis.currency, analysis.horizon)
    c = analysis.currency
    colors = [
        COLORS["baseline"] if abs(d) < 1e-12 else BETTER_COLOR if d < 0 else WORSE_COLOR
        for d in frame["delta"]
    ]
    fig = go.Figure(
        go.Bar(
            x=frame["delta"],
            y=frame["step"],
            orientation="h",
            marker={"color": colors},
            text=[_value(d, kpi, c, signed=True) for d in frame["delta"]],
            textposition="outside",
            textfont={"size": 16},
            customdata=frame["change"],
            hovertemplate="%{y}: %{customdata}<br>%{text}<extra></extra>",
            cliponaxis=False,
        )
    )
    style(
        fig,
        title=f"Each lever alone: change in {label.lower()}",
        x_title=f"Change in {y_title[0].lower()}{y_title[1:]}",
        height=height,
    )
    fig.add_vline(x=0, line={"color": COLORS["total"], "width": 2})
    span = float(frame["delta"].abs().max()) or 1.0
    fig.update_xaxes(range=[-1.35 * span, 1.35 * span], zeroline=False)
    fig.update_layout(hovermode="closest", margin={"l": 230})
    big_ticks(fig)
    return fig
