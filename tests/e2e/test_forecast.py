"""The Forecast page in a real browser: change the method, see the chart and metrics change."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

FRESH = '[data-testid="stElementContainer"][data-stale="false"]'


def _metric(page, label: str) -> str:
    card = page.locator(f'{FRESH} [data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def test_change_method_updates_chart_and_metrics(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Forecast").click()
    page.get_by_text("How every method did in the backtest").wait_for(timeout=90_000)
    wait_for_app(page)
    chart = page.locator(f'{FRESH} [data-testid="stPlotlyChart"]').first
    chart.wait_for(timeout=60_000)
    assert "Forecast:" in chart.inner_text()
    assert "Naive (last value)" not in chart.inner_text()
    mase_auto = _metric(page, "MASE (backtest)")

    page.locator(f'{FRESH} [data-testid="stSelectbox"]', has_text="Method").first.click()
    page.get_by_role("option", name="Naive (last value)").click()
    page.locator(FRESH, has_text="Forecast: Naive (last value)").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert _metric(page, "Value added over naive") == "+0 %"
    assert _metric(page, "MASE (backtest)") != mase_auto
    assert page.locator(f'{FRESH} [data-testid="stDataFrame"]').first.is_visible()

    page.get_by_text("Backtest folds").click()
    page.locator(FRESH, has_text="Backtest: forecast at each fold start").first.wait_for(
        timeout=60_000
    )
    wait_for_app(page)
    page.screenshot(path="/tmp/forecast_e2e.png")


def test_forecast_all_shows_every_sku_then_the_plan_reuses_it(page, app_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Forecast").click()
    page.get_by_text("How every method did in the backtest").wait_for(timeout=90_000)
    wait_for_app(page)
    button = page.get_by_role("button", name="Forecast all")
    button.scroll_into_view_if_needed()
    button.click()
    table = page.locator(f'{FRESH} [data-testid="stDataFrame"]', has_text="MASE").last
    table.wait_for(timeout=120_000)
    wait_for_app(page)
    table.scroll_into_view_if_needed()
    page.screenshot(path="/tmp/forecast_all_e2e.png")
    assert page.get_by_text("Forecast all").count() == 0  # the button gave way to the results
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Plan").click()
    page.get_by_text("Buffers per SKU").wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stProgress"]').count() == 0  # nothing forecast again
