"""Service vs cost: the frontier's cost, service and stock charts for a sweep of service
targets, with the current setting and the cheapest target marked."""

from __future__ import annotations

import streamlit as st

from jitcore.charts.tradeoffs import (
    frontier_cost_figure,
    frontier_inventory_figure,
    frontier_service_figure,
)
from jitcore.demand import DemandData
from jitcore.scenario import Scenario
from jitcore.tradeoffs import FrontierSettings, service_target
from jitcore.tradeoffs import reading as rd
from jitcore.vocabulary import SERVICE_TARGETS
from ui import cache
from ui.views.tradeoffs.common import PREFS, chart, read

SWEEP_COLUMNS = ["target", "total_cost", "holding_cost", "ordering_cost", "shortage_cost",
                 "average_on_hand", "fill_rate", "cycle_service_level", "predicted_fill_rate",
                 "predicted_cycle_service_level"]  # fmt: skip
HOW_TO_READ = (
    "- **Cost chart**: the black line is the total; coloured lines are its parts. The star is "
    "the cheapest target, the orange dot your setting. The grey band holds 80 % of the "
    "simulated years.\n"
    "- **Service chart**: solid lines are what the simulation achieved, dashed lines what the "
    "plan promised (the Plan's expected service). Where they part, trust the simulation.\n"
    "- **Stock chart**: how many units on hand each fill rate needs; the curve gets steep near "
    "100 %.\n"
    "- The x axis is stretched near 100 %: 99 % to 99.9 % is as wide as 90 % to 99 %."
)


def _sweep_settings(scenario: Scenario) -> FrontierSettings:
    with st.expander("Sweep settings"):
        a, b, c = st.columns(3)
        kind = a.radio(
            "Target swept",
            list(SERVICE_TARGETS),
            format_func=SERVICE_TARGETS.get,
            help="Cycle service level: chance of no stockout per replenishment cycle. Fill "
            "rate: share of demand served from stock.",
            **PREFS.widget("_to_fr_kind", service_target(scenario)),
        )
        low, high = b.slider(
            "Range (%)", 50.0, 99.9, step=0.1, **PREFS.widget("_to_fr_range", (50.0, 99.9))
        )
        points = c.slider("Points", 5, 60, **PREFS.widget("_to_fr_points", 30))
    return FrontierSettings(
        target=kind, low=min(low, high - 0.1) / 100, high=high / 100, points=points
    )


def frontier_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    # the cost chart and its reading first (on the first 1280x720 screen), the sweep's
    # settings under them: they change the chart above
    cost_slot = st.container()
    settings = _sweep_settings(scenario)
    with st.spinner("Simulating every service target…"):
        frontier = cache.frontier(data, scenario, settings, skus)
    with cost_slot:
        chart(frontier_cost_figure(frontier, height=520), "_to_fr_cost")
        read(rd.read_frontier(frontier))
    chart(frontier_service_figure(frontier, height=470), "_to_fr_service")
    left, right = st.columns([3, 2], gap="large")
    with left:
        chart(frontier_inventory_figure(frontier, height=440), "_to_fr_stock")
    with right:
        st.markdown("##### How to read these charts")
        st.markdown(HOW_TO_READ)
    with st.expander("Table of the sweep"):
        st.dataframe(frontier.frame()[SWEEP_COLUMNS], hide_index=True, width="stretch")
