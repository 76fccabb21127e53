"""KPI cards and KPI values in tables, for every page: one format per kind of number.

The KPI's words (label, card name, help, which direction is better) come from
:data:`jitcore.vocabulary.KPIS`, the numbers from :mod:`jitcore.formatting`; this module only
puts them on cards (``st.metric``) and in table cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from jitcore.formatting import (
    MISSING,
    card_change,
    card_value,
    money,
    percent,
)
from jitcore.kpis import Kpis
from jitcore.vocabulary import KPIS

#: The KPI cards of a simulated SKU, in two rows of four.
CARDS: tuple[str, ...] = ("fill_rate", "cycle_service_level", "average_on_hand",
                          "inventory_turns", "stockout_periods", "orders_placed", "bullwhip",
                          "total_cost")  # fmt: skip
#: The colour of a card's change: green when it moves the better way.
_DELTA_COLOR = {True: "normal", False: "inverse", None: "off"}


def kpi_cards(
    kpis: Kpis,
    baseline: Kpis | None,
    *,
    bands: pd.DataFrame | None,
    currency: str,
    period: str,
    window: int,
    names: Sequence[str] = CARDS,
    per_row: int = 4,
) -> None:
    """One card per KPI of ``names``: its value, the change against ``baseline`` (green when
    better) and, from ``bands``, the P10–P90 spread across paths in the help."""
    for start in range(0, len(names), per_row):
        row = names[start : start + per_row]
        for column, name in zip(st.columns(len(row)), row, strict=True):
            term = KPIS[name]
            value = getattr(kpis, name)
            delta, color, arrow = None, _DELTA_COLOR[term.higher_is_better], "auto"
            if baseline is not None:
                base = getattr(baseline, name)
                if math.isfinite(value) and math.isfinite(base):
                    delta = card_change(name, value - base, currency)
                    if not any(digit in delta for digit in "123456789"):
                        delta, color, arrow = "no change", "off", "off"
            spread = ""
            if bands is not None and math.isfinite(bands.loc[name, "p10"]):
                low, high = (card_value(name, bands.loc[name, q], currency) for q in ("p10", "p90"))
                spread = f" Across paths P10–P90: {low} to {high}."
            column.metric(
                term.card_label(period),
                card_value(name, value, currency),
                delta=delta,
                delta_color=color,
                delta_arrow=arrow,
                help=term.card_help(period, window) + spread,
                border=False,
            )


def table_value(value: float, unit: str, currency: str) -> str:
    """A KPI in a comparison table: money with cents below 100, shares as %, else numbers."""
    if not math.isfinite(value):
        return MISSING
    if unit == "money":
        return money(value, currency)
    if unit == "share":
        return percent(value)
    return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"


def table_change(change: float, unit: str, currency: str) -> str:
    """A change in a comparison table: ``+$1,234``, ``+1.5 points``."""
    if unit == "share":
        return f"{100 * change:+.1f} points"
    return ("+" if change > 0 else "") + table_value(change, unit, currency)
