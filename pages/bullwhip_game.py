"""Bullwhip game: a trainer runs rounds of a four-stage chain on the projector. The room types
one stage's orders week by week (or every stage follows its rule); toggles for shared
information, VMI, shorter lead times and smoothing; the classic chart of orders and stock per
stage; a debrief of costs and what changed. Thin: widgets -> RoundSetup -> the game's week
-> KPI row, chart and debrief (ui.views.bullwhip_game)."""

from __future__ import annotations

import streamlit as st

from ui.views import bullwhip_game as view


def main() -> None:
    st.title("Bullwhip game")
    st.caption(
        "Each stage ships what it can and orders from the next: watch orders swing more at "
        "every step upstream."
    )
    setup, game = view.round_bar()
    view.play_bar(game, setup)
    view.chart_and_kpis(game, setup)
    view.debrief(game)


main()
