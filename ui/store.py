"""The workspace file of this server and the workspace of this session: one
:class:`~jitcore.workspace.WorkspaceStore` per server process (shared by every session), and
the id of the workspace a session works in.

:func:`write` is for actions the user takes (a failure is raised and shown where they acted);
:func:`save` is for changes saved on the side while the user works (a failure shows a short
warning and the session goes on with its settings).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from jitcore.errors import WorkspaceError
from jitcore.formatting import plain
from jitcore.workspace import WorkspaceStore, workspace_path

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Session key of the id of the workspace this session works in.
KEY_ID = "_workspace_id"
#: Session key of a message about the workspace file to show once.
KEY_PROBLEM = "_workspace_problem"


@st.cache_resource(show_spinner=False)
def _open(path: str) -> WorkspaceStore:
    return WorkspaceStore(path)


def store() -> WorkspaceStore | None:
    """The workspace file (opened once per server), or None when it cannot be used; the
    reason is then kept for :func:`problem`."""
    try:
        opened = _open(str(workspace_path()))
    except WorkspaceError as exc:
        st.session_state[KEY_PROBLEM] = f"{exc.message} {exc.hint} Nothing is saved for now."
        return None
    if opened.notice and not st.session_state.get("_workspace_notice_shown"):
        st.session_state["_workspace_notice_shown"] = True
        st.session_state[KEY_PROBLEM] = opened.notice
    return opened


def problem() -> str | None:
    """A message about the workspace file not shown yet (shown once), or None."""
    return st.session_state.pop(KEY_PROBLEM, None)


def current_id() -> str | None:
    return st.session_state.get(KEY_ID)


def write(action: Callable[[WorkspaceStore, str], T]) -> T | None:
    """``action(store, workspace id)``; None without a usable file (the session keeps the
    change). A WorkspaceError is raised for the caller to show."""
    found, ws = store(), current_id()
    if found is None or ws is None:
        return None
    return action(found, ws)


def save(action: Callable[[WorkspaceStore, str], T]) -> T | None:
    """:func:`write`, with a failure shown as a short warning instead of raised."""
    try:
        return write(action)
    except WorkspaceError as exc:
        log.warning("workspace change not saved: %s", exc)
        st.toast(f"Not saved: {plain(exc.message)} {plain(exc.hint)}", icon=":material/warning:")
        return None
