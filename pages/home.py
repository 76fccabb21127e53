"""Home: what the tool does, the flow through the pages, a sample to start with, the active data."""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from jitcore.formatting import count, plain
from jitcore.vocabulary import FREQUENCY_NAMES
from ui import cache, state
from ui.messages import show_error
from ui.samples import DEFAULT_SAMPLE, SAMPLES
from ui.views.data import INTAKE_CHOICE

PREFS = state.Memory("home_prefs")
KEY_LOADED = "home_loaded"

STEPS = [
    ("pages/data.py", "Data", ":material/upload_file:", "Load your demand history or a sample."),
    (
        "pages/profile.py",
        "Demand profile",
        ":material/bar_chart:",
        "See which items are steady, seasonal, trending or rare.",
    ),
    ("pages/forecast.py", "Forecast", ":material/trending_up:", "Pick a forecast method per item."),
    (
        "pages/plan.py",
        "Plan",
        ":material/calculate:",
        "Set safety stock, reorder point and order size.",
    ),
    (
        "pages/supply_demand.py",
        "Supply & demand",
        ":material/sync_alt:",
        "Watch stock, orders and shortages period by period.",
    ),
    (
        "pages/tradeoffs.py",
        "Trade-offs",
        ":material/balance:",
        "Compare service against inventory cost.",
    ),
]


def main() -> None:
    st.title("jit-whatif")
    st.markdown(
        "#### What-if planning for just-in-time inventory\n"
        "Bring your demand history and see what each choice does before you make it: how demand "
        "behaves item by item, how well it can be forecast, how much safety stock and how large "
        "an order each item needs, and what happens to stock, shortages and cost when lead times, "
        "order sizes or service targets change. Everything runs on this computer, offline."
    )

    st.subheader("How it works")
    for row in range(0, len(STEPS), 3):
        for offset, column in enumerate(st.columns(3)):
            number = row + offset + 1
            path, title, icon, text = STEPS[number - 1]
            with column.container(border=True):
                arrow = " →" if number < len(STEPS) else ""
                st.page_link(path, label=f"{number}. {title}{arrow}", icon=icon)
                # not a caption: presentation mode hides captions, and the cards would be empty
                st.markdown(f":gray[{text}]")

    st.subheader("Start with a sample")
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    choice = left.selectbox(
        "Sample data set",
        list(SAMPLES),
        help="Bundled data sets; see sample_data/PROVENANCE.md for their sources.",
        **PREFS.widget("_home_sample_widget", DEFAULT_SAMPLE, name="sample", options=SAMPLES),
    )
    if right.button("Load this sample", type="primary", width="stretch"):
        try:
            state.set_demand(cache.sample(SAMPLES[choice]), state.sample_source(SAMPLES[choice]))
        except JitError as exc:
            show_error(exc)
        else:
            st.session_state[KEY_LOADED] = choice
            # The Data page then shows and checks the same sample, not the one it had before.
            INTAKE_CHOICE.set("source", "sample")
            INTAKE_CHOICE.set("sample", choice)
            st.rerun()
    if loaded := st.session_state.pop(KEY_LOADED, None):
        st.success(f"Loaded the sample **{plain(loaded)}**.")

    st.page_link(
        "pages/data.py",
        label="Or load your own file (CSV or Excel) on the Data page",
        icon=":material/upload_file:",
    )

    data = state.demand()
    st.subheader("Active data")
    st.markdown(
        f"Working on **{plain(data.name or 'unnamed data')}**: {count(len(data.skus), 'SKU')}, "
        f"{data.periods:,} {FREQUENCY_NAMES[data.frequency]} period{'' if data.periods == 1 else 's'}."
    )
    tiles = st.columns(6)
    tiles[0].metric("SKUs", f"{len(data.skus):,}", border=True)
    tiles[1].metric("Periods", f"{data.periods:,}", border=True)
    tiles[2].metric("Frequency", FREQUENCY_NAMES[data.frequency], border=True)
    tiles[3].metric(
        "First period", f"{data.start:%b %Y}", help=f"{data.start:%Y-%m-%d}", border=True
    )
    tiles[4].metric("Last period", f"{data.end:%b %Y}", help=f"{data.end:%Y-%m-%d}", border=True)
    tiles[5].metric(
        "Total demand", f"{data.total:,.0f}", help="Sum over all SKUs and periods.", border=True
    )


main()
