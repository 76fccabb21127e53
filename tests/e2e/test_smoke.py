"""The app opens in a real browser on sample data."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_home_opens_on_sample_data(page, app_url: str) -> None:
    page.goto(app_url)
    page.get_by_text("Working on").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert "SKUs" in page.inner_text('[data-testid="stMain"]')
