"""Deep links on a fresh server: every page runs through ``app.py`` (navigation, sidebar).

Streamlit decides once per server process, when the first browser session starts, whether the
app is an old-style "pages folder" app: it is when a ``pages/`` folder sits next to the main
script, as here. Until ``st.navigation`` has run once, each run then goes through Streamlit's
pages-folder mode, which runs the script of the requested page *directly*. When the very first
visit after a start is a page's own address (``/compare``, a bookmark, a link in a mail) the
app frame never runs: the sidebar shows the raw file names of ``pages/`` and no sidebar data.

Every page imports :mod:`ui`, so the first import of the package is the first moment our code
runs in that case. It switches the pages-folder mode off (as ``st.navigation`` would) and asks
for a rerun of the same page, which then goes through ``app.py`` as every later run does.
"""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


def run_through_app() -> None:
    """Rerun the current page through ``app.py`` when Streamlit runs it in pages-folder mode.

    No-op outside a script run (command line, unit tests) and once ``st.navigation`` ran.
    """
    if PagesManager.uses_pages_directory is not True or get_script_run_ctx() is None:
        return
    PagesManager.uses_pages_directory = False
    import streamlit as st

    st.rerun()
