"""JIT levers: pull each lever on the current settings; the waterfall adds them up, the bars
show each alone, and one button adopts them all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from jitcore.charts.tradeoffs import levers_alone_figure, waterfall_figure
from jitcore.demand import DemandData
from jitcore.scenario import Scenario
from jitcore.tradeoffs import LEVER_LABELS, LEVER_ORDER, LeverAnalysis, LeverSettings
from jitcore.tradeoffs import reading as rd
from jitcore.vocabulary import kpi_label
from ui import cache, state
from ui.views.tradeoffs.common import PREFS, chart, read

KEY_LEVERS = "tradeoffs_levers"


def _lever_controls() -> LeverSettings:
    """A checkbox per lever with its amount under it, seeded from the last lever settings."""
    saved: LeverSettings = st.session_state.get(KEY_LEVERS) or LeverSettings()
    on = set(saved.enabled)
    period = "periods"
    inputs: dict[str, Callable[[], Any]] = {
        "setup_cost": lambda: st.slider(
            "Setup cost cut (%)", 0, 95, step=5,
            **PREFS.widget("_to_lv_setup", round(100 * saved.setup_cost_cut)),
        ),
        "lead_time": lambda: st.number_input(
            f"Lead time cut ({period})", 0, 52, step=1,
            **PREFS.widget("_to_lv_lead", saved.lead_time_cut),
        ),
        "lead_time_variability": lambda: st.slider(
            "Lead-time σ and slips cut (%)", 0, 100, step=5,
            **PREFS.widget("_to_lv_sd", round(100 * saved.lead_time_variability_cut)),
        ),
        "yield": lambda: st.slider(
            "Yield gain (points)", 0.0, 10.0, step=0.5,
            **PREFS.widget("_to_lv_yield", round(100 * saved.yield_gain, 1)),
        ),
        "review_period": lambda: st.number_input(
            f"Review every ({period})", 1, 52, step=1,
            **PREFS.widget("_to_lv_review", saved.review_period),
        ),
        "policy": lambda: st.radio(
            "Pull policy", ["kanban", "lot_for_lot"],
            format_func=lambda v: "Kanban" if v == "kanban" else "JIT lot-for-lot",
            horizontal=True, **PREFS.widget("_to_lv_policy", saved.policy),
        ),
        "smoothing": lambda: st.slider(
            "Smoothing Ti (periods)", 1.0, 12.0, step=0.5,
            **PREFS.widget("_to_lv_ti", saved.smoothing_periods),
        ),
    }  # fmt: skip
    enabled, amounts = [], {}
    for name in LEVER_ORDER:
        if st.checkbox(LEVER_LABELS[name], **PREFS.widget(f"_to_on_{name}", name in on)):
            enabled.append(name)
        amounts[name] = inputs[name]()  # each amount sits under its lever's checkbox
    settings = LeverSettings(
        setup_cost_cut=min(amounts["setup_cost"] / 100, 0.99),
        lead_time_cut=int(amounts["lead_time"]),
        lead_time_variability_cut=amounts["lead_time_variability"] / 100,
        yield_gain=amounts["yield"] / 100,
        review_period=int(amounts["review_period"]),
        policy=amounts["policy"],
        smoothing_periods=float(amounts["smoothing"]),
        enabled=tuple(enabled),
    )
    st.session_state[KEY_LEVERS] = settings
    return settings


def _adopt_levers(analysis: LeverAnalysis) -> None:
    state.set_baseline(analysis.baseline_scenario)
    state.set_scenario(analysis.combined_scenario.model_copy(update={"name": "JIT levers"}))


def levers_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    st.caption(
        "Pull each lever on your current settings. The waterfall adds them one on top of the "
        "other in this order, so the steps add up to the total change."
    )
    controls, charts = st.columns([1, 3], gap="large")
    with controls:
        settings = _lever_controls()
    with charts:
        with st.spinner("Simulating the levers…"):
            analysis = cache.levers(data, scenario, settings, skus)
        chart(waterfall_figure(analysis, "total_cost", height=480), "_to_wf_cost")
        chart(waterfall_figure(analysis, "average_on_hand", height=420), "_to_wf_stock")
    read(rd.read_levers(analysis))
    kpi = st.radio(
        "Each lever alone, change in",
        ["total_cost", "average_on_hand"],
        format_func=kpi_label,
        horizontal=True,
        **PREFS.widget("_to_alone_kpi", "total_cost"),
    )
    chart(levers_alone_figure(analysis, kpi), "_to_alone")
    st.button(
        "Adopt all levers as my settings",
        on_click=_adopt_levers,
        args=(analysis,),
        help="Saves your current settings as the baseline and makes 'all levers' your working "
        "settings; compare them under 'Baseline vs what-if'.",
    )
