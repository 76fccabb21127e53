"""Supply & demand charts for one SKU of a simulated scenario: the timeline (demand, forecast,
orders, receipts; on hand against the safety stock and the policy's levels), demand variability
against order variability, and the cost breakdown. Styled with the shared projector theme.

Monte Carlo runs are drawn as the median over the recorded paths with a P10–P90 band (a band
that collapses, e.g. replayed demand, is drawn as a single line); ``path=n`` draws one path.
Orders, receipts and backorders are lumpy, so the band view draws their mean over paths.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jitcore.buffers import SkuBuffer
from jitcore.charts.theme import COLORS, FONT_SIZE, line_trace, style
from jitcore.engine.results import quiet_nan
from jitcore.errors import JitError
from jitcore.formatting import short as _fmt
from jitcore.kpis import Kpis
from jitcore.lanes import C_EXPOSURE, C_HIGH_COVER, C_LOW_COVER, C_SS_SCALE
from jitcore.pipeline import ScenarioResult
from jitcore.policies import (
    TRIGGER_POLICIES,
    WHOLE_UNIT_LEVEL_POLICIES,
    vmi_covers,
    whole_unit_levels,
)
from jitcore.vocabulary import COST_PART_LABELS, period_word

#: Quantiles of the band (P10, P50, P90).
BAND = (0.1, 0.5, 0.9)
#: Cost components of :class:`~jitcore.kpis.Kpis`, with their labels and colours.
COST_PARTS: dict[str, tuple[str, str]] = {
    "holding_cost": (COST_PART_LABELS["holding_cost"], COLORS["holding"]),
    "ordering_cost": (COST_PART_LABELS["ordering_cost"], COLORS["ordering"]),
    "shortage_cost": (COST_PART_LABELS["shortage_cost"], COLORS["shortage"]),
    "defect_cost": (COST_PART_LABELS["defect_cost"], COLORS["safety_stock"]),
}
ON_HAND_BAND = "rgba(86,180,233,0.25)"
DEMAND_BAND = "rgba(0,0,0,0.12)"
SAFETY_FILL = "rgba(204,121,167,0.18)"
BACKORDER_FILL = "rgba(213,94,0,0.35)"
ORDERS_FILL = "rgba(230,159,0,0.30)"


def supply_label(result: ScenarioResult) -> str:
    """``Production`` for level-loaded production, ``Orders`` otherwise."""
    return "Production" if result.scenario.policy.kind == "heijunka" else "Orders"


# --- reading a result ------------------------------------------------------------------------
@dataclass(frozen=True)
class SeriesView:
    """One timeline series of one SKU as drawn: ``line`` (median, mean or one path) and, when
    the paths differ, ``low``/``high`` (P10/P90). ``kind``: actual | median | mean | path."""

    line: np.ndarray
    low: np.ndarray | None
    high: np.ndarray | None
    kind: str


def series_view(
    result: ScenarioResult, name: str, sku: str, *, path: int | None = None, mean: bool = False
) -> SeriesView:
    """The series ``name`` of ``sku``: one path, or the median (``mean=True``: the mean) with a
    P10–P90 band across the recorded paths. Paths that all agree give ``kind="actual"``."""
    values = result.timeline.series(name, sku)
    if values.shape[0] == 0:
        raise JitError("No timeline was kept for this run.", "Set timeline_paths above 0.")
    if path is not None:
        if not 0 <= path < values.shape[0]:
            raise JitError(
                f"Path {path + 1} was not recorded.",
                f"Pick a path from 1 to {values.shape[0]}.",
            )
        return SeriesView(np.asarray(values[path]), None, None, "path")
    with quiet_nan():
        spread = np.nanmax(values, axis=0) - np.nanmin(values, axis=0)
    if values.shape[0] == 1 or not np.any(spread > 1e-9):
        return SeriesView(np.asarray(values[0]), None, None, "actual")
    with quiet_nan():
        if np.isnan(values).any():  # periods outside a SKU's active range
            low, mid, high = np.nanquantile(values, BAND, axis=0)
            if mean:
                mid = np.nanmean(values, axis=0)
        else:  # the vectorised quantile is ~20× faster than nanquantile
            low, mid, high = np.quantile(values, BAND, axis=0)
            if mean:
                mid = values.mean(axis=0)
    return SeriesView(mid, low, high, "mean" if mean else "median")


def policy_levels(result: ScenarioResult, sku: str, buffer: SkuBuffer) -> dict[str, np.ndarray]:
    """The levels the policy compares the inventory position with, per period (units).

    Fixed levels: reorder point ``s = d·(L+R) + SS``, order-up-to ``S = d·(L+R) + SS``, min-max
    maximum ``s + Q``, the kanban loop ``N·C``. Levels that follow the forecast (``levels =
    follow_forecast``, POUT, lot-for-lot, VMI) are the ones the simulation used: the forecast
    over the ``L + R`` periods each order covers plus the safety stock in force, ``F_{L+R} +
    SS``, and VMI's forecast over its covers (``result.covers``); with a forecast re-estimated
    inside the simulation, the next period's forecast times the periods covered. Heijunka has
    none.
    """
    scenario = result.scenario
    policy = scenario.policy
    kind = policy.kind
    n = len(result.dates)
    dynamic = policy.levels == "follow_forecast"
    cover = result.covers.get(sku)
    if cover is not None:
        following = cover[C_EXPOSURE] + buffer.safety_stock * cover[C_SS_SCALE]
        vmi_low, vmi_high = cover[C_LOW_COVER], cover[C_HIGH_COVER]
    else:
        forecast = series_view(result, "forecast", sku).line
        ahead = np.concatenate([forecast[1:], forecast[-1:]]) if n else forecast
        following = ahead * buffer.exposure + buffer.safety_stock
        low_cover, high_cover = vmi_covers(buffer, policy.vmi_min_cover, policy.vmi_max_cover)
        vmi_low, vmi_high = ahead * low_cover, ahead * high_cover
    if dynamic and sku in result.whole_units and kind in WHOLE_UNIT_LEVEL_POLICIES:
        following = whole_unit_levels(following)
    level = following if dynamic else None

    def flat(value: float) -> np.ndarray:
        return np.full(n, float(value))

    if kind == "reorder_point":
        return {"Reorder point s": level if dynamic else flat(buffer.reorder_point)}
    if kind == "min_max":
        low = level if dynamic else flat(buffer.reorder_point)
        return {"Min s": low, "Max S": low + buffer.order_quantity}
    if kind == "order_up_to":
        return {"Order-up-to S": level if dynamic else flat(buffer.order_up_to)}
    if kind in ("pout", "lot_for_lot"):
        return {"Order-up-to S (follows forecast)": following}
    if kind == "vmi":
        return {"VMI min": vmi_low, "VMI max": vmi_high}
    if kind == "kanban":
        return {"Kanban loop N×C": flat(buffer.kanban_cards * buffer.container_size)}
    return {}


def kpi_window(result: ScenarioResult, sku: str) -> int:
    """Periods the KPIs of ``sku`` cover: its active periods minus the warm-up."""
    warmup = result.scenario.simulation.warmup_periods
    if result.timeline.paths:
        active = int(np.isfinite(result.timeline.series("demand", sku)[0]).sum())
    else:
        active = len(result.dates)
    return max(active - warmup, 0)


# --- the timeline ------------------------------------------------------------------------------
#: Pixels above the plot: the title, two subtitle lines and the upper row's legend.
_TOP_MARGIN = 110


@lru_cache(maxsize=32)
def _styled_layout(rows: int, height: int) -> dict:
    """The shared theme's layout (:func:`~jitcore.charts.theme.style`) for one or two rows on a
    shared time axis, as plain data, computed once per shape so each figure is assembled from
    plain data without re-validating the layout."""
    if rows == 2:
        # the gap between the rows holds the lower row's legend (two lines, ~60 px): a share of
        # the plot height that keeps it off the upper row on a short (presentation) figure too
        plot_px = max(height - _TOP_MARGIN - 60, 1)
        fig = make_subplots(rows=2, cols=1, shared_xaxes=True,
                            vertical_spacing=min(max(0.18, 64 / plot_px), 0.35),
                            row_heights=[0.45, 0.55])  # fmt: skip
    else:
        fig = go.Figure()
    return style(fig, title="-", x_title="-", y_title="-", height=height).layout.to_plotly_json()


def _layout(rows: int, height: int) -> dict:
    """A private copy of the styled layout (the template is shared: it is only read)."""
    base = _styled_layout(rows, height)
    layout = {k: copy.deepcopy(v) for k, v in base.items() if k != "template"}
    layout["template"] = base["template"]
    return layout


def _figure(traces: list, layout: dict) -> go.Figure:
    """A figure from validated traces and a layout built from the styled one."""
    return go.Figure(data=traces, layout=layout, _validate=False)


_AXES = {1: {"xaxis": "x", "yaxis": "y"}, 2: {"xaxis": "x2", "yaxis": "y2"}}


def _band_traces(
    x: np.ndarray,
    view: SeriesView,
    *,
    name: str,
    color: str,
    fill: str,
    row: int,
    legend: str,
    width: float = 3.0,
    unit: str,
) -> list[go.Scatter]:
    traces = []
    if view.low is not None and view.high is not None:
        traces.append(
            go.Scatter(
                x=np.concatenate([x, x[::-1]]),
                y=np.concatenate([view.high, view.low[::-1]]),
                fill="toself",
                fillcolor=fill,
                line={"width": 0},
                name=f"{name} P10–P90",
                hoverinfo="skip",
                legend=legend,
                legendgroup=f"{legend}-{name}",
                showlegend=False,
                **_AXES[row],
            )
        )
    traces.append(
        line_trace(
            x,
            view.line,
            color=color,
            width=width,
            name=name,
            legend=legend,
            legendgroup=f"{legend}-{name}",
            hovertemplate=f"%{{y:,.1f}} {unit}",
            **_AXES[row],
        )
    )
    return traces


def supply_demand_figure(
    result: ScenarioResult,
    sku: str,
    *,
    path: int | None = None,
    show_levels: bool | None = None,
    height: int = 700,
) -> go.Figure:
    """Two rows on one time axis. Top: demand, forecast, orders and receipts (units per
    period). Bottom: on hand with the safety-stock band, the policy's levels, the inventory
    position and backorders (or lost sales) drawn below zero (units).

    ``path=None``: median and P10–P90 band over the recorded paths (orders, receipts and
    backorders as the mean over paths); ``path=n``: the n-th recorded path (0-based).
    ``show_levels``: draw the policy's levels and the inventory position they are compared
    with; ``None`` shows them for trigger policies (reorder point, min-max, VMI, kanban) and
    leaves them in the legend (click to show) for order-up-to types, whose levels include the
    stock on order and sit far above the stock on hand.
    """
    buffer = result.buffers.get(sku)
    period = period_word(result.frequency)
    x = result.dates.to_numpy()
    n = len(x)
    per = f"units/{period}"
    one = path is not None
    traces: list = []
    demand = series_view(result, "demand", sku, path=path)
    traces += _band_traces(x, demand, name="Demand", color=COLORS["demand"], fill=DEMAND_BAND,
                           row=1, legend="legend", width=2.5, unit=per)  # fmt: skip
    forecast = series_view(result, "forecast", sku, path=path)
    traces.append(
        line_trace(
            x,
            forecast.line,
            color=COLORS["forecast"],
            width=2.5,
            dash="dash",
            name="Forecast",
            legend="legend",
            hovertemplate=f"%{{y:,.1f}} {per}",
        )
    )
    supply = supply_label(result)
    for name, label, color, dash in (
        ("orders", supply, COLORS["orders"], None),
        ("receipts", "Receipts", COLORS["receipts"], "dot"),
    ):
        view = series_view(result, name, sku, path=path, mean=True)
        common = {"x": x, "y": view.line, "name": label, "legend": "legend",
                  "hovertemplate": f"%{{y:,.1f}} {per}"}  # fmt: skip
        if one and name == "orders":
            traces.append(go.Bar(marker={"color": color, "opacity": 0.75}, **common))
        elif one:  # a path's receipts as points where something arrived
            common["y"] = np.where(view.line > 0, view.line, np.nan)
            marker = {"color": color, "size": 10, "symbol": "diamond"}
            traces.append(go.Scatter(mode="markers", marker=marker, **common))
        else:
            line = {"color": color, "width": 3, "dash": dash}
            traces.append(go.Scatter(mode="lines", line=line, **common))

    # bottom row: stock, every trace in units on the second axes and legend
    stock_row = {"legend": "legend2", **_AXES[2]}
    in_units = {"hovertemplate": "%{y:,.1f} units", **stock_row}
    traces.append(
        line_trace(
            x,
            np.full(n, buffer.safety_stock),
            color=COLORS["safety_stock"],
            width=1.5,
            fill="tozeroy",
            fillcolor=SAFETY_FILL,
            name=f"Safety stock ({_fmt(buffer.safety_stock)})",
            **in_units,
        )
    )
    if show_levels is None:
        show_levels = result.scenario.policy.kind in TRIGGER_POLICIES
    visible = True if show_levels else "legendonly"
    dashes = ("dash", "dashdot")
    levels = policy_levels(result, sku, buffer)
    for i, (label, values) in enumerate(levels.items()):
        constant = bool(np.allclose(values, values[0])) if len(values) else True
        traces.append(
            line_trace(
                x,
                values,
                color=COLORS["reorder_point"],
                width=2.5,
                dash=dashes[i % 2],
                name=f"{label} ({_fmt(values[0])})" if constant and len(values) else label,
                visible=visible,
                **in_units,
            )
        )
    if levels:
        position = series_view(result, "inventory_position", sku, path=path)
        traces.append(
            line_trace(
                x,
                position.line,
                color=COLORS["forecast"],
                width=1.8,
                dash="dot",
                name="Inventory position",
                visible=visible,
                **in_units,
            )
        )
    on_hand = series_view(result, "on_hand", sku, path=path)
    traces += _band_traces(x, on_hand, name="On hand", color=COLORS["on_hand"],
                           fill=ON_HAND_BAND, row=2, legend="legend2", width=3.5,
                           unit="units")  # fmt: skip
    lost = result.scenario.policy.unmet_demand == "lost_sales"
    short = series_view(result, "lost_sales" if lost else "backorders", sku, path=path, mean=True)
    if np.nanmax(np.abs(short.line), initial=0.0) > 0:
        traces.append(
            line_trace(
                x,
                -short.line,
                color=COLORS["shortage"],
                width=1.5,
                shape="hv" if one else None,
                fill="tozeroy",
                fillcolor=BACKORDER_FILL,
                name=("Lost sales" if lost else "Backorders") + " (below 0)",
                customdata=short.line,
                hovertemplate="%{customdata:,.1f} units short",
                **stock_row,
            )
        )
    parts = []
    if result.scenario.simulation.mode == "replay":
        parts.append("Replay of history.")
    if one:
        parts.append(f"One simulated path (number {path + 1}).")
    elif demand.low is not None or on_hand.low is not None:
        parts.append(
            f"Median of {result.timeline.paths} paths, shaded P10–P90.<br>"
            "Orders, receipts and shortages: mean over paths."
        )
    layout = _layout(2, height)
    layout["title"].update(
        text=f"{sku}: supply and demand",
        subtitle={"text": " ".join(parts), "font": {"size": FONT_SIZE - 2}},
        # pinned to the top edge (plotly centres it in the top margin): no blank band above
        # the title, so more of the chart fits on the first 1280x720 screen
        y=1,
        yref="container",
        yanchor="top",
        pad={"t": 6},
    )
    layout["margin"].update(t=_TOP_MARGIN, r=20)
    layout["yaxis"]["title"]["text"] = f"Units per {period}"
    layout["yaxis"]["rangemode"] = "tozero"
    layout["yaxis2"]["title"]["text"] = "Units in stock"
    layout["xaxis"]["title"]["text"] = ""
    layout["xaxis2"]["title"]["text"] = period.capitalize()
    font = {"size": FONT_SIZE - 2}
    layout["legend"] = {**layout["legend"], "orientation": "h", "x": 0, "yanchor": "bottom",
                        "y": layout["yaxis"]["domain"][1] + 0.01, "font": font}  # fmt: skip
    layout["legend2"] = {**layout["legend"], "y": layout["yaxis2"]["domain"][1] + 0.01}
    return _figure(traces, layout)


# --- variability ---------------------------------------------------------------------------------
def _pooled_sd(values: np.ndarray) -> float:
    """σ over every period of every path (one mean, as the bullwhip KPI pools them)."""
    with quiet_nan():
        return float(np.nanstd(values)) if np.isfinite(values).any() else math.nan


def _order_lot(result: ScenarioResult, sku: str) -> float | None:
    """The units each order comes in: the kanban container or the (s, Q) lot; None else."""
    buffer = result.buffers.get(sku)
    kind = result.scenario.policy.kind
    if kind == "kanban":
        return buffer.container_size
    if kind == "reorder_point":
        return buffer.order_quantity
    return None


def smoothing_sentence(bullwhip: float, *, line_break: str = " ", lot: float | None = None) -> str:
    """Plain words for the bullwhip ratio Var(orders)/Var(demand) (variances pooled over every
    period of every path, as the KPI); ``line_break`` goes between the measurement and the
    verdict (``"<br>"`` in a chart); ``lot``: the units orders come in (kanban container,
    (s, Q) lot), which is what makes lot-sized orders vary."""
    if not math.isfinite(bullwhip):
        return "No variability to compare (no demand variation in this run)."
    if bullwhip < 0.95:
        verdict = "the policy smooths supply."
    elif bullwhip <= 1.05:
        verdict = "supply passes demand variability on."
    elif lot is not None and lot > 0:
        verdict = (
            f"orders come in whole lots of {_fmt(lot)} units, so they vary more than demand "
            "(a smaller lot evens them out)."
        )
    else:
        verdict = "the policy amplifies it (bullwhip)."
    return f"Orders vary {bullwhip:.2g}× as much as demand:{line_break}{verdict}"


def variability_figure(
    result: ScenarioResult, sku: str, *, path: int | None = None, height: int = 420
) -> go.Figure:
    """Demand per period against orders per period: overlaid histograms (share of periods) over
    the recorded paths (or one path), σ within a path in the legend and the bullwhip ratio
    ``Var(orders)/Var(demand)`` (Lee, Padmanabhan & Whang 1997) in words: "orders vary 0.6× as
    much as demand" compares variances."""
    period = period_word(result.frequency)
    supply = supply_label(result)
    chosen = slice(None) if path is None else slice(path, path + 1)
    demand = np.asarray(result.timeline.series("demand", sku)[chosen])
    orders = np.asarray(result.timeline.series("orders", sku)[chosen])
    warmup = result.scenario.simulation.warmup_periods
    demand, orders = demand[:, warmup:], orders[:, warmup:]
    flat_d = demand[np.isfinite(demand)]
    flat_o = orders[np.isfinite(orders)]
    both = np.concatenate([flat_d, flat_o])
    high = float(np.max(both)) if len(both) else 1.0
    low = min(float(np.min(both)), 0.0) if len(both) else 0.0
    edges = np.linspace(low, max(high, low + 1e-9), 41)
    traces = []
    for label, values, sd, color, fill in (
        ("Demand", flat_d, _pooled_sd(demand), COLORS["demand"], DEMAND_BAND),
        (supply, flat_o, _pooled_sd(orders), COLORS["orders"], ORDERS_FILL),
    ):
        counts, _ = np.histogram(values, bins=edges)
        share = 100.0 * counts / max(len(values), 1)
        centres = (edges[:-1] + edges[1:]) / 2.0
        traces.append(
            line_trace(
                centres,
                share,
                color=color,
                width=3,
                shape="hvh",
                fill="tozeroy",
                fillcolor=fill,
                name=f"{label}: σ = {_fmt(sd)} units/{period}",
                hovertemplate=f"%{{x:,.1f}} units: %{{y:.1f}} % of {period}s<extra>{label}</extra>",
            )
        )
    bullwhip = result.kpis_for(sku).bullwhip if path is None else _ratio(orders, demand)
    layout = _layout(1, height)
    layout["title"].update(
        text=f"Variability: demand vs {supply.lower()}",
        subtitle={
            "text": smoothing_sentence(bullwhip, line_break="<br>", lot=_order_lot(result, sku)),
            "font": {"size": FONT_SIZE - 1},
        },
    )
    layout["xaxis"]["title"]["text"] = f"Units per {period}"
    step = edges[1] - edges[0]
    layout["xaxis"]["range"] = [edges[0] - step, edges[-1] + step]
    layout["yaxis"]["title"]["text"] = f"Share of {period}s (%)"
    layout["yaxis"]["rangemode"] = "tozero"
    layout["hovermode"] = "closest"
    layout["margin"].update(t=120, b=130)
    layout["legend"].update(y=-0.22, yanchor="top")
    return _figure(traces, layout)


def _ratio(orders: np.ndarray, demand: np.ndarray) -> float:
    d = _pooled_sd(demand)
    o = _pooled_sd(orders)
    return (o / d) ** 2 if d > 0 else math.nan


# --- costs ---------------------------------------------------------------------------------------
def cost_figure(
    kpis: Kpis,
    *,
    baseline: Kpis | None = None,
    currency: str = "$",
    periods: int | None = None,
    period: str = "period",
    height: int = 420,
) -> go.Figure:
    """Holding, ordering, shortage and defect cost (money over the KPI window of ``periods``
    periods) as horizontal bars, next to the baseline's when given."""
    names = [label for label, _ in COST_PARTS.values()]
    text = f"{currency}%{{x:,.3~s}}"
    font = {"size": FONT_SIZE - 1}
    traces = []
    if baseline is not None:
        traces.append(
            go.Bar(
                y=names,
                x=[getattr(baseline, key) for key in COST_PARTS],
                orientation="h",
                name=f"Baseline ({currency}{baseline.total_cost:,.0f})",
                marker_color=COLORS["baseline"],
                opacity=0.6,
                texttemplate=text,
                textposition="outside",
                textfont=font,
                cliponaxis=False,
            )
        )
    traces.append(
        go.Bar(
            y=names,
            x=[getattr(kpis, key) for key in COST_PARTS],
            orientation="h",
            name=f"This scenario ({currency}{kpis.total_cost:,.0f})",
            marker_color=(
                COLORS["forecast"]
                if baseline is not None
                else [color for _, color in COST_PARTS.values()]
            ),
            texttemplate=text,
            textposition="outside",
            textfont=font,
            cliponaxis=False,
        )
    )
    window = f" over {periods} {period}s" if periods else ""
    top = max(
        [getattr(kpis, key) for key in COST_PARTS]
        + ([getattr(baseline, key) for key in COST_PARTS] if baseline is not None else [])
        + [1.0]
    )
    layout = _layout(1, height)
    layout["title"].update(
        text=f"Costs{window}",
        subtitle={"text": f"Total {currency}{kpis.total_cost:,.0f}", "font": {"size": FONT_SIZE}},
    )
    layout["xaxis"]["title"]["text"] = f"Cost ({currency})"
    layout["xaxis"]["range"] = [0, top * 1.25]
    layout["yaxis"]["title"]["text"] = ""
    layout["yaxis"]["autorange"] = "reversed"
    layout.update(barmode="group", hovermode="closest", showlegend=baseline is not None)
    layout["margin"].update(t=120, b=130, l=100)
    layout["legend"].update(y=-0.22, yanchor="top")
    return _figure(traces, layout)


def cost_parts(kpis: Kpis) -> Mapping[str, float]:
    """Cost components by label (money over the KPI window)."""
    return {label: getattr(kpis, key) for key, (label, _) in COST_PARTS.items()}
