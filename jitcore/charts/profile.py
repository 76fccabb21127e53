"""Figures of the demand profile: the Syntetos-Boylan map, the ABC × XYZ matrix, one SKU's history."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, FONT_SIZE, style
from jitcore.demand import DemandData
from jitcore.profile import ADI_CUTOFF, CV2_CUTOFF, DEMAND_CLASSES, DemandProfile
from jitcore.vocabulary import period_word

#: One colour per Syntetos-Boylan class (Okabe-Ito, colour-blind safe).
CLASS_COLORS: dict[str, str] = {
    "smooth": "#009E73",
    "erratic": "#E69F00",
    "intermittent": "#0072B2",
    "lumpy": "#D55E00",
}

#: CV² values below this are drawn on it (the axis is logarithmic; the hover shows the value).
CV2_FLOOR = 0.01


def classification_map(profile: DemandProfile, *, highlight: str | None = None) -> go.Figure:
    """ADI (x) against CV² (y), one point per SKU, with the 1.32 / 0.49 cut-offs and the four
    quadrants labelled (Syntetos, Boylan & Croston 2005).

    Both axes are logarithmic so that a few extreme items do not squeeze the others into a
    corner; CV² below ``CV2_FLOOR`` is drawn on the floor. SKUs without any demand (ADI
    infinite) are left out. ``highlight`` rings one SKU.
    """
    table = profile.table
    table = table[np.isfinite(table["adi"])].assign(
        cv2_drawn=lambda t: np.maximum(t["cv2"], CV2_FLOOR)
    )
    fig = go.Figure()
    for demand_class in DEMAND_CLASSES:
        rows = table[table["demand_class"] == demand_class]
        fig.add_trace(
            go.Scatter(
                x=rows["adi"],
                y=rows["cv2_drawn"],
                customdata=rows["cv2"],
                mode="markers",
                name=f"{demand_class} ({len(rows)})",
                text=rows["sku"],
                marker={"size": 13, "color": CLASS_COLORS[demand_class], "line": {"width": 0}},
                hovertemplate="<b>%{text}</b><br>ADI %{x:.2f}<br>CV² %{customdata:.2f}"
                "<extra></extra>",
            )
        )
    x_max = max(6.0, float(table["adi"].max()) * 1.3) if len(table) else 6.0
    y_max = max(3.0, float(table["cv2"].max()) * 1.5) if len(table) else 3.0
    x_range = [np.log10(0.8), np.log10(x_max)]  # room left of ADI 1 for the labels
    y_range = [np.log10(CV2_FLOOR * 0.7), np.log10(y_max)]
    if highlight is not None and highlight in set(table["sku"]):
        row = table[table["sku"] == highlight].iloc[0]
        fig.add_trace(
            go.Scatter(
                x=[row["adi"]],
                y=[row["cv2_drawn"]],
                mode="markers",
                name=highlight,
                marker={
                    "size": 24,
                    "color": "rgba(0,0,0,0)",
                    "line": {"width": 3, "color": "#000"},
                },
                hoverinfo="skip",
                showlegend=False,
            )
        )
        fig.add_annotation(  # on log axes, annotation positions are log10 values
            x=np.log10(row["adi"]),
            y=np.log10(row["cv2_drawn"]),
            text=f"<b>{highlight}</b>",
            showarrow=True,
            arrowhead=0,
            ax=40,
            ay=-36,
            bgcolor="rgba(255,255,255,0.9)",
            bordercolor="#000",
            font={"size": FONT_SIZE},
        )
    line = {"color": COLORS["baseline"], "width": 2, "dash": "dash"}
    fig.add_vline(x=ADI_CUTOFF, line=line)
    fig.add_hline(y=CV2_CUTOFF, line=line)
    # Quadrant names as light watermarks in the middle of each quadrant (paper coordinates).
    split_x = (np.log10(ADI_CUTOFF) - x_range[0]) / (x_range[1] - x_range[0])
    split_y = (np.log10(CV2_CUTOFF) - y_range[0]) / (y_range[1] - y_range[0])
    quadrants = [
        ("smooth", split_x / 2, split_y / 2),
        ("erratic", split_x / 2, (1 + split_y) / 2),
        ("intermittent", (1 + split_x) / 2, split_y / 2),
        ("lumpy", (1 + split_x) / 2, (1 + split_y) / 2),
    ]
    for label, x, y in quadrants:
        fig.add_annotation(
            x=x,
            y=y,
            xref="paper",
            yref="paper",
            xanchor="center",
            yanchor="middle",
            text=f"<b>{label.upper()}</b>",
            showarrow=False,
            opacity=0.35,
            font={"size": FONT_SIZE + 10, "color": CLASS_COLORS[label]},
        )
    style(
        fig,
        title="Demand classes: how often and how variable",
        x_title=f"ADI: {period_word(profile.frequency)}s per demand (cut-off {ADI_CUTOFF})",
        y_title=f"CV² of sizes (cut-off {CV2_CUTOFF})",
        height=460,
    )
    fig.update_layout(hovermode="closest", showlegend=False)  # the quadrants name the colours
    ticks_x = [v for v in (1, ADI_CUTOFF, 2, 5, 10, 20, 50, 100, 200) if v <= x_max]
    ticks_y = [v for v in (CV2_FLOOR, 0.1, CV2_CUTOFF, 1, 10, 100) if v <= y_max]
    fig.update_xaxes(
        type="log", range=x_range, tickvals=ticks_x, ticktext=[f"{v:g}" for v in ticks_x]
    )
    fig.update_yaxes(
        type="log", range=y_range, tickvals=ticks_y, ticktext=[f"{v:g}" for v in ticks_y]
    )
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
    fig.update_layout(hovermode="closest", margin={"l": 150, "t": 60})
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
            name="Demand",
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
            name=f"Rolling mean, {window} {word}s",
            line={"color": COLORS["highlight"], "width": 4},
            hovertemplate=f"%{{y:,.1f}} {unit}<extra>rolling mean</extra>",
        )
    )
    return style(
        fig,
        title=title,
        x_title=word.capitalize(),  # "Week", as on the Forecast and Supply & demand charts
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
