"""The Supply & demand page in a real browser: change the policy and move the service-level
slider; the KPI cards change."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

FRESH = '[data-testid="stElementContainer"][data-stale="false"]'


def _metric(page, label: str) -> str:
    card = page.locator(f'{FRESH} [data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def _number(text: str) -> float:
    return float(re.sub(r"[^0-9.\-]", "", text))


def _wait_for_change(page, label: str, old: str) -> str:
    page.wait_for_function(
        """([label, old]) => {
            const cards = [...document.querySelectorAll(
                '[data-testid="stElementContainer"][data-stale="false"] [data-testid="stMetric"]')];
            const card = cards.find(c => c.innerText.includes(label));
            if (!card) return false;
            const value = card.querySelector('[data-testid="stMetricValue"]').innerText;
            return value !== old;
        }""",
        arg=[label, old],
        timeout=60_000,
    )
    wait_for_app(page)
    return _metric(page, label)


def test_policy_and_service_level_change_the_kpis(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Supply & demand").click()
    page.locator(f'{FRESH} [data-testid="stMetric"]', has_text="Bullwhip").first.wait_for(
        timeout=90_000
    )
    wait_for_app(page)
    page.locator(f'{FRESH} [data-testid="stPlotlyChart"]').nth(2).wait_for(timeout=60_000)
    bullwhip = _metric(page, "Bullwhip")

    policy = page.locator(f'{FRESH} [data-testid="stSelectbox"]', has_text="Replenishment policy")
    policy.first.click()
    page.get_by_role("option", name="Proportional order-up-to (POUT)").click()
    smoothed = _wait_for_change(page, "Bullwhip", bullwhip)
    assert _number(smoothed) < 0.8 * _number(bullwhip)  # POUT smooths orders
    page.locator(FRESH, has_text="Smoothing Ti (POUT)").first.wait_for(timeout=30_000)

    fill = _metric(page, "Fill rate")
    on_hand = _metric(page, "On hand (units)")
    slider = page.locator(f'{FRESH} [data-testid="stSlider"]', has_text="Cycle service level")
    slider.get_by_role("slider").first.focus()
    page.keyboard.press("End")  # 99.9 %
    new_fill = _wait_for_change(page, "Fill rate", fill)
    assert _number(new_fill) > _number(fill)
    assert _number(_metric(page, "On hand (units)")) > _number(on_hand)
