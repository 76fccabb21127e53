"""data page (being built)."""

import streamlit as st

import ui

st.title("data")
st.caption(f"SKU: {ui.selected_sku()}")
