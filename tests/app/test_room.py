"""The workshop room's passcode: asked once per session when set, nothing shown before it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui import room


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.setenv(room.PASSCODE_ENV, "kanban-42")
    monkeypatch.setattr(room, "WRONG_DELAY", 0.0)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def _enter(at: AppTest, code: str) -> AppTest:
    at.text_input[0].input(code)
    at.button[0].click()
    return at.run()


def test_nothing_is_shown_before_the_passcode(app) -> None:
    at = app.run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Room passcode"]
    assert "Working on" not in " ".join(m.value for m in at.markdown)  # no Home, no data
    assert not at.sidebar.selectbox  # no sidebar either


def test_a_wrong_passcode_is_refused(app) -> None:
    at = _enter(app.run(), "kanban-41")
    assert "not right" in at.error[0].value
    assert room.KEY_ADMITTED not in at.session_state
    assert "Working on" not in " ".join(m.value for m in at.markdown)


def test_the_right_passcode_opens_the_app_for_the_session(app) -> None:
    at = _enter(app.run(), " kanban-42 ")
    assert not at.exception
    assert "Working on" in " ".join(m.value for m in at.markdown)
    at.run()  # stays admitted on the next run
    assert "Working on" in " ".join(m.value for m in at.markdown)


def test_without_a_passcode_the_app_opens(monkeypatch) -> None:
    monkeypatch.delenv(room.PASSCODE_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and "Working on" in " ".join(m.value for m in at.markdown)


def test_no_page_runs_before_the_passcode_even_by_its_address(app) -> None:
    """Only the gate is a page until the passcode is given: no other page can be opened."""
    at = app.run()
    for page in ("pages/data.py", "pages/supply_demand.py"):
        with pytest.raises(ValueError, match=r"Known pages: \['jit-whatif'\]"):
            at.switch_page(page)
    assert [t.label for t in at.text_input] == ["Room passcode"]
    at = _enter(at, "kanban-42")
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception and [t.value for t in at.title] == ["Data"]
