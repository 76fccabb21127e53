"""Views of the Demand profile page: the table of every SKU, and the reading help for the
class map and the ABC × XYZ matrix."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jitcore.profile import ADI_CUTOFF, CLASS_DESCRIPTIONS, CV2_CUTOFF, DemandProfile

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


def matrix_help() -> None:
    """How to read the ABC × XYZ matrix (beside it)."""
    st.markdown(
        "**Reading the ABC × XYZ matrix**\n\n"
        "- **AX, BX**: large and steady. The natural candidates for just-in-time supply: small, "
        "frequent orders or kanban, with little safety stock.\n"
        "- **AY, AZ, BY, BZ**: large but variable. Worth a closer look: forecast carefully and "
        "check the buffer in the simulation.\n"
        "- **C items**: a small share of the volume. Keep the rules simple; for CZ items consider "
        "ordering only against firm demand."
    )


def explanation() -> None:
    """What the classes mean and why intermittent items are flagged (an expander)."""
    with st.expander(
        "What the classes mean, and why intermittent items are flagged", expanded=False
    ):
        st.markdown(CLASSES_EXPLAINED)


CLASSES_EXPLAINED = f"""
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
