"""A live app server on a free port and a Playwright browser on the system Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_server import app_server

SYSTEM_CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    args = dict(browser_type_launch_args)
    if Path(SYSTEM_CHROMIUM).exists():
        args["executable_path"] = SYSTEM_CHROMIUM
    args["args"] = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1600, "height": 1000}}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with app_server() as url:
        yield url


def wait_for_app(page) -> None:
    """Wait until the script run finished (new content rendered, no rerun pending)."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )


def open_page(page, name: str) -> None:
    """Click ``name`` in the sidebar's page list and wait for the page to render."""
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name, exact=True).click()
    wait_for_app(page)


def upload_file(page, path) -> None:
    """Open Data, upload the file at ``path`` and wait for its intake report (not used yet)."""
    open_page(page, "Data")
    page.get_by_text("1. Choose the data").wait_for(timeout=60_000)
    page.get_by_text("Upload your file").click()
    wait_for_app(page)  # a file set while the page still reruns from the click is dropped
    uploader = page.locator(
        '[data-testid="stMain"] [data-stale="false"] [data-testid="stFileUploader"]'
    )
    uploader.wait_for(timeout=30_000)
    uploader.locator('input[type="file"]').set_input_files(str(path))
    page.get_by_text("Intake report").wait_for(timeout=60_000)
    wait_for_app(page)


def save_baseline(page, *, timeout: float = 90_000) -> None:
    """Open Supply & demand, wait for its KPI cards and save the settings as the baseline."""
    open_page(page, "Supply & demand")
    page.locator(
        '[data-testid="stMain"] [data-stale="false"] [data-testid="stMetric"]', has_text="Bullwhip"
    ).first.wait_for(timeout=timeout)
    page.get_by_role("button", name="Save as baseline").click()
    page.get_by_text("Baseline = these settings").wait_for(timeout=60_000)
    wait_for_app(page)
