"""A page's own address opened first on a freshly started server shows the app, not a file list.

Streamlit decides at the first session of a server process whether ``pages/`` is an old-style
pages folder; before the fix, ``/compare`` as the very first visit ran ``pages/compare.py``
without ``app.py``: the sidebar listed the raw file names (app, bullwhip game, compare, ...).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.app_server import app_server
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def fresh_url() -> Iterator[str]:
    """A server of its own: no session has run ``st.navigation`` in it before the test."""
    with app_server() as url:
        yield url


def test_deep_link_first_shows_the_app_navigation(page, fresh_url: str) -> None:
    page.goto(f"{fresh_url}/compare")
    page.get_by_role("heading", name="Compare scenarios").wait_for(timeout=60_000)
    page.get_by_text("Active data").first.wait_for(timeout=60_000)  # the app's sidebar
    wait_for_app(page)
    nav = page.inner_text('[data-testid="stSidebarNav"]')
    # the app's titled navigation, grouped, with the Compare page open
    assert "Supply & demand" in nav
    assert "Demand profile" in nav
    assert "bullwhip game" not in nav  # a raw file name of pages/
    assert "\napp\n" not in f"\n{nav}\n"
    assert page.get_by_role("heading", name="Compare scenarios").is_visible()
    assert "/compare" in page.url


def test_deep_link_first_on_a_room_server_asks_for_the_passcode(page) -> None:
    # the page's own address skipped app.py, and with it the room's passcode, before the fix
    with app_server({"JIT_WHATIF_PASSCODE": "kanban-42"}) as url:
        page.goto(f"{url}/compare")
        page.get_by_text("Room passcode").first.wait_for(timeout=60_000)
        wait_for_app(page)
        text = page.inner_text('[data-testid="stApp"]')
        assert "Compare scenarios" not in text
        assert "Scenarios to compare" not in text
