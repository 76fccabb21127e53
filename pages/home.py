"""Home: what the tool does and where to start."""

import streamlit as st

import ui

st.title("jit-whatif")
st.markdown(
    "What-if dashboard for just-in-time inventory: load demand history, forecast it, set "
    "buffers and a replenishment policy, and see the supply and demand curves and the cost "
    "trade-offs at once."
)
data = ui.demand()
st.info(f"Working on **{data.name}**: {len(data.skus)} SKUs, {data.periods} periods.")
