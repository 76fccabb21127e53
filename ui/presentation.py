"""Presentation mode, in one place: a sidebar switch and ``?present=1`` in the address.

On a 1280×720 projector the audience must see a page's KPIs and its main chart on one screen.
Presentation mode hides Streamlit's chrome (toolbar, menu, decoration) and the explanatory
captions, tightens the spacing, sets larger type, and lets pages ask for chart heights and KPI
sets that fit (:func:`chart_height`, :func:`card_rows`). The mode is kept in the session and
follows ``?present=1`` / ``?present=0`` when the address has one, so a trainer can bookmark it.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

#: Query parameter and session key of the mode.
QUERY = "present"
KEY = "presentation_mode"
_WIDGET = "_presentation_switch"
#: The KPI cards shown in presentation mode: the four a room discusses, one row.
KPI_CARDS: tuple[str, ...] = ("fill_rate", "average_on_hand", "bullwhip", "total_cost")
#: Height of a main chart in presentation mode (px): fits under a title and one row of cards.
CHART_HEIGHT = 400

_CSS = """
<style>
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stMainMenu"],
[data-testid="stAppDeployButton"], footer {display: none !important;}
[data-testid="stHeader"] {background: transparent; height: 2.5rem;}
[data-testid="stMainBlockContainer"] {padding-top: 1rem !important; padding-bottom: 1rem;}
[data-testid="stMain"] [data-testid="stCaptionContainer"] {display: none;}
[data-testid="stMain"] h1 {font-size: 2.1rem; padding: 0 0 0.4rem 0;}
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li {font-size: 1.15rem;}
[data-testid="stMain"] [data-testid="stWidgetLabel"] p {font-size: 1rem;}
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] p {font-size: 2.3rem !important; line-height: 1.2;}
[data-testid="stMain"] [data-testid="stMetricLabel"] p {font-size: 1.05rem;}
[data-testid="stMain"] [data-testid="stVerticalBlock"] {gap: 0.6rem;}
</style>
"""


def active() -> bool:
    """Whether presentation mode is on (``?present=1`` switches it on, ``?present=0`` off)."""
    asked = st.query_params.get(QUERY)
    if asked in ("1", "0") and st.session_state.get("_presentation_query") != asked:
        st.session_state[KEY] = asked == "1"
        st.session_state["_presentation_query"] = asked
    return bool(st.session_state.get(KEY, False))


def _switched() -> None:
    on = bool(st.session_state[_WIDGET])
    st.session_state[KEY] = on
    st.session_state["_presentation_query"] = "1" if on else "0"
    st.query_params[QUERY] = "1" if on else "0"


def switch() -> None:
    """The sidebar switch."""
    st.session_state[_WIDGET] = active()
    st.sidebar.toggle(
        "Presentation mode",
        key=_WIDGET,
        on_change=_switched,
        help="For a projector: larger type, no toolbar or captions, the KPIs and the main chart "
        "on one 1280×720 screen. Add ?present=1 to the address to open the app this way.",
    )


def apply() -> None:
    """The presentation styles, when the mode is on (call once per run, before the page)."""
    if active():
        # the sidebar starts folded on a projector; its arrow (top left) opens it
        st.set_page_config(initial_sidebar_state="collapsed")
        st.html(_CSS)


def chart_height(default: int, presenting: int = CHART_HEIGHT) -> int:
    """A main chart's height: ``default``, or at most ``presenting`` when presenting."""
    return min(default, presenting) if active() else default


def card_rows(names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The KPI cards of ``names`` to show above the main chart (the four of
    :data:`KPI_CARDS`, so the chart starts on the first 1280×720 screen) and below it (the
    rest; none when presenting)."""
    above = tuple(name for name in names if name in KPI_CARDS) or tuple(names)
    below = () if active() else tuple(name for name in names if name not in above)
    return above, below
