"""Portfolio charts: how service and cover spread over the SKUs (histograms, one bar per band,
the target marked), and the table views of the page with readable headers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, style
from jitcore.portfolio import DIMENSIONS


def service_histogram(table: pd.DataFrame, measure_label: str, *, height: int = 280) -> go.Figure:
    """SKUs per band of achieved service (%), the median target as a dashed line."""
    values = 100.0 * table["achieved"].to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    low = math.floor(min(values.min(), 90.0) / 2.0) * 2.0 if values.size else 80.0
    fig = go.Figure(
        go.Histogram(
            x=values,
            xbins={"start": low, "end": 100.0001, "size": 1.0 if low >= 80 else 2.0},
            marker_color=COLORS["forecast"],
            hovertemplate="%{x} %: %{y} SKUs<extra></extra>",
        )
    )
    targets = table["target"].to_numpy(dtype=float)
    targets = targets[np.isfinite(targets)]
    if targets.size:
        target = 100.0 * float(np.median(targets))
        fig.add_vline(x=target, line_dash="dash", line_color=COLORS["highlight"],
                      annotation_text=f"target {target:.1f} %", annotation_position="top left")  # fmt: skip
    style(fig, x_title=f"{measure_label} achieved (%)", y_title="SKUs", height=height)
    fig.update_layout(margin={"t": 30}, bargap=0.05, hovermode="closest")
    return fig


def cover_histogram(table: pd.DataFrame, excess_days: float, *, height: int = 280) -> go.Figure:
    """SKUs per band of days of supply, the excess-stock threshold as a dashed line."""
    values = table["cover_days"].to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    fig = go.Figure(
        go.Histogram(
            x=values, nbinsx=30, marker_color=COLORS["on_hand"],
            hovertemplate="%{x} days: %{y} SKUs<extra></extra>",
        )
    )  # fmt: skip
    fig.add_vline(x=excess_days, line_dash="dash", line_color=COLORS["highlight"],
                  annotation_text=f"excess above {excess_days:,.0f} days",
                  annotation_position="top right")  # fmt: skip
    style(fig, x_title="Days of supply", y_title="SKUs", height=height)
    fig.update_layout(margin={"t": 30}, bargap=0.05, hovermode="closest")
    return fig


#: Headers of the per-SKU portfolio view.
SKU_VIEW: dict[str, str] = {
    "sku": "SKU",
    "abc_xyz": "ABC/XYZ",
    "demand_class": "Demand class",
    "category": "Category",
    "supplier": "Supplier",
    "target": "Target",
    "achieved": "Achieved",
    "fill_rate": "Fill rate",
    "stock_value": "Stock value",
    "cover_days": "Days of supply",
    "inventory_turns": "Turns a year",
    "total_cost": "Total cost",
}


def sku_view(table: pd.DataFrame) -> pd.DataFrame:
    """The per-SKU table with readable headers (shares in %, for display)."""
    view = table[list(SKU_VIEW)].rename(columns=SKU_VIEW)
    for column in ("Target", "Achieved", "Fill rate"):
        view[column] = 100.0 * view[column]
    return view


def group_view(groups: pd.DataFrame, by: str) -> pd.DataFrame:
    """A :func:`~jitcore.portfolio.group_table` with readable headers (fill rate in %)."""
    view = groups.rename(
        columns={
            "group": DIMENSIONS[by],
            "skus": "SKUs",
            "stock_value": "Stock value",
            "fill_rate": "Fill rate",
            "total_cost": "Total cost",
            "units_demanded": "Units demanded",
        }  # fmt: skip
    )
    view["Fill rate"] = 100.0 * view["Fill rate"]
    return view


#: Headers of the optimised-targets view (:meth:`jitcore.portfolio.TargetPlan.frame`).
TARGETS_VIEW: dict[str, str] = {
    "sku": "SKU",
    "target": "Own target",
    "fill_rate": "Fill rate",
    "stock_value": "Stock value",
    "total_cost": "Total cost",
    "one_target": "One target",
    "one_target_fill_rate": "Fill rate, one target",
    "one_target_stock_value": "Stock value, one target",
    "one_target_total_cost": "Total cost, one target",
}
#: Columns of the targets view that are shares (shown in %).
TARGET_SHARES = ("Own target", "Fill rate", "One target", "Fill rate, one target")


def targets_view(frame: pd.DataFrame) -> pd.DataFrame:
    """The per-SKU optimised targets with readable headers, shares in %."""
    view = frame[[c for c in TARGETS_VIEW if c in frame.columns]].rename(columns=TARGETS_VIEW)
    for column in TARGET_SHARES:
        if column in view:
            view[column] = 100.0 * view[column]
    return view
