"""Lot size: the EOQ curve of the analysed SKUs, and how it moves as setups get cheaper."""

from __future__ import annotations

import streamlit as st

from jitcore.charts.tradeoffs import lot_size_figure
from jitcore.demand import DemandData
from jitcore.scenario import Scenario
from jitcore.tradeoffs import lot_size_inputs, lot_size_tradeoff
from jitcore.tradeoffs import reading as rd
from jitcore.vocabulary import period_word
from ui import cache
from ui.views.tradeoffs.common import PREFS, chart, read


def lot_size_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    chosen = st.multiselect(
        "Setup-cost reductions to show (%)",
        [25, 50, 75, 90, 95],
        help="Quick changeover (SMED) cuts the cost of each setup or order.",
        **PREFS.widget("_to_lot_cuts", [50, 75, 90]),
    )
    cuts = tuple(sorted(v / 100 for v in chosen))
    tradeoff = lot_size_tradeoff(lot_size_inputs(cache.run(data, scenario, skus)), reductions=cuts)
    period = period_word(data.frequency)
    currency = scenario.costs.currency
    chart(lot_size_figure(tradeoff, currency=currency, period_word=period), "_to_lot")
    read(rd.read_lot_size(tradeoff, currency))
    if tradeoff.unit == "periods":
        st.caption(
            f"For a group every SKU's lot is measured in {period}s of its own demand; the curve "
            "orders every SKU the same cover, the dot is each SKU at its current lot."
        )
