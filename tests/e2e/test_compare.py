"""The Compare page in a real browser: keep a baseline and a saved scenario, change the working
settings, and compare the three side by side; the waterfall names the policy step."""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import save_baseline, wait_for_app

pytestmark = pytest.mark.e2e

FRESH = '[data-testid="stElementContainer"][data-stale="false"]'


def _open(page, name: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()
    wait_for_app(page)


def _policy(page, name: str) -> None:
    """Pick a policy on the Supply & demand page and wait for the redraw (the list is opened
    again when a rerun closed it)."""
    box = page.locator(f'{FRESH} [data-testid="stSelectbox"]', has_text="Replenishment policy")
    combo = box.first.get_by_role("combobox", name="Replenishment policy")
    option = page.get_by_role("option", name=name)
    for _ in range(3):
        wait_for_app(page)
        combo.click()
        try:
            option.wait_for(timeout=10_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        option.click()
        break
    expect(combo).to_have_value(name, timeout=60_000)
    # the run that took the new policy has finished: the line above the cards names it
    page.locator(f'{FRESH} [data-testid="stMarkdown"]', has_text=f"{name} ·").first.wait_for(
        timeout=60_000
    )
    wait_for_app(page)


def test_compare_three_scenarios(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    save_baseline(page)
    _policy(page, "Proportional order-up-to (POUT)")

    # keep POUT under a name, then make the working settings kanban
    _open(page, "Compare")
    page.get_by_role("heading", name="Compare scenarios").wait_for(timeout=60_000)
    page.get_by_role("button", name="Save working as…").click()
    page.get_by_role("textbox", name="Name").fill("POUT")
    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_app(page)
    page.keyboard.press("Escape")
    _open(page, "Supply & demand")
    page.locator(f'{FRESH} [data-testid="stMetric"]', has_text="Bullwhip").first.wait_for(
        timeout=90_000
    )
    _policy(page, "Kanban")

    _open(page, "Compare")
    picker = page.locator('[data-testid="stMultiSelect"]').first
    for name in ("Baseline", "Base (working)", "POUT"):
        expect(picker).to_contain_text(name, timeout=60_000)
    table = page.locator(f'{FRESH} [data-testid="stDataFrame"]').first
    table.wait_for(timeout=120_000)
    costs = page.locator(f'{FRESH} [data-testid="stPlotlyChart"]').first
    legend = costs.locator(".legendtext")
    expect(legend).to_have_text(["Baseline", "Base (working)", "POUT"], timeout=60_000)
    info = page.locator(f'{FRESH} [data-testid="stAlert"]').first
    expect(info).to_contain_text("POUT against Baseline")
    expect(info).to_contain_text("Base (working) against Baseline")
    assert "$0.00" not in info.inner_text()  # each differs from the baseline

    # the comparison as a file: one row per scenario and KPI
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the comparison (CSV)").click()
    table = pd.read_csv(download.value.path())
    assert set(table["scenario"]) == {"Baseline", "Base (working)", "POUT"}
    assert (table["reference"] == "Baseline").all()
    assert set(table["better"].dropna()) <= {"better", "worse"}

    # the waterfall from the baseline (order-up-to) to the working settings (kanban)
    page.locator('[data-testid="stButtonGroup"] button', has_text="Waterfall").click()
    page.get_by_role("heading", name="Total cost: from Baseline to Base (working)").wait_for(
        timeout=120_000
    )
    wait_for_app(page)
    chart = page.locator(f'{FRESH} [data-testid="stPlotlyChart"]').first
    labels = " ".join(chart.locator(".xtick text").all_text_contents())
    assert "Baseline" in labels and "Policy" in labels and "(working)" in labels
