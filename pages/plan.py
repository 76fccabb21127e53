"""Plan: safety stock, reorder point, order-up-to level, EOQ and kanban count for every SKU, with
the inputs that drive them, editable settings and the formulas on request. Thin: widgets ->
Scenario -> cached plan -> table and charts."""

from __future__ import annotations

import streamlit as st

from jitcore.formatting import plain
from jitcore.reports import plan_csv, plan_file_name
from jitcore.vocabulary import period_word
from ui import cache, state
from ui.views import items as items_view
from ui.views import plan as view


def main() -> None:
    st.title("Plan")
    st.caption(
        "Safety stock, reorder point, order-up-to level, EOQ and kanban cards for every SKU, "
        "from its demand, the forecast error and the settings below. The Supply & demand page "
        "simulates them."
    )
    data, sku = state.demand(), state.selected_sku()
    frequency = data.frequency
    period = period_word(frequency)
    scenario = state.scenario()
    edited = view.settings(scenario, frequency)
    items_view.own_values_note(scenario)
    shown = state.last_good(lambda value: cache.plan(data, value), edited, scenario)
    if shown is None:
        return
    table, used = shown
    if used != scenario:
        state.set_scenario(used)

    mode = "history" if used.simulation.mode == "replay" else "the forecast"
    st.subheader(f"Buffers per SKU ({len(table.rows)})")
    follow = (
        " The policy's levels follow the forecast: each review recomputes s and S from the "
        "current forecast; the table shows them at the average demand."
        if used.policy.levels == "follow_forecast"
        else ""
    )
    st.caption(
        f"Quantities in units, times in {period}s; average demand from {mode}. The selected SKU "
        f"({plain(sku)}) is highlighted; hover a header for its meaning.{follow}"
    )
    view.table(table, frequency, sku)
    st.download_button(
        "Download the table (CSV)",
        plan_csv(table),
        file_name=plan_file_name(data.name),
        mime="text/csv",
        key=f"{view.KEY}_download",
        icon=":material/download:",
    )
    view.formulas(table, used, sku, frequency)
    view.calibration(data, used, sku)
    view.order_quantity(table, used, sku, frequency)


main()
