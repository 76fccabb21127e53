"""Opening the app in AppTest as a user does: app.py (navigation and sidebar) first, then a
page."""

from __future__ import annotations

from collections.abc import Mapping

from streamlit.testing.v1 import AppTest

from jitcore.demand import DemandData
from tests.conftest import ROOT


def open_app(
    page: str | None = None,
    *,
    timeout: float = 60,
    demand: DemandData | None = None,
    query: Mapping[str, str] | None = None,
) -> AppTest:
    """The app on Home, or switched to ``page`` (e.g. ``"pages/plan.py"``), with ``demand`` as
    the active data and ``query`` as the address's parameters (e.g. ``{"ws": ...}``) when given;
    it has run without an exception."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if demand is not None:
        at.session_state["demand"] = demand
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
