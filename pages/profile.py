"""profile page (being built)."""

import streamlit as st

import ui

st.title("profile")
st.caption(f"SKU: {ui.selected_sku()}")
