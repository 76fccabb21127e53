"""Sensitivity and the two-way grid: which inputs move cost and service most, and cost or
service over every combination of service target and lead time."""

from __future__ import annotations

import streamlit as st

from jitcore.charts.tradeoffs import heatmap_figure, tornado_figure
from jitcore.demand import DemandData
from jitcore.scenario import Scenario
from jitcore.tradeoffs import SensitivitySettings
from jitcore.tradeoffs import reading as rd
from jitcore.vocabulary import kpi_label
from ui import cache
from ui.views.tradeoffs.common import PREFS, chart, read


def sensitivity_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    change = st.slider(
        "Move each input by ± (%)", 5, 50, step=5, **PREFS.widget("_to_sens_change", 20)
    )
    settings = SensitivitySettings(change=change / 100)
    with st.spinner("Simulating each input up and down…"):
        result = cache.sensitivities(data, scenario, settings, skus)
    for kpi, key in (("total_cost", "_to_tornado_cost"), ("fill_rate", "_to_tornado_fill")):
        chart(tornado_figure(result, kpi, height=520), key)
        read(rd.read_sensitivity(result, kpi))


def grid_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    kpi = st.radio(
        "Colour by",
        ["total_cost", "fill_rate", "average_on_hand"],
        format_func=kpi_label,
        horizontal=True,
        **PREFS.widget("_to_grid_kpi", "total_cost"),
    )
    with st.spinner("Simulating every combination…"):
        grid = cache.grid(data, scenario, skus)
    chart(heatmap_figure(grid, kpi, height=600), "_to_heat")
    read(rd.read_grid(grid, kpi))
