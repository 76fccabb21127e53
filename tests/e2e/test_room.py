"""The room passcode in a real browser, on a fresh server opened at a page's address: nothing of
the app is shown or listed before the passcode, and the whole app opens after it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import _free_port, wait_for_app

pytestmark = pytest.mark.e2e

PASSCODE = "kanban-42"


@pytest.fixture
def room_url():
    port = _free_port()
    env = {**os.environ, "JIT_WHATIF_PASSCODE": PASSCODE}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
         str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("the app server did not start") from None
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


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
