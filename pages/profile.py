"""Demand profile: how each SKU's demand behaves, before anyone forecasts or sizes a buffer."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from jitcore.charts.profile import abc_xyz_matrix, classification_map, demand_history, sparklines
from jitcore.demand import DemandData
from jitcore.profile import (
    ADI_CUTOFF,
    CLASS_DESCRIPTIONS,
    CV2_CUTOFF,
    DEMAND_CLASSES,
    INTERMITTENT_WARNING,
    DemandProfile,
    profile_demand,
)

KEY_WINDOW = "profile_window"
TABLE_KEY = "profile_table"
KEY_SHOWN_ROW = "profile_table_shown_row"
DEFAULT_WINDOW = {"D": 28, "W": 8, "M": 6}
COLUMN_ORDER = (
    "sku",
    "history",
    "demand_class",
    "intermittent",
    "abc",
    "xyz",
    "adi",
    "cv2",
    "zero_share",
    "mean",
    "cv",
    "trend_strength",
    "seasonal_strength",
    "total",
    "volume_share",
    "std",
    "periods",
    "active_periods",
)
_BY_FINGERPRINT = {DemandData: lambda data: data.fingerprint}


@st.cache_data(show_spinner="Profiling demand…", hash_funcs=_BY_FINGERPRINT, max_entries=8)
def cached_profile(demand: DemandData) -> DemandProfile:
    return profile_demand(demand)


@st.cache_data(show_spinner=False, hash_funcs=_BY_FINGERPRINT, max_entries=8)
def cached_sparklines(demand: DemandData) -> dict[str, list[float]]:
    return sparklines(demand)


def display_table(profile: DemandProfile, lines: dict[str, list[float]]) -> pd.DataFrame:
    table = profile.table
    table.insert(1, "history", [lines.get(sku, []) for sku in table["sku"]])
    table["zero_share"] = table["zero_share"] * 100
    table["volume_share"] = table["volume_share"] * 100
    table["adi"] = table["adi"].where(table["adi"] < float("inf"))
    table["intermittent"] = table["intermittent"].map({True: "⚠ check", False: ""})
    return table


def column_config(unit_word: str) -> dict:
    number = st.column_config.NumberColumn
    return {
        "sku": st.column_config.TextColumn("SKU", pinned=True),
        "history": st.column_config.LineChartColumn(
            "Demand history", width="medium", y_min=0, help="Demand over the whole history."
        ),
        "demand_class": st.column_config.TextColumn(
            "Class", help="Syntetos-Boylan class from ADI and CV² (see the explanation below)."
        ),
        "abc": st.column_config.TextColumn(
            "ABC", help="A: top 80 % of volume, B: next 15 %, C: rest."
        ),
        "xyz": st.column_config.TextColumn(
            "XYZ", help="X: CV below 0.5 (steady), Y: below 1.0, Z: 1.0 or more."
        ),
        "periods": number("Periods", format="%d", help="Periods in the SKU's history."),
        "active_periods": number("With demand", format="%d", help="Periods with demand above 0."),
        "zero_share": number(
            "Zero periods", format="%.1f %%", help="Share of periods without demand."
        ),
        "total": number("Total", format="%,.0f", help=f"Total demand ({unit_word})."),
        "volume_share": number("Volume share", format="%.1f %%", help="Share of all SKUs' volume."),
        "mean": number("Mean", format="%,.2f", help=f"Mean demand per period ({unit_word})."),
        "std": number("Std dev", format="%,.2f", help="Standard deviation per period (n − 1)."),
        "cv": number("CV", format="%.2f", help="Coefficient of variation: std dev ÷ mean."),
        "adi": number(
            "ADI", format="%.2f", help="Average demand interval: periods ÷ periods with demand."
        ),
        "cv2": number("CV²", format="%.2f", help="Squared CV of the non-zero demand sizes."),
        "trend_strength": number(
            "Trend",
            format="%.2f",
            help="Trend strength, 0 (none) to 1 (all trend). Blank: too short.",
        ),
        "seasonal_strength": number(
            "Seasonality",
            format="%.2f",
            help="Seasonality strength, 0 to 1. With 2-3 years, random demand still scores ~0.3.",
        ),
        "intermittent": st.column_config.TextColumn(
            "Safety stock", help="'⚠ check': a normal-distribution formula will mislead here."
        ),
    }


def _on_row_select() -> None:
    rows = list(st.session_state[TABLE_KEY]["selection"]["rows"])
    skus = ui.demand().skus
    # The browser echoes back the row this page selected for the current SKU; only a different
    # row is the user's choice (an empty selection is a tick removed: keep the SKU).
    if rows and rows != st.session_state.get(KEY_SHOWN_ROW) and rows[0] < len(skus):
        ui.select_sku(skus[rows[0]])


def _on_window_change() -> None:
    st.session_state[KEY_WINDOW] = st.session_state["_profile_window_widget"]


st.title("Demand profile")
st.markdown(
    "How each item's demand behaves: how often it comes, how much it varies, how much of the "
    "volume it carries, and whether it has a trend or a season. Read this before choosing a "
    "forecast or a safety stock."
)

data = ui.demand()
profile = cached_profile(data)
sku = ui.selected_sku()
item = profile.item(sku)
unit_word = "units"

if profile.flagged:
    names = ", ".join(profile.flagged[:8]) + (" …" if len(profile.flagged) > 8 else "")
    st.warning(
        f"**{len(profile.flagged)} of {len(profile.items)} SKUs have intermittent or lumpy "
        f"demand** ({names}). {INTERMITTENT_WARNING}",
        icon=":material/warning:",
    )
for note in profile.notes:
    st.caption(note)

counts = profile.class_counts()
for column, demand_class in zip(st.columns(4), DEMAND_CLASSES, strict=True):
    column.metric(
        f"{demand_class.capitalize()} SKUs",
        f"{counts[demand_class]:,}",
        help=CLASS_DESCRIPTIONS[demand_class],
        border=True,
    )

# The table's selected row mirrors the selected SKU, whichever way it was picked.
selected_row = list(profile.skus).index(sku)
st.session_state[KEY_SHOWN_ROW] = [selected_row]
table_state = st.session_state.get(TABLE_KEY)
if table_state is None or list(table_state["selection"]["rows"]) != [selected_row]:
    st.session_state[TABLE_KEY] = {"selection": {"rows": [selected_row]}}

st.subheader("Every SKU")
st.caption("Click a column title to sort. Tick a row to chart that SKU below.")
st.dataframe(
    display_table(profile, cached_sparklines(data)),
    hide_index=True,
    column_config=column_config(unit_word),
    column_order=COLUMN_ORDER,
    key=TABLE_KEY,
    on_select=_on_row_select,
    selection_mode="single-row",
    height=min(38 * (len(profile.items) + 1) + 4, 560),
    row_height=38,
)

st.subheader(f"Selected SKU: {sku} · {item.demand_class}")
metrics = st.columns(5)
metrics[0].metric("ABC · XYZ", f"{item.abc} · {item.xyz}")
metrics[1].metric("ADI", f"{item.adi:.2f}" if item.adi < float("inf") else "no demand")
metrics[2].metric("CV²", f"{item.cv2:.2f}")
metrics[3].metric("Zero periods", f"{item.zero_share:.0%}")
metrics[4].metric(f"Mean per period ({unit_word})", f"{item.mean:,.1f}")
if item.intermittent:
    st.info(
        f"**{sku} is {item.demand_class}**: size its buffer with the intermittent methods, "
        "not with a normal-distribution safety stock formula."
    )

if KEY_WINDOW not in st.session_state:
    st.session_state[KEY_WINDOW] = DEFAULT_WINDOW.get(data.frequency, 6)
series = data.series(sku)
window = st.slider(
    "Rolling mean over (periods)",
    min_value=2,
    max_value=max(3, min(52, len(series))),
    value=min(st.session_state[KEY_WINDOW], max(3, min(52, len(series)))),
    key="_profile_window_widget",
    on_change=_on_window_change,
    help="The rolling mean smooths the history to show its level.",
)
title = f"{sku}: {item.demand_class} demand, class {item.abc}{item.xyz}"
st.plotly_chart(
    demand_history(series, frequency=data.frequency, window=window, title=title),
    width="stretch",
    theme=None,  # keep the projector-sized fonts of jitcore.charts.theme
)

st.subheader("The whole assortment")
st.plotly_chart(classification_map(profile, highlight=sku), width="stretch", theme=None)
left, right = st.columns([3, 2], vertical_alignment="center")
left.plotly_chart(abc_xyz_matrix(profile.abc_xyz_counts()), width="stretch", theme=None)
right.markdown(
    "**Reading the ABC × XYZ matrix**\n\n"
    "- **AX, BX**: large and steady. The natural candidates for just-in-time supply: small, "
    "frequent orders or kanban, with little safety stock.\n"
    "- **AY, AZ, BY, BZ**: large but variable. Worth a closer look: forecast carefully and "
    "check the buffer in the simulation.\n"
    "- **C items**: a small share of the volume. Keep the rules simple; for CZ items consider "
    "ordering only against firm demand."
)

with st.expander("What the classes mean, and why intermittent items are flagged", expanded=False):
    st.markdown(
        f"""
**Demand classes** (Syntetos, Boylan & Croston, 2005) use two numbers:

- **ADI**, the average demand interval: periods ÷ periods with demand. ADI 1 means demand every
  period; ADI 4 means demand in one period out of four on average. Cut-off **{ADI_CUTOFF}**.
- **CV²**, how much the amounts vary when demand comes: the squared coefficient of variation
  of the non-zero demands. Cut-off **{CV2_CUTOFF}**.

| class | ADI | CV² | what it means |
|---|---|---|---|
| smooth | below {ADI_CUTOFF} | below {CV2_CUTOFF} | {CLASS_DESCRIPTIONS["smooth"]} |
| erratic | below {ADI_CUTOFF} | {CV2_CUTOFF} or more | {CLASS_DESCRIPTIONS["erratic"]} |
| intermittent | {ADI_CUTOFF} or more | below {CV2_CUTOFF} | {CLASS_DESCRIPTIONS["intermittent"]} |
| lumpy | {ADI_CUTOFF} or more | {CV2_CUTOFF} or more | {CLASS_DESCRIPTIONS["lumpy"]} |

**Why intermittent and lumpy items are flagged.** The usual safety stock, z × σ × √L, assumes
demand arrives every period and spreads like a bell curve. When most periods are zero, the
average and the standard deviation describe neither the zeros nor the spikes: the buffer comes
out too small right after a demand and too large in the long quiet spells. Forecast these items
with an intermittent method (Croston, SBA, TSB) and check the buffer in the simulation.

**ABC** ranks items by total volume: A items make up the first 80 % of the volume, B the next
15 %, C the last 5 % (Pareto analysis). **XYZ** sorts by the coefficient of variation per period:
X below 0.5 (steady), Y below 1.0, Z 1.0 or more (a common convention; there is no single
standard).

**Trend and seasonality strength** (Hyndman & Athanasopoulos, *Forecasting: Principles and
Practice*, 3rd ed., §4.2) come from an STL decomposition into trend, season and remainder:
0 means none, 1 means the pattern explains everything. Seasonality needs at least two full
years of monthly or weekly data (two weeks of daily data); with only two or three years even
random demand scores about 0.3, so read values below 0.5 as weak.
"""
    )
