"""Shared app-layer helpers: session keys, the active dataset, the SKU picker, error display.

Session state and Streamlit caching live here and in the page scripts only, never in jitcore.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.intake import read_demand

SAMPLE_DIR = Path(__file__).parent / "sample_data"

#: Sample datasets offered in the app: label -> file in sample_data/.
SAMPLES: dict[str, str] = {
    "Teaching set: six typical demand patterns (weekly, 6 SKUs)": "teaching_weekly_long.csv",
    "Australian drug and wine sales (monthly, 3 SKUs)": "classic_monthly_long.csv",
    "Walmart store 1 departments (weekly sales in USD, not units; 7 SKUs)": (
        "walmart_store1_weekly_long.csv"
    ),
    "Australian prescriptions, intermittent and lumpy (monthly, 26 SKUs)": (
        "pbs_intermittent_monthly_wide.csv"
    ),
}
DEFAULT_SAMPLE = next(iter(SAMPLES))

# Session keys (plain names so tests can read them).
KEY_DEMAND = "demand"
KEY_SKU = "sku"


@st.cache_data(show_spinner=False)
def load_sample(file_name: str) -> DemandData:
    return read_demand(SAMPLE_DIR / file_name)


def demand() -> DemandData:
    """The active dataset; the default sample until the user loads another."""
    if KEY_DEMAND not in st.session_state:
        st.session_state[KEY_DEMAND] = load_sample(SAMPLES[DEFAULT_SAMPLE])
    return st.session_state[KEY_DEMAND]


def set_demand(data: DemandData) -> None:
    st.session_state[KEY_DEMAND] = data
    if st.session_state.get(KEY_SKU) not in data.skus:
        st.session_state[KEY_SKU] = data.skus[0]


def selected_sku() -> str:
    data = demand()
    sku = st.session_state.get(KEY_SKU)
    if sku not in data.skus:
        sku = data.skus[0]
        st.session_state[KEY_SKU] = sku
    return sku


def select_sku(sku: str) -> None:
    """Make ``sku`` the selected SKU; the sidebar picker follows on the next run."""
    st.session_state[KEY_SKU] = sku


def _on_sku_change() -> None:
    st.session_state[KEY_SKU] = st.session_state["_sku_widget"]


def sidebar() -> None:
    """Active dataset and SKU picker, shown on every page."""
    data = demand()
    with st.sidebar:
        st.caption("Active data")
        st.markdown(
            f"**{data.name or 'unnamed'}**  \n{len(data.skus)} SKUs · {data.periods} periods"
        )
        skus = list(data.skus)
        if st.session_state.get("_sku_widget") != selected_sku():
            st.session_state["_sku_widget"] = selected_sku()  # follows picks made on pages
        st.selectbox(
            "SKU",
            skus,
            key="_sku_widget",
            on_change=_on_sku_change,
            help="The item shown on single-SKU pages.",
        )


def show_error(exc: JitError) -> None:
    """A user error as a message with its fix, never a traceback."""
    st.error(f"**{exc.message}**" + (f"\n\n{exc.hint}" if exc.hint else ""))
