"""tradeoffs page (being built)."""

import streamlit as st

import ui

st.title("tradeoffs")
st.caption(f"SKU: {ui.selected_sku()}")
