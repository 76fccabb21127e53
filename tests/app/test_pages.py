"""Every page runs in AppTest without an exception, on the default sample data."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = [
    "pages/home.py",
    "pages/data.py",
    "pages/profile.py",
    "pages/forecast.py",
    "pages/plan.py",
    "pages/supply_demand.py",
    "pages/tradeoffs.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
