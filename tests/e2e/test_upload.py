"""A planner uploads a messy export in a real browser, fixes a column and uses the data."""

from __future__ import annotations

import pytest

from tests.app.test_data_page import MESSY
from tests.e2e.conftest import upload_file, wait_for_app

pytestmark = pytest.mark.e2e

MAIN = '[data-testid="stMain"]'


def _main_text(page) -> str:
    return page.inner_text(MAIN)


def test_upload_messy_file_remap_and_use(page, app_url: str, tmp_path) -> None:
    # Semicolons, decimal commas, title rows, German headers, a "Summe" row, Windows-1252.
    path = tmp_path / "nord.csv"
    path.write_bytes(MESSY)
    page.goto(app_url)
    page.get_by_text("Working on").first.wait_for(timeout=60_000)
    wait_for_app(page)
    upload_file(page, path)

    text = _main_text(page)
    assert "columns separated by semicolons" in text
    assert "The header is on row 3" in text
    assert "decimal comma" in text
    assert "Left out 1 totals row: row 10 'Summe'" in text
    assert "row 9 ('n/a')" in text
    assert "1,264" in text  # Menge after cleaning

    page.locator(f'{MAIN} [data-stale="false"] [data-testid="stSelectbox"]').filter(
        has_text="Quantity column"
    ).click()
    page.get_by_role("option", name="Bestellt").click()
    page.get_by_text("1,350").wait_for(timeout=60_000)
    wait_for_app(page)
    assert "quantity = 'Bestellt'" in _main_text(page)

    page.get_by_role("button", name="Use this data").click()
    page.get_by_text("Now using").wait_for(timeout=60_000)
    wait_for_app(page)
    sidebar = page.inner_text('[data-testid="stSidebar"]')
    assert "nord.csv" in sidebar and "2 SKUs" in sidebar
