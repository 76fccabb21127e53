"""One projector-friendly look for every chart: large type, units on axes, a fixed palette."""

from __future__ import annotations

import plotly.graph_objects as go

FONT_SIZE = 16
TITLE_SIZE = 20

#: Colours by meaning, so demand is the same colour on every page (colour-blind safe, Okabe-Ito).
COLORS: dict[str, str] = {
    "demand": "#000000",
    "forecast": "#0072B2",
    "orders": "#E69F00",
    "receipts": "#009E73",
    "on_hand": "#56B4E9",
    "safety_stock": "#CC79A7",
    "reorder_point": "#D55E00",
    "shortage": "#D55E00",
    "holding": "#56B4E9",
    "ordering": "#E69F00",
    "total": "#000000",
    "band": "rgba(0,114,178,0.18)",
    "baseline": "#7F7F7F",
    "highlight": "#D55E00",
}


def style(
    fig: go.Figure,
    *,
    title: str = "",
    x_title: str = "",
    y_title: str = "",
    height: int = 480,
) -> go.Figure:
    """Apply the shared layout: readable on a projector, legend on top, titled axes with units."""
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "font": {"size": TITLE_SIZE}},
        font={"size": FONT_SIZE},
        height=height,
        margin={"l": 70, "r": 30, "t": 80 if title else 40, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 15}},
        hovermode="x unified",
    )
    fig.update_xaxes(title_text=x_title, title_font={"size": FONT_SIZE + 1}, showgrid=True)
    fig.update_yaxes(title_text=y_title, title_font={"size": FONT_SIZE + 1}, showgrid=True)
    return fig
