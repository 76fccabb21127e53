"""jit-whatif: the app frame. Page config, navigation over every page, the shared sidebar."""

import streamlit as st

import ui

st.set_page_config(page_title="jit-whatif", page_icon="📦", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon="🏠", default=True),
    st.Page("pages/data.py", title="Data", icon="📂"),
    st.Page("pages/profile.py", title="Demand profile", icon="📊"),
    st.Page("pages/forecast.py", title="Forecast", icon="📈"),
    st.Page("pages/plan.py", title="Plan", icon="🧮"),
    st.Page("pages/supply_demand.py", title="Supply & demand", icon="🔁"),
    st.Page("pages/tradeoffs.py", title="Trade-offs", icon="⚖️"),
]

page = st.navigation(PAGES)
ui.sidebar()
page.run()
