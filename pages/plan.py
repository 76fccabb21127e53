"""plan page (being built)."""

import streamlit as st

import ui

st.title("plan")
st.caption(f"SKU: {ui.selected_sku()}")
