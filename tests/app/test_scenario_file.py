"""Saving and loading the working scenario from the sidebar; a bad file keeps the settings."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from jitcore.scenario import Scenario
from tests.app.session import open_app


def _app() -> AppTest:
    return open_app()


def test_loading_a_scenario_file_replaces_the_working_scenario() -> None:
    at = _app()
    wanted = Scenario().with_setting("name", "JIT workshop").with_setting("supply.lead_time", 1)
    at.sidebar.file_uploader(key="_scenario_upload").set_value(
        ("jit.scenario.json", wanted.to_json().encode(), "application/json")
    ).run()
    assert not at.exception
    assert at.session_state["scenario"] == wanted
    assert any("JIT workshop" in s.value for s in at.sidebar.success)


def test_a_bad_scenario_file_shows_why_and_keeps_the_settings() -> None:
    at = _app()
    before = Scenario().with_setting("supply.lead_time", 5)
    at.session_state["scenario"] = before
    bad = b'{"supply": {"lead_time": -3}, "colour": "blue"}'
    at.sidebar.file_uploader(key="_scenario_upload").set_value(
        ("bad.json", bad, "application/json")
    ).run()
    assert not at.exception
    message = " ".join(e.value for e in at.sidebar.error)
    assert "supply.lead_time" in message and "colour" in message
    assert at.session_state["scenario"] == before
