"""AppTest fixtures shared by every page test."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def run_app_py_on_every_rerun(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make AppTest run app.py (navigation and sidebar) on every run, as the server does.

    AppTest resets ``PagesManager.uses_pages_directory`` before each run; because this app keeps
    its pages in ``pages/``, the flag turns True again and every run after the first executes
    only the page script, as in the old pages-folder mode (no sidebar). ``st.navigation``
    switches the flag off in the real server; this does the same once the manager is built.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True)
def errors_surface(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug inside an error boundary of the app raises in tests (``at.exception``) instead of
    becoming a short notice; tests of the boundary itself remove this setting."""
    monkeypatch.setenv("JIT_WHATIF_DEBUG", "1")
