"""The Bullwhip game in a real browser: the room types the wholesaler's orders for three weeks
and the chart in the page draws exactly those orders, week by week, with the other stages'
orders and net stock from the core's game."""

from __future__ import annotations

import re

import numpy as np
import pytest

from jitcore.chain import RoundSetup, play_week, round_settings, start_game
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

FRESH = '[data-testid="stElementContainer"][data-stale="false"]'
READ_CHART = """() => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!plot || !plot.data) return null;
    // _fullData holds the decoded arrays (data keeps plotly's base64 form)
    return plot._fullData.map(t => ({name: t.name, axis: t.yaxis || 'y', y: Array.from(t.y || [])}));
}"""


def _chart(page) -> dict[str, list[float]]:
    return {f"{t['name']}/{t['axis']}": t["y"] for t in page.evaluate(READ_CHART)}


def test_three_weeks_typed_by_the_room_are_drawn(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    more = nav.get_by_text(re.compile(r"View \d+ more"))
    if more.count():  # a long navigation shows its first pages only
        more.first.click()
    nav.get_by_role("link", name="Bullwhip game").click()
    page.get_by_text("Week 1 of 30").first.wait_for(timeout=90_000)
    wait_for_app(page)
    typed = [8, 12, 4]
    for week, order in enumerate(typed, start=1):
        box = page.locator(f'{FRESH} input[aria-label="Wholesaler\'s order (units)"]')
        box.fill(str(order))
        page.get_by_role("button", name="Order and play").click()
        page.get_by_text(f"Week {week + 1} of 30").first.wait_for(timeout=60_000)
        wait_for_app(page)
    page.wait_for_function(
        f"() => {{ const c = ({READ_CHART})(); return c && c[0].y.length === {len(typed)}; }}",
        timeout=60_000,
    )
    chart = _chart(page)
    assert chart["Wholesaler/y"] == typed
    game = start_game(round_settings(RoundSetup()))
    for order in typed:
        game = play_week(game, {1: order})
    assert np.allclose(chart["Demand/y"], game.series("demand"))
    assert np.allclose(chart["Factory/y"], game.series("orders")[:, 3])
    assert np.allclose(chart["Retailer/y2"], game.net_stock()[:, 0])
    cost = page.locator(f'{FRESH} [data-testid="stMetric"]', has_text="Chain cost").first
    assert cost.locator('[data-testid="stMetricValue"]').inner_text().startswith("$")


@pytest.mark.parametrize("address", ["bullwhip_game", "bullwhip_game?present=1"])
def test_chart_and_kpis_fit_a_projector(browser, app_url: str, address: str, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(app_url)  # the first run sets up the navigation; page addresses work after it
        wait_for_app(page)
        page.goto(f"{app_url}/{address}")
        page.get_by_text("Week 1 of 30").first.wait_for(timeout=90_000)
        page.get_by_role("button", name="Order and play").click()
        page.get_by_text("Week 2 of 30").first.wait_for(timeout=60_000)
        wait_for_app(page)
        for selector, count in (
            ('[data-testid="stMetric"]', 4),
            ('[data-testid="stPlotlyChart"]', 1),
        ):
            items = page.locator(f"{FRESH} {selector}")
            for i in range(count):
                box = items.nth(i).bounding_box()
                assert box is not None and box["y"] + box["height"] <= 721, (selector, i, box)
                assert box["x"] + box["width"] <= 1281, (selector, i, box)
        page.screenshot(path=tmp_path / "bullwhip_game.png")
    finally:
        context.close()
