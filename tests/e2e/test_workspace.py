"""Work that lasts, in a real browser: upload a file, change settings, save a baseline and two
scenarios; a reload and a server restart on the same address bring all of it back; a second
browser gets a workspace of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jitcore.intake import read_demand
from jitcore.workspace import WorkspaceStore
from jitcore.workspace.location import ENV_VAR
from tests.app_server import app_server
from tests.conftest import SAMPLE_DIR
from tests.e2e.conftest import upload_file, wait_for_app

pytestmark = pytest.mark.e2e

FRESH = '[data-testid="stElementContainer"][data-stale="false"]'
SIDEBAR = '[data-testid="stSidebar"]'
SAMPLE = SAMPLE_DIR / "teaching_weekly_long.csv"


def _server(database: Path):
    """The app on a free port, keeping its workspace in ``database``."""
    return app_server({ENV_VAR: str(database)})


def _sidebar(page) -> str:
    return page.inner_text(SIDEBAR)


def _sku(page) -> str:
    # the picker labelled exactly "SKU" (the workspace's data sets also mention SKUs)
    picker = page.locator(SIDEBAR).get_by_role("combobox", name="SKU", exact=True)
    picker.wait_for(timeout=30_000)
    return picker.input_value()


def _open_library(page) -> None:
    if not page.locator(SIDEBAR).get_by_text("Save the working settings as").is_visible():
        page.locator(SIDEBAR).get_by_text("Scenario library").click()
    page.locator(SIDEBAR).get_by_text("Save the working settings as").wait_for(timeout=30_000)


def _save_as(page, name: str) -> None:
    _open_library(page)
    box = page.locator(SIDEBAR).get_by_role("textbox", name="Save the working settings as")
    box.fill(name)
    box.press("Enter")
    wait_for_app(page)
    page.locator(SIDEBAR).get_by_role("button", name="Save to the library").click()
    page.locator(SIDEBAR).get_by_text(f"Saved {name} to the library.").wait_for(timeout=90_000)
    wait_for_app(page)


def _go(page, name: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()
    wait_for_app(page)


def _lead_time(page) -> int:
    slider = page.locator(f'{FRESH} [data-testid="stSlider"]', has_text="Lead time L")
    shown = slider.locator('[data-testid="stSliderThumbValue"]').first
    shown.wait_for(timeout=90_000)
    return int(re.search(r"\d+", shown.inner_text()).group())


def _lead_time_up(page) -> int:
    before = _lead_time(page)
    slider = page.locator(f'{FRESH} [data-testid="stSlider"]', has_text="Lead time L")
    slider.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        r"""(before) => [...document.querySelectorAll('[data-testid="stSlider"]')]
            .filter(s => s.innerText.includes('Lead time L'))
            .some(s => parseInt(s.querySelector('[data-testid="stSliderThumbValue"]')
                .innerText.match(/\d+/)[0]) === before + 1)""",
        arg=before,
        timeout=30_000,
    )
    wait_for_app(page)
    return before + 1


def _everything_is_back(page, sku: str, lead_time: int) -> None:
    page.locator(SIDEBAR).get_by_text("my_sales").first.wait_for(timeout=90_000)
    wait_for_app(page)
    assert _sku(page) == sku
    _open_library(page)
    page.locator(SIDEBAR).get_by_text("Working scenario: Lean · baseline: Today").wait_for(
        timeout=30_000
    )
    _go(page, "Supply & demand")
    assert _lead_time(page) == lead_time


def test_reload_restart_and_a_second_browser(browser, tmp_path: Path) -> None:
    database = tmp_path / "workspace.db"
    upload = tmp_path / "my_sales.csv"
    upload.write_bytes(SAMPLE.read_bytes())
    sku = read_demand(SAMPLE).skus[2]

    with _server(database) as url:
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        page.goto(url)
        page.wait_for_url(re.compile(r"[?&]ws="), timeout=60_000)
        wait_for_app(page)

        upload_file(page, upload)  # waits for the intake report before "Use this data"
        page.get_by_role("button", name="Use this data").click()
        page.get_by_text("Now using").wait_for(timeout=60_000)
        wait_for_app(page)

        page.locator(SIDEBAR).get_by_role("combobox", name="SKU", exact=True).click()
        page.get_by_role("option", name=sku, exact=True).click()
        wait_for_app(page)
        assert _sku(page) == sku

        _go(page, "Supply & demand")
        _lead_time_up(page)
        _save_as(page, "Today")
        page.locator(SIDEBAR).get_by_role("button", name="Baseline", exact=True).click()
        page.locator(SIDEBAR).get_by_text("baseline: Today").first.wait_for(timeout=30_000)
        _lead_time_up(page)
        _save_as(page, "JIT")
        lead_time = _lead_time_up(page)
        _save_as(page, "Lean")
        ws = re.search(r"ws=([A-Za-z0-9_-]+)", page.url).group(1)

        page.reload()
        wait_for_app(page)
        assert f"ws={ws}" in page.url
        _everything_is_back(page, sku, lead_time)

        # A second browser on the same server: a workspace of its own, the first one untouched.
        other = browser.new_context(viewport={"width": 1600, "height": 1000})
        second = other.new_page()
        second.goto(url)
        second.wait_for_url(re.compile(r"[?&]ws="), timeout=60_000)
        wait_for_app(second)
        assert f"ws={ws}" not in second.url
        _open_library(second)
        assert "baseline: none" in _sidebar(second) and "my_sales" not in _sidebar(second)
        _save_as(second, "Theirs")
        other.close()
        context.close()

    store = WorkspaceStore(database)
    assert [s.name for s in store.scenarios(ws)] == ["Today", "JIT", "Lean"]
    assert len(store.workspaces()) == 2
    store.close()

    with _server(database) as url:  # a restart: a new server process on the same file
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        page.goto(f"{url}/?ws={ws}")
        wait_for_app(page)
        _everything_is_back(page, sku, lead_time)
        context.close()
