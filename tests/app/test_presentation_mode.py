"""Presentation mode in AppTest: ``?present=1`` or the sidebar switch turns it on for every page,
Supply & demand then shows four KPI cards and a shorter chart, ``?present=0`` turns it off."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.session import open_app
from ui.presentation import KEY


def _open(query: str | None, page: str | None = None) -> AppTest:
    return open_app(page, query=None if query is None else {"present": query})


def _styled(at: AppTest) -> bool:
    return any("stToolbar" in str(getattr(el, "proto", "")) for el in at.get("html"))


def test_the_address_switches_presentation_mode_on_for_every_page() -> None:
    at = _open("1", "pages/supply_demand.py")
    assert at.session_state[KEY] is True
    assert _styled(at)
    assert [m.label for m in at.metric] == [
        "Fill rate",
        "On hand (units)",
        "Bullwhip",
        "Total cost",
    ]
    chart = at.get("plotly_chart")[0]
    assert '"height":450' in chart.proto.spec.replace(" ", "")


def test_without_it_the_page_shows_every_card_and_no_presentation_styles() -> None:
    at = open_app("pages/supply_demand.py")
    assert not _styled(at)
    assert len(at.metric) == 8


def test_the_sidebar_switch_and_present_0() -> None:
    at = open_app()
    switch = next(t for t in at.sidebar.toggle if t.label == "Presentation mode")
    switch.set_value(True).run()
    assert at.session_state[KEY] is True and _styled(at)
    assert at.query_params["present"] == "1"
    off = _open("0")
    assert off.session_state[KEY] is False and not _styled(off)
