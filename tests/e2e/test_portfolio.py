"""A planner uploads demand and an item master, opens the portfolio, filters a demand class
and drills into one SKU on Supply & demand, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import SAMPLE_DIR
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

MAIN = '[data-testid="stMain"]'
FRESH = f'{MAIN} [data-stale="false"]'
ITEMS = (
    "Artikel;Einkaufspreis;Lieferzeit (Tage);Lieferant;Warengruppe\n"
    "STABLE-01;12,50;14;Acme;Tools\nTREND-01;4,00;7;Beta;Tools\nLUMPY-01;80;21;Acme;Spares\n"
)


def _open(page, name: str) -> None:
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name, exact=True).click()


def _cards(page) -> str:
    return page.locator(f'{FRESH} [data-testid="stMetric"]').first.inner_text()


def test_upload_demand_and_items_filter_and_drill(page, app_url: str, tmp_path) -> None:
    demand = tmp_path / "shop.csv"
    demand.write_bytes((SAMPLE_DIR / "teaching_weekly_long.csv").read_bytes())
    items = tmp_path / "stamm.csv"
    items.write_text(ITEMS, encoding="cp1252")
    page.goto(app_url)
    page.get_by_text("Working on").first.wait_for(timeout=60_000)
    wait_for_app(page)
    _open(page, "Data")
    page.get_by_text("1. Choose the data").wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_text("Upload your file").click()
    uploader = page.locator(f"{FRESH} [data-testid='stFileUploader']").filter(
        has_text="Demand file"
    )
    uploader.wait_for(timeout=30_000)
    uploader.locator('input[type="file"]').set_input_files(str(demand))
    page.get_by_role("button", name="Use this data").wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_role("button", name="Use this data").click()
    page.get_by_text("Now using").wait_for(timeout=60_000)
    wait_for_app(page)

    master = page.locator(f"{FRESH} [data-testid='stFileUploader']").filter(has_text="Item master")
    master.locator('input[type="file"]').set_input_files(str(items))
    page.get_by_role("button", name="Use this item master").wait_for(timeout=60_000)
    wait_for_app(page)
    assert "not in the item master" in page.inner_text(MAIN)
    page.get_by_role("button", name="Use this item master").click()
    page.get_by_text("are now in the scenario").wait_for(timeout=60_000)
    wait_for_app(page)

    _open(page, "Portfolio")
    page.get_by_text("Fill rate (pooled)").wait_for(timeout=180_000)
    wait_for_app(page)
    expect(page.locator(f"{FRESH} [data-testid='stMetric']").first).to_contain_text("6 of 6")
    # the item master's categories are there to filter by
    page.locator(f"{FRESH} [data-testid='stMultiSelect']").filter(has_text="Category").click()
    expect(page.get_by_role("option", name="Tools")).to_be_visible(timeout=30_000)
    page.keyboard.press("Escape")
    wait_for_app(page)
    page.locator(f"{FRESH} [data-testid='stMultiSelect']").filter(has_text="Demand class").click()
    page.get_by_role("option", name="smooth").click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page.locator(f"{FRESH} [data-testid='stMetric']").first).to_contain_text(
        "3 of 6", timeout=60_000
    )

    page.get_by_role("tab", name="Exceptions").click()
    picker = page.locator(f"{FRESH} [data-testid='stSelectbox']").filter(
        has_text="Look into one SKU"
    )
    picker.click()
    page.get_by_role("option", name="TREND-01").click()
    wait_for_app(page)
    page.get_by_role("button", name="Open in Supply & demand").click()
    page.get_by_role("heading", name="Supply & demand").wait_for(timeout=120_000)
    wait_for_app(page)
    expect(page.locator(MAIN).get_by_role("combobox", name="SKU").first).to_have_value(
        "TREND-01", timeout=60_000
    )
    chart = page.locator(f"{FRESH} [data-testid='stPlotlyChart']").first
    expect(chart.locator(".gtitle")).to_contain_text("TREND-01", timeout=60_000)
