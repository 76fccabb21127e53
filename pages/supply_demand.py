"""supply_demand page (being built)."""

import streamlit as st

import ui

st.title("supply_demand")
st.caption(f"SKU: {ui.selected_sku()}")
