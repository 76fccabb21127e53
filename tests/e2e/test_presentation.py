"""Presentation mode in a real browser at 1280×720: on every page with KPIs and a chart, the
KPI cards and the main chart are both inside the first screen; the toolbar is hidden and the
sidebar folded. Screenshots go to pytest's temporary folder for a look."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 720
FRESH = '[data-testid="stElementContainer"][data-stale="false"]'


@pytest.fixture
def projector(browser, app_url: str):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.goto(app_url)  # the first run sets up the navigation; page addresses work after it
    wait_for_app(page)
    yield page
    context.close()


def _open(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)


def _inside(page, selector: str, *, count: int = 1) -> None:
    items = page.locator(f"{FRESH} {selector}")
    items.nth(count - 1).wait_for(timeout=90_000)
    wait_for_app(page)  # a run still going leaves earlier elements stale (not counted above)
    for i in range(count):
        box = items.nth(i).bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH + 1, (selector, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT + 1, (selector, box)


def _answered(page, button: str, answer: str, *, cards: int, shot) -> None:
    """Click ``button``, wait for ``answer`` and check the cards and the chart fit the screen."""
    page.get_by_role("button", name=button).click()
    page.get_by_text(answer).first.wait_for(timeout=60_000)
    wait_for_app(page)
    _inside(page, '[data-testid="stMetric"]', count=cards)
    _inside(page, '[data-testid="stPlotlyChart"]')
    page.screenshot(path=shot)


def _chrome_hidden(page) -> None:
    assert not page.locator('[data-testid="stToolbar"]').is_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.bounding_box() if sidebar.is_visible() else None
    assert box is None or box["x"] + box["width"] <= 1, box  # folded away


def test_supply_and_demand_shows_kpis_and_chart_on_one_screen(projector, app_url, tmp_path):
    _open(projector, app_url, "supply_demand?present=1")
    _inside(projector, '[data-testid="stMetric"]', count=4)
    _inside(projector, '[data-testid="stPlotlyChart"]')
    wait_for_app(projector)
    _chrome_hidden(projector)
    projector.screenshot(path=tmp_path / "supply_demand.png")


def test_supply_and_demand_starts_its_chart_on_the_first_screen_in_normal_mode(
    projector, app_url, tmp_path
):
    """Without presentation mode (sidebar open, captions shown): the four headline cards and
    the chart's first panel (demand, forecast, orders, receipts) on the first screen."""
    _open(projector, app_url, "supply_demand?present=0")
    _inside(projector, '[data-testid="stMetric"]', count=4)
    chart = projector.locator(f'{FRESH} [data-testid="stPlotlyChart"]').first
    chart.wait_for(timeout=90_000)
    box = chart.bounding_box()
    assert box is not None and box["y"] + 0.6 * box["height"] <= HEIGHT, box
    projector.screenshot(path=tmp_path / "supply_demand_normal.png")


def test_learn_reveal_shows_numbers_and_chart_on_one_screen(projector, app_url, tmp_path):
    _open(projector, app_url, "learn?present=1&lesson=postponement")
    projector.get_by_text("About half", exact=True).click()
    _answered(projector, "Reveal", "Right:", cards=2, shot=tmp_path / "learn.png")


def test_trainer_attempt_shows_kpis_and_chart_on_one_screen(projector, app_url, tmp_path):
    _open(projector, app_url, "trainer?present=1")
    team = projector.locator('input[aria-label="Team"]')
    team.wait_for(timeout=60_000)
    team.fill("Red")
    team.press("Enter")
    wait_for_app(projector)
    _answered(projector, "Run and score", "missed a target", cards=4, shot=tmp_path / "trainer.png")


@pytest.mark.parametrize("path", ["forecast", "tradeoffs"])
def test_other_chart_pages_fit_their_main_chart(projector, app_url, tmp_path, path):
    _open(projector, app_url, f"{path}?present=1")
    _inside(projector, '[data-testid="stPlotlyChart"]')
    if path == "forecast":
        _inside(projector, '[data-testid="stMetric"]', count=4)
    projector.screenshot(path=tmp_path / f"{path}.png")


def _caption_visible(page) -> bool:
    caption = page.locator(f'{FRESH} [data-testid="stCaptionContainer"]', has_text="One SKU")
    caption.first.wait_for(state="attached", timeout=90_000)
    return caption.first.is_visible()


def test_the_address_and_the_sidebar_switch_turn_the_mode_on_and_off(projector, app_url):
    _open(projector, app_url, "supply_demand?present=1")
    assert not _caption_visible(projector)
    _open(projector, app_url, "supply_demand?present=0")
    assert _caption_visible(projector)
    projector.locator('[data-testid="stSidebar"]').get_by_text("Presentation mode").click()
    wait_for_app(projector)
    projector.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stCaptionContainer"]')]
                 .every(c => !c.checkVisibility())""",
        timeout=30_000,
    )
    assert "present=1" in projector.url
