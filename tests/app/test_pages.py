"""Every page runs in AppTest without an exception, on the default sample data."""

from __future__ import annotations

import pytest

from tests.app.session import open_app

PAGES = [
    "pages/home.py",
    "pages/data.py",
    "pages/profile.py",
    "pages/forecast.py",
    "pages/plan.py",
    "pages/supply_demand.py",
    "pages/tradeoffs.py",
    "pages/compare.py",
    "pages/report.py",
    "pages/portfolio.py",
    "pages/learn.py",
    "pages/trainer.py",
    "pages/bullwhip_game.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page: str) -> None:
    open_app(page)
