"""Figures of the demand profile: the Syntetos-Boylan map, the ABC × XYZ matrix, one SKU's history."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, FONT_SIZE, style
from jitcore.demand import FREQUENCY_NAMES, DemandData
from jitcore.profile import ADI_CUTOFF, CV2_CUTOFF, DEMAND_CLASSES, DemandProfile

#: One colour per Syntetos-Boylan class (Okabe-Ito, colour-blind safe).
CLASS_COLORS: dict[str, str] = {
    "smooth": "#009E73",
    "erratic": "#E69F00",
    "intermittent": "#0072B2",
    "lumpy": "#D55E00",
}

_PERIOD_WORD = {"D": "day", "W": "week", "M": "month"}


def period_word(frequency: str) -> str:
    """``week`` for weekly data, and so on: for axis titles such as "units per week"."""
    return _PERIOD_WORD.get(frequency, "period")


def classification_map(profile: DemandProfile, *, highlight: str | None = None) -> go.Figure:
    """ADI (x) against CV² (y), one point per SKU, with the 1.32 / 0.49 cut-offs and the four
    quadrants labelled (Syntetos, Boylan & Croston 2005). SKUs without any demand (ADI
    infinite) are left out. ``highlight`` rings one SKU."""
    table = profile.table
    table = table[np.isfinite(table["adi"])]
    fig = go.Figure()
    for demand_class in DEMAND_CLASSES:
        rows = table[table["demand_class"] == demand_class]
        fig.add_trace(
            go.Scatter(
                x=rows["adi"],
                y=rows["cv2"],
                mode="markers",
                name=f"{demand_class} ({len(rows)})",
                text=rows["sku"],
                marker={"size": 13, "color": CLASS_COLORS[demand_class], "line": {"width": 0}},
                hovertemplate="<b>%{text}</b><br>ADI %{x:.2f}<br>CV² %{y:.2f}<extra></extra>",
            )
        )
    x_max = max(2.0, float(table["adi"].max()) * 1.08) if len(table) else 2.0
    y_max = max(1.0, float(table["cv2"].max()) * 1.1) if len(table) else 1.0
    if highlight is not None and highlight in set(table["sku"]):
        row = table[table["sku"] == highlight].iloc[0]
        fig.add_trace(
            go.Scatter(
                x=[row["adi"]],
                y=[row["cv2"]],
                mode="markers+text",
                name=highlight,
                text=[highlight],
                textposition="top center",
                textfont={"size": FONT_SIZE},
                marker={
                    "size": 24,
                    "color": "rgba(0,0,0,0)",
                    "line": {"width": 3, "color": "#000"},
                },
                hoverinfo="skip",
                showlegend=False,
            )
        )
    line = {"color": COLORS["baseline"], "width": 2, "dash": "dash"}
    fig.add_vline(x=ADI_CUTOFF, line=line)
    fig.add_hline(y=CV2_CUTOFF, line=line)
    corners = [  # each label inside its quadrant, clear of the points at ADI 1
        ("Smooth", ADI_CUTOFF, 0.0, "right", "bottom"),
        ("Erratic", ADI_CUTOFF, y_max, "right", "top"),
        ("Intermittent", x_max, 0.0, "right", "bottom"),
        ("Lumpy", x_max, y_max, "right", "top"),
    ]
    for label, x, y, xanchor, yanchor in corners:
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{label}</b>",
            showarrow=False,
            xanchor=xanchor,
            yanchor=yanchor,
            font={"size": FONT_SIZE + 2, "color": CLASS_COLORS[label.lower()]},
        )
    style(
        fig,
        title="Demand classes: how often and how variable",
        x_title=f"ADI: {period_word(profile.frequency)}s per demand (cut-off {ADI_CUTOFF})",
        y_title=f"CV² of demand sizes (cut-off {CV2_CUTOFF})",
        height=460,
    )
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(range=[1.0 - (x_max - 1.0) * 0.05, x_max], zeroline=False)
    fig.update_yaxes(range=[-y_max * 0.04, y_max], zeroline=False)
    return fig


def abc_xyz_matrix(counts: pd.DataFrame) -> go.Figure:
    """Heat map of SKU counts: ABC by volume (rows) × XYZ by variability (columns)."""
    values = counts.reindex(index=list("ABC"), columns=list("XYZ")).fillna(0).astype(int)
    fig = go.Figure(
        go.Heatmap(
            z=values.to_numpy(),
            x=["X steady", "Y variable", "Z erratic"],
            y=["A top 80 %", "B next 15 %", "C last 5 %"],
            text=values.to_numpy(),
            texttemplate="<b>%{text}</b>",
            textfont={"size": FONT_SIZE + 8},
            colorscale=[[0.0, "#F0F3F7"], [1.0, "#56B4E9"]],
            showscale=False,
            hovertemplate="%{y} · %{x}: %{z} SKU(s)<extra></extra>",
            xgap=3,
            ygap=3,
        )
    )
    style(
        fig,
        title="ABC × XYZ: number of SKUs",
        x_title="XYZ: variability per period",
        y_title="ABC: share of volume",
        height=460,
    )
    fig.update_layout(hovermode="closest")
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(side="bottom", showgrid=False)
    return fig


def demand_history(
    series: pd.Series,
    *,
    frequency: str,
    window: int,
    title: str,
    unit: str = "units",
) -> go.Figure:
    """One SKU's demand per period with its trailing rolling mean over ``window`` periods."""
    word = period_word(frequency)
    rolling = series.rolling(window, min_periods=window).mean()
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=series.index,
            y=series.to_numpy(),
            mode="lines+markers",
            name="demand",
            line={"color": COLORS["demand"], "width": 1.5},
            marker={"size": 5},
            hovertemplate=f"%{{y:,.0f}} {unit}<extra>demand</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=rolling.index,
            y=rolling.to_numpy(),
            mode="lines",
            name=f"rolling mean, {window} {word}s",
            line={"color": COLORS["highlight"], "width": 4},
            hovertemplate=f"%{{y:,.1f}} {unit}<extra>rolling mean</extra>",
        )
    )
    return style(
        fig,
        title=title,
        x_title=FREQUENCY_NAMES.get(frequency, "period").capitalize() + " periods",
        y_title=f"Demand ({unit} per {word})",
        height=440,
    )


def sparklines(demand: DemandData, *, max_points: int = 156) -> dict[str, list[float]]:
    """Each SKU's demand as a short list for a table sparkline: the mean of consecutive
    blocks of periods when the history is longer than ``max_points``."""
    result: dict[str, list[float]] = {}
    for sku, values in demand.frame.groupby("sku", sort=False)["quantity"]:
        array = values.to_numpy(dtype=float)
        if len(array) > max_points:
            block = int(np.ceil(len(array) / max_points))
            padded = np.full(block * int(np.ceil(len(array) / block)), np.nan)
            padded[: len(array)] = array
            array = np.nanmean(padded.reshape(-1, block), axis=1)
        result[str(sku)] = np.nan_to_num(array).round(2).tolist()
    return result
