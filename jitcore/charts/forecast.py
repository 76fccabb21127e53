"""Forecast charts: one SKU's history, fit, forecast and backtest; the portfolio's methods and
accuracy. Styled with the shared projector theme."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, line_trace, style
from jitcore.forecast import METHOD_LABELS, METRIC_LABELS, ForecastResult
from jitcore.vocabulary import period_word

#: Periods of history shown at first (the user can zoom out): 5 years, 3 years, 6 months.
INITIAL_HISTORY = {"D": 180, "W": 156, "M": 60}
FOLD_COLOR = "#E69F00"


def forecast_figure(
    result: ForecastResult,
    *,
    frequency: str = "M",
    show_folds: bool = False,
    unit: str = "units",
    height: int = 520,
) -> go.Figure:
    """History (black), one-step fitted values (dotted), forecast with its prediction band, and
    on demand the backtest: the window shaded and each fold's forecast from its first origin.
    Opens on the last ``INITIAL_HISTORY`` periods (double-click the chart to see everything)."""
    period = period_word(frequency)
    history = result.history
    forecast = result.forecast
    fig = go.Figure()
    level = round(100 * result.interval_level)
    band_x = list(forecast.index) + list(forecast.index[::-1])
    band_y = list(forecast["upper"]) + list(forecast["lower"][::-1])
    fig.add_trace(
        go.Scatter(
            x=band_x,
            y=band_y,
            fill="toself",
            fillcolor=COLORS["band"],
            line={"width": 0},
            name=f"{level}% prediction interval",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=history.index,
            y=history.to_numpy(),
            mode="lines",
            line={"color": COLORS["demand"], "width": 2},
            name="Demand",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=result.fitted.index,
            y=result.fitted.to_numpy(),
            mode="lines",
            line={"color": COLORS["forecast"], "width": 1.5, "dash": "dot"},
            name="Fitted (one period ahead)",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=forecast.index,
            y=forecast["mean"].to_numpy(),
            mode="lines+markers",
            line={"color": COLORS["forecast"], "width": 3},
            marker={"size": 6},
            name=f"Forecast: {result.label}",
        )
    )
    if show_folds and result.backtest is not None:
        _add_folds(fig, result)
    unit_label = f"{unit} per {period}"
    fig = style(
        fig,
        title=f"{result.sku}: {result.label}",
        x_title=period.capitalize(),
        y_title=f"Demand ({unit_label})",
        height=height,
    )
    # legend under the plot: five entries would wrap into the title on a narrow screen. It sits
    # at the foot of the figure, not at a fixed distance under the axis, so two-line date ticks
    # ("Jan 14 / 2024" on short histories) push the axis title up instead of into the legend.
    fig.update_layout(
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        margin={"b": 130},
    )
    shown = INITIAL_HISTORY.get(frequency, 60)
    if len(history) > shown:
        first = history.index[-shown]
        fig.update_xaxes(range=[first, forecast.index[-1] if len(forecast) else history.index[-1]])
        visible = [
            history[first:].max(),
            forecast["upper"].max() if len(forecast) else history.max(),
        ]
        fig.update_yaxes(range=[min(0.0, float(history[first:].min())), 1.08 * float(max(visible))])
    return fig


def _add_folds(fig: go.Figure, result: ForecastResult) -> None:
    backtest = result.backtest
    assert backtest is not None
    dates = result.history.index
    start = dates[int(backtest.origins[0])]
    fig.add_vrect(
        x0=start,
        x1=dates[-1],
        fillcolor="rgba(127,127,127,0.10)",
        line_width=0,
        annotation_text="backtest window",
        annotation_position="top left",
        annotation_font_size=14,
    )
    horizon = backtest.forecasts.shape[1]
    for k, refit in enumerate(backtest.refits):
        row = int(refit - backtest.origins[0])
        stop = min(int(refit) + horizon, len(dates))
        x = dates[int(refit) : stop]
        y = backtest.forecasts[row, : len(x)]
        fig.add_trace(
            line_trace(
                x,
                y,
                color=FOLD_COLOR,
                width=2.5,
                dash="dash",
                name="Backtest: forecast at each fold start",
                legendgroup="folds",
                showlegend=k == 0,
                hovertemplate=f"fold {k + 1}: %{{y:.4g}}<extra></extra>",
            )
        )


def method_wins_figure(results: Mapping[str, ForecastResult], *, height: int = 420) -> go.Figure:
    """How many SKUs each method won (horizontal bars, most first)."""
    counts = Counter(result.method for result in results.values())
    ordered = sorted(counts.items(), key=lambda item: (item[1], item[0]))
    fig = go.Figure(
        go.Bar(
            x=[count for _, count in ordered],
            y=[METHOD_LABELS.get(name, name) for name, _ in ordered],
            orientation="h",
            marker_color=COLORS["forecast"],
            text=[count for _, count in ordered],
            textposition="outside",
        )
    )
    fig = style(
        fig,
        title=f"Chosen method, {len(results)} SKUs",
        x_title="SKUs (count)",
        height=max(height, 120 + 40 * len(ordered)),
    )
    fig.update_layout(showlegend=False, hovermode="closest")
    fig.update_xaxes(dtick=max(1, int(np.ceil(max(counts.values(), default=1) / 8))))
    return fig


def accuracy_figure(
    results: Mapping[str, ForecastResult], *, metric: str = "mase", height: int = 420
) -> go.Figure:
    """Distribution of the chosen methods' backtest accuracy over the SKUs (histogram), with
    the reference line at 1 for the scaled measures."""
    values = [
        result.accuracy.get(metric)
        for result in results.values()
        if result.accuracy is not None and np.isfinite(result.accuracy.get(metric))
    ]
    label = METRIC_LABELS.get(metric, metric.upper())
    fig = go.Figure(
        go.Histogram(
            x=values,
            marker_color=COLORS["forecast"],
            marker_line={"color": "white", "width": 1},
            nbinsx=min(20, max(5, len(values))),
        )
    )
    if metric in ("mase", "rmsse"):
        fig.add_vline(
            x=1.0,
            line={"color": COLORS["baseline"], "dash": "dash", "width": 2},
            annotation_text="1 = in-sample seasonal naive",
            annotation_position="top right",
            annotation_font_size=14,
        )
    fig = style(
        fig,
        title=f"Backtest {label} of the chosen method",
        x_title=f"{label} (lower is better)",
        y_title="SKUs (count)",
        height=height,
    )
    fig.update_layout(showlegend=False, hovermode="closest", bargap=0.05)
    return fig


def portfolio_table(results: Mapping[str, ForecastResult]) -> pd.DataFrame:
    """One row per SKU: demand class, chosen method, its accuracy and value added over naive."""
    rows = []
    for sku, result in results.items():
        accuracy = result.accuracy
        table = result.candidates
        added = (
            float(table.loc[result.method, "value_added_pct"])
            if result.method in table.index
            else float("nan")
        )
        rows.append(
            {
                "SKU": sku,
                "Demand class": result.demand_class,
                "Method": result.label,
                "MASE": accuracy.mase if accuracy else float("nan"),
                "RMSSE": accuracy.rmsse if accuracy else float("nan"),
                "Bias": accuracy.bias if accuracy else float("nan"),
                "Value added over naive (%)": added,
            }
        )
    return pd.DataFrame(rows).set_index("SKU")
