"""Compare: 2–4 saved scenarios side by side on the same data and SKUs — KPIs with changes
against a reference, cost parts, supply & demand overlaid, service-vs-cost frontiers overlaid
and the waterfall between any two. Thin: pickers -> one cached jitcore call per view ->
tables, charts and reading help."""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from ui import cache, state
from ui.messages import show_error
from ui.views import compare as view
from ui.views.tradeoffs.controls import scope


def main() -> None:
    data = state.demand()
    st.title("Compare scenarios")
    st.caption(
        "2–4 scenarios on the same data and demand draws: what each costs and delivers, and why."
    )
    picked = view.pick_scenarios()
    if picked is None:
        return
    scenarios, reference = picked
    left, right = st.columns([1.2, 1], gap="small", vertical_alignment="bottom")
    with left:
        shown = st.segmented_control(
            "Show",
            list(view.VIEWS),
            format_func=view.VIEWS.__getitem__,
            required=True,
            label_visibility="collapsed",
            **view.PREFS.widget("_cmp_view", "kpis", options=view.VIEWS),
        )
    with right:
        skus = scope(data)
    try:
        if shown == "frontier":
            view.frontier_view(data, scenarios, reference, skus)
            return
        if shown == "waterfall":
            view.waterfall_view(data, scenarios, reference, skus)
            return
        with st.spinner("Simulating the scenarios…"):
            comparison = cache.side_by_side(data, scenarios, reference, skus)
        if shown == "supply":
            view.supply_view(comparison)
        else:
            view.kpis_view(comparison, scenarios)
    except JitError as exc:
        show_error(exc)


main()
