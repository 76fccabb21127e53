"""Supply & demand charts for one SKU of a simulated scenario: the timeline (demand, forecast,
orders, receipts; on hand against the safety stock and the policy's levels), demand variability
against order variability, and the cost breakdown. Styled with the shared projector theme.

Monte Carlo runs are drawn as the median over the recorded paths with a P10–P90 band (a band
that collapses, e.g. replayed demand, is drawn as a single line); ``path=n`` draws one path.
Orders, receipts and backorders are lumpy, so the band view draws their mean over paths.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jitcore.buffers import SkuBuffer
from jitcore.charts.theme import COLORS, FONT_SIZE, style
from jitcore.errors import JitError
from jitcore.kpis import Kpis
from jitcore.pipeline import ScenarioResult

PERIOD_WORDS: dict[str, str] = {"D": "day", "W": "week", "M": "month"}
#: Quantiles of the band (P10, P50, P90).
BAND = (0.1, 0.5, 0.9)
#: Cost components of :class:`~jitcore.kpis.Kpis`, with their labels and colours.
COST_PARTS: dict[str, tuple[str, str]] = {
    "holding_cost": ("Holding", COLORS["holding"]),
    "ordering_cost": ("Ordering", COLORS["ordering"]),
    "shortage_cost": ("Shortage", COLORS["shortage"]),
    "defect_cost": ("Defects", COLORS["safety_stock"]),
}
ON_HAND_BAND = "rgba(86,180,233,0.25)"
DEMAND_BAND = "rgba(0,0,0,0.12)"
SAFETY_FILL = "rgba(204,121,167,0.18)"
BACKORDER_FILL = "rgba(213,94,0,0.35)"
ORDERS_FILL = "rgba(230,159,0,0.30)"
#: Policies that order when the inventory position falls to a trigger level.
TRIGGER_POLICIES = frozenset({"reorder_point", "min_max", "vmi", "kanban"})


def supply_label(result: ScenarioResult) -> str:
    """``Production`` for level-loaded production, ``Orders`` otherwise."""
    return "Production" if result.scenario.policy.kind == "heijunka" else "Orders"


def period_word(frequency: str) -> str:
    """``week`` for weekly data, ``month``, ``day``; ``period`` otherwise."""
    return PERIOD_WORDS.get(frequency, "period")


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
    with np.errstate(all="ignore"):
        spread = np.nanmax(values, axis=0) - np.nanmin(values, axis=0)
    if values.shape[0] == 1 or not np.any(spread > 1e-9):
        return SeriesView(np.asarray(values[0]), None, None, "actual")
    with np.errstate(all="ignore"), _quiet():
        low, mid, high = np.nanquantile(values, BAND, axis=0)
        if mean:
            mid = np.nanmean(values, axis=0)
    return SeriesView(mid, low, high, "mean" if mean else "median")


def policy_levels(result: ScenarioResult, sku: str, buffer: SkuBuffer) -> dict[str, np.ndarray]:
    """The levels the policy compares the inventory position with, per period (units).

    Fixed levels: reorder point ``s = d·(L+R) + SS``, order-up-to ``S = d·(L+R) + SS``, min-max
    maximum ``s + Q``, the kanban loop ``N·C``. Levels that follow the forecast (``levels =
    follow_forecast``, POUT, lot-for-lot, VMI) use the forecast of the next period ``f``:
    ``f·(L+R) + SS`` and VMI ``f·min_cover``, ``f·max_cover``. Heijunka has none.
    """
    scenario = result.scenario
    policy = scenario.policy
    kind = policy.kind
    n = len(result.dates)
    forecast = series_view(result, "forecast", sku).line
    ahead = np.concatenate([forecast[1:], forecast[-1:]]) if n else forecast
    dynamic = policy.levels == "follow_forecast"
    level = ahead * buffer.exposure + buffer.safety_stock if dynamic else None

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
        return {"Order-up-to S (follows forecast)": ahead * buffer.exposure + buffer.safety_stock}
    if kind == "vmi":
        d = buffer.mean_demand
        low = policy.vmi_min_cover
        high = policy.vmi_max_cover
        low = low if low is not None else (buffer.reorder_point / d if d > 0 else 0.0)
        high = high if high is not None else (buffer.max_level / d if d > 0 else 0.0)
        return {"VMI min": ahead * low, "VMI max": ahead * max(high, low)}
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
def _fmt(value: float) -> str:
    if not math.isfinite(value):
        return "–"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def _band_traces(
    fig: go.Figure,
    x: list,
    view: SeriesView,
    *,
    name: str,
    color: str,
    fill: str,
    row: int,
    legend: str,
    width: float = 3.0,
    dash: str | None = None,
    unit: str,
) -> None:
    if view.low is not None and view.high is not None:
        fig.add_trace(
            go.Scatter(
                x=x + x[::-1],
                y=np.concatenate([view.high, view.low[::-1]]),
                fill="toself",
                fillcolor=fill,
                line={"width": 0},
                name=f"{name} P10–P90",
                hoverinfo="skip",
                legend=legend,
                legendgroup=f"{legend}-{name}",
                showlegend=False,
            ),
            row=row,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=view.line,
            mode="lines",
            line={"color": color, "width": width, "dash": dash},
            name=name,
            legend=legend,
            legendgroup=f"{legend}-{name}",
            hovertemplate=f"%{{y:,.1f}} {unit}",
        ),
        row=row,
        col=1,
    )


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
    x = list(result.dates)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.18,
        row_heights=[0.45, 0.55],
    )
    per = f"units/{period}"
    one = path is not None
    demand = series_view(result, "demand", sku, path=path)
    _band_traces(fig, x, demand, name="Demand", color=COLORS["demand"], fill=DEMAND_BAND, row=1,
                 legend="legend", width=2.5, unit=per)  # fmt: skip
    forecast = series_view(result, "forecast", sku, path=path)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=forecast.line,
            mode="lines",
            line={"color": COLORS["forecast"], "width": 2.5, "dash": "dash"},
            name="Forecast",
            legend="legend",
            hovertemplate=f"%{{y:,.1f}} {per}",
        ),
        row=1,
        col=1,
    )
    supply = supply_label(result)
    for name, label, color, dash in (
        ("orders", supply, COLORS["orders"], None),
        ("receipts", "Receipts", COLORS["receipts"], "dot"),
    ):
        view = series_view(result, name, sku, path=path, mean=True)
        if one and name == "orders":
            trace = go.Bar(x=x, y=view.line, marker={"color": color, "opacity": 0.75})
        else:
            mode = "lines+markers" if one else "lines"
            trace = go.Scatter(
                x=x, y=view.line, mode=mode, line={"color": color, "width": 3, "dash": dash}
            )
        trace.update(
            name=label,
            legend="legend",
            hovertemplate=f"%{{y:,.1f}} {per}",
        )
        fig.add_trace(trace, row=1, col=1)

    # bottom row: stock
    safety = np.full(len(x), buffer.safety_stock)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=safety,
            mode="lines",
            fill="tozeroy",
            fillcolor=SAFETY_FILL,
            line={"color": COLORS["safety_stock"], "width": 1.5},
            name=f"Safety stock ({_fmt(buffer.safety_stock)})",
            legend="legend2",
            hovertemplate="%{y:,.1f} units",
        ),
        row=2,
        col=1,
    )
    if show_levels is None:
        show_levels = result.scenario.policy.kind in TRIGGER_POLICIES
    visible = True if show_levels else "legendonly"
    dashes = ("dash", "dashdot")
    levels = policy_levels(result, sku, buffer)
    for i, (label, values) in enumerate(levels.items()):
        constant = bool(np.allclose(values, values[0])) if len(values) else True
        fig.add_trace(
            go.Scatter(
                x=x,
                y=values,
                mode="lines",
                line={"color": COLORS["reorder_point"], "width": 2.5, "dash": dashes[i % 2]},
                name=f"{label} ({_fmt(values[0])})" if constant and len(values) else label,
                legend="legend2",
                visible=visible,
                hovertemplate="%{y:,.1f} units",
            ),
            row=2,
            col=1,
        )
    if levels:
        position = series_view(result, "inventory_position", sku, path=path)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=position.line,
                mode="lines",
                line={"color": COLORS["forecast"], "width": 1.8, "dash": "dot"},
                name="Inventory position",
                legend="legend2",
                visible=visible,
                hovertemplate="%{y:,.1f} units",
            ),
            row=2,
            col=1,
        )
    on_hand = series_view(result, "on_hand", sku, path=path)
    _band_traces(fig, x, on_hand, name="On hand", color=COLORS["on_hand"], fill=ON_HAND_BAND,
                 row=2, legend="legend2", width=3.5, unit="units")  # fmt: skip
    lost = result.scenario.policy.unmet_demand == "lost_sales"
    short = series_view(result, "lost_sales" if lost else "backorders", sku, path=path, mean=True)
    if np.nanmax(np.abs(short.line), initial=0.0) > 0:
        fig.add_trace(
            go.Scatter(
                x=x,
                y=-short.line,
                mode="lines",
                fill="tozeroy",
                fillcolor=BACKORDER_FILL,
                line={"color": COLORS["shortage"], "width": 1.5, "shape": "hv" if one else None},
                name=("Lost sales" if lost else "Backorders") + " (below 0)",
                legend="legend2",
                customdata=short.line,
                hovertemplate="%{customdata:,.1f} units short",
            ),
            row=2,
            col=1,
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
    what = " ".join(parts)
    fig = style(fig, title=f"{sku}: supply and demand", height=height)
    fig.update_layout(
        title={"subtitle": {"text": what, "font": {"size": FONT_SIZE - 2}}},
        margin={"t": 170, "r": 20},
    )
    fig.update_yaxes(title_text=f"Units per {period}", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Units in stock", row=2, col=1)
    fig.update_xaxes(title_text=period.capitalize(), row=2, col=1)
    top = fig.layout.yaxis.domain[1]
    bottom = fig.layout.yaxis2.domain[1]
    font = {"size": FONT_SIZE - 2}
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "y": top + 0.01, "yanchor": "bottom", "font": font},
        legend2={"orientation": "h", "x": 0, "y": bottom + 0.01, "yanchor": "bottom",
                 "font": font},
    )  # fmt: skip
    return fig


# --- variability ---------------------------------------------------------------------------------
def _within_path_sd(values: np.ndarray) -> float:
    """σ over periods within each path, pooled over paths: ``sqrt(mean of per-path variances)``."""
    with np.errstate(all="ignore"), _quiet():
        variances = np.nanvar(values, axis=1)
    variances = variances[np.isfinite(variances)]
    return float(np.sqrt(variances.mean())) if len(variances) else math.nan


def smoothing_sentence(bullwhip: float) -> str:
    """Plain words for the bullwhip ratio Var(orders)/Var(demand)."""
    if not math.isfinite(bullwhip):
        return "No variability to compare (no demand variation in this run)."
    if bullwhip < 0.95:
        return (
            f"Orders vary {bullwhip:.2g}× as much as demand (variance ratio): "
            "the policy smooths supply."
        )
    if bullwhip <= 1.05:
        return (
            f"Orders vary {bullwhip:.2g}× as much as demand (variance ratio): "
            "supply passes demand variability on."
        )
    return (
        f"Orders vary {bullwhip:.2g}× as much as demand (variance ratio): "
        "the policy amplifies variability upstream (bullwhip)."
    )


def variability_figure(
    result: ScenarioResult, sku: str, *, path: int | None = None, height: int = 420
) -> go.Figure:
    """Demand per period against orders per period: overlaid histograms (share of periods) over
    the recorded paths (or one path), σ within a path in the legend and the bullwhip ratio
    ``Var(orders)/Var(demand)`` (Lee, Padmanabhan & Whang 1997) annotated."""
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
    fig = go.Figure()
    for label, values, sd, color, fill in (
        ("Demand", flat_d, _within_path_sd(demand), COLORS["demand"], DEMAND_BAND),
        (supply, flat_o, _within_path_sd(orders), COLORS["orders"], ORDERS_FILL),
    ):
        counts, _ = np.histogram(values, bins=edges)
        share = 100.0 * counts / max(len(values), 1)
        centres = (edges[:-1] + edges[1:]) / 2.0
        fig.add_trace(
            go.Scatter(
                x=centres,
                y=share,
                mode="lines",
                line={"color": color, "width": 3, "shape": "hvh"},
                fill="tozeroy",
                fillcolor=fill,
                name=f"{label}: σ = {_fmt(sd)} units/{period}",
                hovertemplate=f"%{{x:,.1f}} units: %{{y:.1f}} % of {period}s<extra>{label}</extra>",
            )
        )
    bullwhip = result.kpis_for(sku).bullwhip if path is None else _ratio(orders, demand)
    fig = style(
        fig,
        title=f"Demand variability vs {supply.lower()} variability",
        x_title=f"Units per {period}",
        y_title=f"Share of {period}s (%)",
        height=height,
    )
    fig.update_layout(
        title={
            "subtitle": {
                "text": smoothing_sentence(bullwhip).replace(": ", ":<br>", 1),
                "font": {"size": FONT_SIZE - 1},
            }
        },
        hovermode="closest",
        margin={"t": 120, "b": 130},
        legend={"y": -0.22, "yanchor": "top"},
    )
    fig.update_yaxes(rangemode="tozero")
    return fig


def _ratio(orders: np.ndarray, demand: np.ndarray) -> float:
    d = _within_path_sd(demand)
    o = _within_path_sd(orders)
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
    periods), next to the baseline's when given."""
    names = [label for label, _ in COST_PARTS.values()]
    text = f"{currency}%{{y:,.3~s}}"
    fig = go.Figure()
    if baseline is not None:
        fig.add_trace(
            go.Bar(
                x=names,
                y=[getattr(baseline, key) for key in COST_PARTS],
                name=f"Baseline ({currency}{baseline.total_cost:,.0f})",
                marker_color=COLORS["baseline"],
                opacity=0.6,
                texttemplate=text,
                textposition="outside",
            )
        )
    fig.add_trace(
        go.Bar(
            x=names,
            y=[getattr(kpis, key) for key in COST_PARTS],
            name=f"This scenario ({currency}{kpis.total_cost:,.0f})",
            marker_color=(
                COLORS["forecast"]
                if baseline is not None
                else [color for _, color in COST_PARTS.values()]
            ),
            texttemplate=text,
            textposition="outside",
        )
    )
    window = f" over {periods} {period}s" if periods else ""
    fig = style(
        fig,
        title=f"Cost breakdown{window}",
        y_title=f"Cost ({currency})",
        height=height,
    )
    top = max(
        [getattr(kpis, key) for key in COST_PARTS]
        + ([getattr(baseline, key) for key in COST_PARTS] if baseline is not None else [])
        + [1.0]
    )
    fig.update_yaxes(range=[0, top * 1.2])
    fig.update_layout(
        title={"subtitle": {"text": f"Total {currency}{kpis.total_cost:,.0f}",
                            "font": {"size": FONT_SIZE}}},
        barmode="group",
        hovermode="closest",
        showlegend=baseline is not None,
        margin={"t": 130},
        legend={"y": 1.0},
    )  # fmt: skip
    return fig


def cost_parts(kpis: Kpis) -> Mapping[str, float]:
    """Cost components by label (money over the KPI window)."""
    return {label: getattr(kpis, key) for key, (label, _) in COST_PARTS.items()}


class _quiet:
    """Silence numpy's all-NaN warnings inside a block."""

    def __enter__(self) -> None:
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc: object) -> None:
        self._ctx.__exit__(*exc)
