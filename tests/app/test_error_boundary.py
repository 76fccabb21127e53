"""The error boundary: a failure in one part (the sidebar, a page, a chart) shows a short
message, the rest of the app keeps working, and the traceback goes to the server log only."""

from __future__ import annotations

import logging
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from jitcore.errors import JitError
from tests.app.session import open_app
from tests.conftest import ROOT
from ui import sidebar as sidebar_module
from ui.messages import DEBUG_ENV

NOTICE = "could not be shown because of an unexpected error"


@pytest.fixture(autouse=True)
def contained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DEBUG_ENV, raising=False)


def _boundary_script() -> None:
    import streamlit as st

    from jitcore.errors import JitError
    from ui.messages import guarded

    with guarded("The first chart"):
        st.write("before")
        raise RuntimeError("/srv/secret/path.py broke")
    with guarded("The second chart"):
        raise JitError("No data for this SKU.", "Pick another SKU.")
    st.write("after")


def test_a_failing_part_leaves_the_rest_working(caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="jit_whatif"):
        at = AppTest.from_function(_boundary_script).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors[0].startswith(f"The first chart {NOTICE}")
    assert "/srv/secret" not in " ".join(errors)  # no server path in the browser
    assert "No data for this SKU" in errors[1] and "Pick another SKU" in errors[1]
    assert [m.value for m in at.markdown][-1] == "after"
    assert "The first chart failed" in caplog.text and "/srv/secret/path.py" in caplog.text


def test_a_broken_sidebar_leaves_the_page_working(monkeypatch, caplog) -> None:
    def broken(*args, **kwargs):
        raise KeyError("a bug in the scenario panel")

    monkeypatch.setattr(sidebar_module, "library_panel", broken)
    with caplog.at_level(logging.ERROR, logger="jit_whatif"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any(f"The sidebar {NOTICE}" in e.value for e in at.sidebar.error)
    assert at.title and "Working on" in " ".join(m.value for m in at.markdown)  # Home works
    assert "The sidebar failed" in caplog.text


def test_a_user_error_in_the_sidebar_is_its_message(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise JitError("The workspace file is locked.", "Close the other window.")

    monkeypatch.setattr(sidebar_module, "library_panel", refuse)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("The workspace file is locked" in e.value for e in at.sidebar.error)


def test_in_development_bugs_surface(monkeypatch) -> None:
    monkeypatch.setenv(DEBUG_ENV, "1")
    at = AppTest.from_function(_boundary_script).run()
    assert at.exception


def test_no_error_details_reach_the_browser() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_every_page_runs_inside_the_boundary() -> None:
    source = (ROOT / "app.py").read_text()
    assert 'with guarded("This page"):\n    page.run()' in source
    assert open_app("pages/plan.py")  # and a page still runs normally
