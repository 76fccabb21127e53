"""The room passcode in a real browser, on a fresh server opened at a page's address: nothing of
the app is shown or listed before the passcode, and the whole app opens after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.app_server import app_server
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

PASSCODE = "kanban-42"


@pytest.fixture
def room_url() -> Iterator[str]:
    with app_server({"JIT_WHATIF_PASSCODE": PASSCODE}) as url:
        yield url


def test_a_page_address_on_a_fresh_server_asks_for_the_passcode(page, room_url) -> None:
    page.goto(f"{room_url}/data")  # the very first session of this server, by a page's address
    page.get_by_text("Room passcode").wait_for(timeout=60_000)
    wait_for_app(page)
    text = page.inner_text("body")
    assert "Choose the data" not in text and "Working on" not in text
    assert page.get_by_test_id("stSidebarNavItems").count() == 0
    page.get_by_label("Room passcode").fill("wrong")
    page.get_by_role("button", name="Enter the room").click()
    page.get_by_text("not right").wait_for(timeout=30_000)
    assert "Choose the data" not in page.inner_text("body")
    page.get_by_label("Room passcode").fill(PASSCODE)
    page.get_by_role("button", name="Enter the room").click()
    page.get_by_text("Working on").first.wait_for(timeout=60_000)  # the app, from Home
    wait_for_app(page)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Data", exact=True).click()
    page.get_by_text("1. Choose the data").wait_for(timeout=60_000)
