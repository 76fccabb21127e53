"""forecast page (being built)."""

import streamlit as st

import ui

st.title("forecast")
st.caption(f"SKU: {ui.selected_sku()}")
