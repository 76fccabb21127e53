"""Supply & demand: one SKU simulated under the working scenario. Settings beside the chart;
every change reruns the (cached) simulation and redraws at once. Thin: widgets -> Scenario ->
cached run -> KPI cards and chart builders."""

from __future__ import annotations

from functools import partial

import streamlit as st

from jitcore.charts.supply_demand import kpi_window
from jitcore.errors import JitError
from jitcore.kpis import Kpis
from jitcore.policies import POLICY_NAMES
from jitcore.vocabulary import period_word
from ui import cache, presentation, state
from ui.format import CARDS, kpi_cards
from ui.messages import guarded
from ui.sidebar import sku_picker
from ui.views import supply_demand as view


def _baseline_kpis(sku: str) -> Kpis | None:
    baseline = state.baseline()
    if baseline is None:
        return None
    try:
        return cache.run(state.demand(), baseline, [sku]).kpis_for(sku)
    except JitError:
        return None


def main() -> None:
    st.title("Supply & demand")
    st.caption(
        "One SKU under one policy: demand, what is ordered and received, and the stock that "
        "results. Change a setting and everything redraws at once."
    )
    data, sku = state.demand(), state.selected_sku()
    period = period_word(data.frequency)
    scenario = state.scenario()
    settings_column, main_column = st.columns([1.25, 3], gap="medium")
    with settings_column, st.container(border=True):
        # The SKU also here, so the sidebar can be collapsed on a projector.
        sku_picker(
            f"{view.KEY}_sku", help="The item simulated here (the same pick as in the sidebar)."
        )
        edited = view.settings(scenario, data.frequency)
    with main_column:
        with st.spinner("Simulating…"):
            shown = state.last_good(lambda value: cache.run(data, value, [sku]), edited, scenario)
        used = scenario if shown is None else shown[1]
        if used != scenario:
            state.set_scenario(used)
    with settings_column:
        view.baseline_controls(used)
    if shown is None:
        return
    result = shown[0]
    with main_column:
        baseline = _baseline_kpis(sku)
        window = kpi_window(result, sku)
        mode = (
            f"{result.paths} futures × {window} {period}s"
            if used.simulation.mode == "monte_carlo"
            else f"replay of {window} {period}s of history"
        )
        compared = " · changes against the baseline under each card" if baseline else ""
        st.markdown(f"**{POLICY_NAMES[used.policy.kind]}** · {mode}{compared}")
        cards = partial(
            kpi_cards,
            result.kpis_for(sku),
            baseline,
            bands=result.kpi_bands(sku) if result.paths > 1 else None,
            currency=used.costs.currency,
            period=period,
            window=window,
        )
        # four cards, then the chart: both on the first screen of a 1280x720 projector
        above, below = presentation.card_rows(CARDS)
        cards(names=above)
        path = None
        with guarded("The timeline chart"):  # each part fails alone
            path = view.main_chart(result, sku)
        if below:
            cards(names=below)
    with guarded("These charts"):
        view.secondary_charts(result, sku, baseline, path=path, period=period, window=window)
    with guarded("The downloads"):
        view.downloads(result, sku, baseline)


main()
