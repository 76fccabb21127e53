"""The workspace of a browser tab: its id lives in the URL (``?ws=…``), so a reload, a server
restart or a bookmark brings back the data, settings, SKU, baseline and library, and each
person in a room keeps their own.

:func:`begin` runs before the sidebar on every run: it puts the id in the URL and, when the
session does not hold that workspace yet, reads it from the workspace file. Changes are saved
as they happen (the listener on :mod:`ui.state`'s setters; the library saves its own).
:func:`workspace_panel` is the sidebar's "Workspace" expander: new, open, rename, delete.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

import streamlit as st

from jitcore.errors import JitError
from jitcore.formatting import plain
from jitcore.intake import IntakeOptions
from jitcore.workspace import WorkspaceInfo, new_workspace_id
from jitcore.workspace.store import DEFAULT_WORKSPACE_NAME, WORKSPACE_ID
from ui import cache, library, state, store
from ui.messages import show_error

log = logging.getLogger(__name__)

#: The URL query parameter holding the workspace id.
URL_PARAM = "ws"
#: Session key of the workspace whose saved state this session holds.
KEY_LOADED = "_workspace_loaded"
#: Session keys of the workspace's content, cleared when another workspace is opened.
CONTENT = (
    state.KEY_DEMAND,
    state.KEY_SOURCE,
    state.KEY_SKU,
    state.KEY_SCENARIO,
    state.KEY_BASELINE,
    library.KEY_LIBRARY,
    library.KEY_NOTES,
    library.KEY_MARK,
)


# --- opening ----------------------------------------------------------------------------------
def begin() -> None:
    """Make sure the URL names this session's workspace and the session holds its content."""
    asked = st.query_params.get(URL_PARAM)
    ws = asked if asked and WORKSPACE_ID.match(asked) else store.current_id()
    ws = ws or new_workspace_id()
    if asked != ws:
        st.query_params[URL_PARAM] = ws
    if st.session_state.get(KEY_LOADED) != ws:
        _restore(ws, switching=KEY_LOADED in st.session_state)


def open_workspace(ws: str) -> None:
    """Switch this session to the workspace ``ws`` (a new one when it was never saved)."""
    st.query_params[URL_PARAM] = ws
    _restore(ws, switching=True)


def _restore(ws: str, *, switching: bool) -> None:
    st.session_state[store.KEY_ID] = ws
    st.session_state[KEY_LOADED] = ws
    if switching:
        for key in CONTENT:
            st.session_state.pop(key, None)
    found = store.store()
    if found is None:
        return
    try:
        active = found.active(ws)
        saved = found.scenarios(ws)
    except JitError as exc:
        st.session_state[store.KEY_PROBLEM] = f"{exc.message} {exc.hint}"
        return
    if saved or switching:
        library.replace_all({s.name: (s.scenario, s.notes) for s in saved}, active.baseline_name)
    if active.data_set_id is not None:
        _restore_data(active.data_set_id)
    if active.sku is not None and active.sku in state.demand().skus:
        st.session_state[state.KEY_SKU] = active.sku
    if active.working is not None:
        st.session_state[state.KEY_SCENARIO] = active.working
    if active.baseline is not None:
        st.session_state[state.KEY_BASELINE] = active.baseline


def _restore_data(data_set_id: int) -> None:
    found = store.store()
    try:
        kept = found.data_set(data_set_id) if found else None
        if kept is None:
            return
        record, payload = kept
        options = IntakeOptions.model_validate(record.options)
        data = cache.demand_file(payload, record.filename, options)
    except (JitError, ValueError) as exc:
        message = exc.message if isinstance(exc, JitError) else str(exc)
        st.session_state[store.KEY_PROBLEM] = (
            f"The data set kept in this workspace could not be read again ({message}). "
            "The sample is shown; load your file again on the Data page."
        )
        return
    st.session_state[state.KEY_DEMAND] = data
    st.session_state[state.KEY_SOURCE] = state.DataSource(record.filename, payload, options)


# --- saving as the user works -----------------------------------------------------------------
def _changed(what: str, value: Any) -> None:
    if what == "demand":
        _save_data(value)
    elif what == "sku":
        store.save(lambda db, ws: db.set_active(ws, sku=value))
    elif what == "scenario":
        store.save(lambda db, ws: db.set_active(ws, working=value))


def _save_data(source: state.DataSource | None) -> None:
    if source is None:  # data that cannot be read again: the workspace keeps the sample
        store.save(lambda db, ws: db.set_active(ws, data_set_id=None))
        return
    # "Rows dated after today" depend on the day: keep the day the file was read on, so it
    # reads the same tomorrow.
    options = source.options
    if options.today is None:
        options = options.model_copy(update={"today": dt.date.today()})
    data = st.session_state.get(state.KEY_DEMAND)
    report = dataclasses.asdict(data.report) if data is not None else {}

    def keep(db: Any, ws: str) -> None:
        record = db.add_data_set(
            ws,
            name=(data.name if data is not None else "") or source.filename,
            filename=source.filename,
            payload=source.payload,
            options=options.model_dump(mode="json"),
            report=report,
        )
        db.set_active(ws, data_set_id=record.id)

    store.save(keep)


state.on_change(_changed)


# --- the sidebar panel ------------------------------------------------------------------------
def _label(info: WorkspaceInfo) -> str:
    return f"{info.name} · changed {info.updated[:16].replace('T', ' ')} UTC"


def workspace_panel() -> None:
    """New, open, rename and delete workspaces; says where the file is kept. Other workspaces
    are listed only when the server serves this computer alone."""
    found = store.store()
    ws = store.current_id()
    problem = store.problem()
    if problem:
        st.warning(problem, icon=":material/warning:")
    if found is None or ws is None:
        st.caption("Workspaces are not saved in this session.")
        return
    try:
        info = found.workspace(ws)
        others = [w for w in found.workspaces() if w.id != ws]
    except JitError as exc:
        show_error(exc)
        return
    name = info.name if info else DEFAULT_WORKSPACE_NAME
    with st.expander(f"Workspace: {plain(name)}", icon=":material/folder_open:"):
        flash = st.session_state.pop(KEY_FLASH, None)
        if isinstance(flash, JitError):
            show_error(flash)
        elif flash:
            st.success(plain(flash))
        local = _serves_this_computer_only()
        st.caption(
            "Saved as you work. Bookmark this page's address to come back to this workspace."
            + (f" The file: `{found.path}`." if local else "")
        )
        state.sync("_ws_name", name)
        st.text_input("Name", key="_ws_name", max_chars=80)
        left, right = st.columns(2)
        left.button("Rename", key="_ws_rename", on_click=_rename, width="stretch")
        right.button(
            "New",
            key="_ws_new",
            on_click=_open_new,
            width="stretch",
            help="Start an empty workspace (this one stays in the list).",
        )
        _data_sets(found, ws)
        if others and local:
            st.selectbox(
                "Other workspaces",
                [w.id for w in others],
                format_func={w.id: _label(w) for w in others}.get,
                key="_ws_pick",
            )
            st.button("Open", key="_ws_open", on_click=_open_picked, width="stretch")
        confirm = st.checkbox("Delete this workspace and everything in it", key="_ws_confirm")
        st.button(
            "Delete workspace", key="_ws_delete", on_click=_delete, disabled=not confirm,
            width="stretch",
        )  # fmt: skip


KEY_FLASH = "_workspace_flash"


def _serves_this_computer_only() -> bool:
    """True when the server listens on this computer only. A server for a room lists no
    other workspaces and shows no server path: each person reaches their own by its address."""
    address = st.get_option("server.address") or ""
    return address in ("", "127.0.0.1", "localhost", "::1")


def _data_sets(found: Any, ws: str) -> None:
    """The data sets kept in this workspace, to use one again."""
    try:
        kept = found.data_sets(ws)
    except JitError:
        return
    if len(kept) < 2:
        return
    labels = {
        record.id: f"{record.filename} · {record.size / 1e6:.1f} MB · {record.created[:10]}"
        for record in reversed(kept)
    }
    st.selectbox("Data sets kept here", list(labels), format_func=labels.get, key="_ws_data")
    st.button(
        "Use this data set", key="_ws_use_data", on_click=_use_data_set, width="stretch",
        help="Read the kept copy again, as it was read before, and make it the data in use.",
    )  # fmt: skip


def _use_data_set() -> None:
    picked = st.session_state.get("_ws_data")
    found = store.store()
    try:
        kept = found.data_set(int(picked)) if found and picked is not None else None
        if kept is None:
            raise JitError("That data set is no longer kept.", "Load the file on the Data page.")
        record, payload = kept
        options = IntakeOptions.model_validate(record.options)
        data = cache.demand_file(payload, record.filename, options)
    except (JitError, ValueError) as exc:
        st.session_state[KEY_FLASH] = exc if isinstance(exc, JitError) else JitError(str(exc))
        return
    state.set_demand(data, state.DataSource(record.filename, payload, options))
    st.session_state[KEY_FLASH] = f"Now using {record.filename}."


def _rename() -> None:
    name = st.session_state.get("_ws_name", "")
    _act(lambda db, ws: db.rename_workspace(ws, name), "Workspace renamed.")


def _open_new() -> None:
    open_workspace(new_workspace_id())
    st.session_state[KEY_FLASH] = "A new workspace: load data and save scenarios in it."


def _open_picked() -> None:
    picked = st.session_state.get("_ws_pick")
    if picked:
        open_workspace(picked)
        st.session_state[KEY_FLASH] = "Workspace opened."


def _delete() -> None:
    if _act(lambda db, ws: db.delete_workspace(ws), "The workspace was deleted."):
        st.session_state["_ws_confirm"] = False
        open_workspace(new_workspace_id())


def _act(action: Any, done: str) -> bool:
    try:
        store.write(action)
    except JitError as exc:
        st.session_state[KEY_FLASH] = exc
        return False
    st.session_state[KEY_FLASH] = done
    return True
