"""Shared pieces of the trade-off charts: the service axis stretched towards 100 %, labels with
units, colours and the 'you are here' marker."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, FONT_SIZE
from jitcore.formatting import percent_label

#: Ticks of the service axis (shares).
SERVICE_TICKS: tuple[float, ...] = (0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)
CURRENT_COLOR = COLORS["highlight"]
MINIMUM_COLOR = "#009E73"
BETTER_COLOR = "#009E73"
WORSE_COLOR = "#D55E00"
WHATIF_COLOR = "#0072B2"
#: Colours of successive setup-cost reductions (today first).
#: Colours of scenarios shown together, in their order (the first is the reference, grey).
SCENARIO_COLORS: tuple[str, ...] = (COLORS["baseline"], WHATIF_COLOR, "#009E73", "#CC79A7")
REDUCTION_COLORS: tuple[str, ...] = ("#000000", "#0072B2", "#009E73", "#CC79A7", "#E69F00")


def nines(share: float | np.ndarray) -> float | np.ndarray:
    """Position on the stretched service axis: ``−log10(1 − p)`` (50 % → 0.3, 99 % → 2)."""
    p = np.minimum(np.asarray(share, dtype=float), 1.0 - 1e-6)
    value = -np.log10(1.0 - p)
    return float(value) if value.ndim == 0 else value


def service_axis(fig: go.Figure, shares: Sequence[float], title: str) -> None:
    """Make x the stretched service axis with % tick labels covering ``shares``."""
    low, high = float(np.min(shares)), float(np.max(shares))
    ticks = [t for t in SERVICE_TICKS if low - 1e-9 <= t <= high + 1e-9]
    for extra in (low, high):
        if all(abs(extra - t) > 1e-6 for t in ticks):
            ticks.append(extra)
    ticks.sort()
    text = [percent_label(t) for t in ticks]
    pad = 0.04 * (nines(high) - nines(low))
    fig.update_xaxes(
        title_text=title,
        tickvals=[nines(t) for t in ticks],
        ticktext=text,
        range=[nines(low) - pad, nines(high) + pad],
    )


def money_title(name: str, currency: str, horizon: str) -> str:
    """``Total cost ($ per year)``."""
    return f"{name} ({currency} {horizon})"


def _point(
    fig: go.Figure, x: float, y: float, *, label: str, hover: str, symbol: str, size: int,
    color: str, ring: int,
) -> None:  # fmt: skip
    """One highlighted point with a white ring, named in the legend."""
    fig.add_trace(
        go.Scatter(
            x=[x],
            y=[y],
            mode="markers",
            name=label,
            marker={
                "size": size,
                "color": color,
                "symbol": symbol,
                "line": {"width": ring, "color": "white"},
            },
            hovertemplate=(hover or label) + "<extra></extra>",
        )
    )


def mark_current(
    fig: go.Figure, x: float, y: float, *, label: str, hover: str = "", show_line: bool = True
) -> None:
    """The current setting: a large ringed dot, a dashed vertical line and a label."""
    if show_line:
        fig.add_vline(x=x, line={"color": CURRENT_COLOR, "width": 2, "dash": "dash"})
    _point(fig, x, y, label=label, hover=hover, symbol="circle", size=20, color=CURRENT_COLOR,
           ring=3)  # fmt: skip


def mark_minimum(fig: go.Figure, x: float, y: float, *, label: str, hover: str = "") -> None:
    """The lowest-cost point: a large green star."""
    _point(fig, x, y, label=label, hover=hover, symbol="star", size=24, color=MINIMUM_COLOR,
           ring=2)  # fmt: skip


def big_ticks(fig: go.Figure) -> None:
    """Tick labels at the body font size (readable from the back of the room), and room at the
    top for the title above a legend of several rows (about four entries per row)."""
    fig.update_xaxes(tickfont={"size": FONT_SIZE})
    fig.update_yaxes(tickfont={"size": FONT_SIZE})
    entries = sum(1 for trace in fig.data if trace.showlegend is not False)
    if fig.layout.showlegend is False or entries == 0:
        return
    rows = math.ceil(entries / 4)
    fig.update_layout(
        margin={"t": 50 + 24 * rows},
        title={"y": 0.98, "yanchor": "top", "yref": "container"},
    )


def log_ticks(low: float, high: float) -> list[float]:
    """1-2-5 tick values between ``low`` and ``high`` for a logarithmic axis."""
    ticks = []
    for exponent in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        for mantissa in (1, 2, 5):
            value = mantissa * 10.0**exponent
            if low <= value <= high:
                ticks.append(value)
    return ticks


def tick_text(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"
