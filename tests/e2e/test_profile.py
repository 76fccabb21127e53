"""In a real browser: open the app, go to Demand profile, read a class, change the SKU."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

FRESH = '[data-stale="false"]'


def test_demand_profile_reads_classes_and_follows_the_sidebar_sku(page, app_url: str) -> None:
    page.goto(app_url)
    page.get_by_text("Working on").first.wait_for(timeout=60_000)
    wait_for_app(page)

    page.locator('[data-testid="stSidebarNav"] a', has_text="Demand profile").click()
    page.get_by_role("heading", name="Every SKU").wait_for(timeout=60_000)
    wait_for_app(page)

    # The table's accessible grid holds the cell texts: read the class of INTERMITTENT-01.
    row = page.locator(f'{FRESH} [data-testid="stDataFrame"] tr', has_text="INTERMITTENT-01")
    expect(row.first.locator("td").nth(2)).to_have_text("intermittent", timeout=30_000)
    cells = row.first.locator("td").all_inner_texts()
    assert "intermittent" in cells
    assert "⚠ check" in cells
    summary = page.locator(f'{FRESH} [data-testid="stMetric"]', has_text="Intermittent SKUs")
    assert summary.first.inner_text().split()[-1] == "1"

    title = page.locator(f'{FRESH} [data-testid="stPlotlyChart"] .gtitle').first
    expect(title).to_have_text("INTERMITTENT-01: intermittent demand, class CZ", timeout=30_000)

    page.locator('[data-testid="stSidebar"]').get_by_role(
        "combobox", name="SKU", exact=True
    ).click()
    page.get_by_role("option", name="SEASONAL-01").click()
    expect(title).to_have_text("SEASONAL-01: smooth demand, class AX", timeout=30_000)
    wait_for_app(page)
    heading = page.get_by_role("heading", name="Selected SKU: SEASONAL-01")
    expect(heading).to_be_visible()

    # Ticking a table row charts that SKU and moves the sidebar picker with it. The grid is a
    # canvas: click the tick box of the 6th row (TREND-01); rows and header are 38 px high.
    grid = page.locator(f'{FRESH} [data-testid="stDataFrame"]').first.bounding_box()
    assert grid is not None
    page.mouse.click(grid["x"] + 16, grid["y"] + 38 + 5 * 38 + 19)
    expect(title).to_have_text("TREND-01: smooth demand, class AX", timeout=30_000)
    wait_for_app(page)
    sidebar_pick = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="SKU")
    expect(sidebar_pick).to_have_value("TREND-01")
