"""The sidebar's scenario library: save the working settings by name, load, rename, duplicate,
delete and mark a saved scenario as the baseline; export the library and import scenario files.

A file put in the uploader is read before anything else is drawn, so the captions, the
downloads and the page below show the loaded settings in the same run; a file is read again
only when its content changes (its SHA-256), whatever its name and size.
"""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from jitcore.formatting import plain
from jitcore.workspace import fingerprint, read_scenario_file
from ui import library, state
from ui.messages import show_error

KEY_UPLOAD = "_scenario_upload"
#: Session key of the content hash of the last scenario file read.
KEY_LOADED_FILE = "_scenario_loaded"
KEY_FLASH = "_library_flash"


def library_panel() -> None:
    _read_upload()
    current = state.scenario()
    with st.expander("Scenario library", icon=":material/save:"):
        flash = st.session_state.pop(KEY_FLASH, None)
        if isinstance(flash, JitError):
            show_error(_app_hint(flash))
            st.caption("Your current settings are unchanged.")
        elif flash:
            for line in flash:
                (st.success if line is flash[0] else st.info)(line)  # names escaped
        base = library.baseline_name()
        st.caption(
            f"Working scenario: **{plain(current.name)}** · baseline: "
            + (f"**{plain(base)}**" if base else "none")
        )
        _save_controls(current.name)
        if library.names():
            _saved_controls(base)
        _files(current)


# --- saving and the saved ones ----------------------------------------------------------------
def _save_controls(name: str) -> None:
    state.sync("_lib_save_name", name)
    st.text_input(
        "Save the working settings as",
        key="_lib_save_name",
        max_chars=80,
        help="A name of the library replaces the scenario saved under it.",
    )
    st.button("Save to the library", key="_lib_save", on_click=_save_as, width="stretch")


def _saved_controls(base: str | None) -> None:
    names = library.names()
    picked = st.selectbox(
        "Saved scenarios",
        names,
        format_func=lambda n: f"{n} ★ baseline" if n == base else n,
        key="_lib_pick",
    )
    left, right = st.columns(2)
    left.button(
        "Load", key="_lib_load", on_click=_act, args=(library.load, "Loaded"), width="stretch",
        help="Make a copy of it the working settings; every page shows it.",
    )  # fmt: skip
    right.button(
        "Baseline", key="_lib_mark", on_click=_act, width="stretch",
        args=(library.mark_baseline, "Baseline now"),
        help="Mark it as the baseline the KPI cards and comparisons are measured against.",
    )  # fmt: skip
    left.button(
        "Duplicate", key="_lib_duplicate", on_click=_act, width="stretch",
        args=(library.duplicate, "Duplicated"),
    )  # fmt: skip
    right.button(
        "Delete", key="_lib_delete", on_click=_act, width="stretch",
        args=(library.delete, "Deleted"),
    )  # fmt: skip
    state.sync("_lib_rename_to", picked)
    st.text_input("Rename to", key="_lib_rename_to", max_chars=80)
    st.button("Rename", key="_lib_rename", on_click=_rename, width="stretch")
    state.sync("_lib_notes", library.notes(picked))
    st.text_area("Notes", key="_lib_notes", height=68, on_change=_notes)


def _save_as() -> None:
    try:
        name = library.save_as(st.session_state.get("_lib_save_name", ""), state.scenario())
        state.set_scenario(state.scenario().model_copy(update={"name": name}))
    except JitError as exc:
        st.session_state[KEY_FLASH] = exc
        return
    st.session_state[KEY_FLASH] = [f"Saved **{plain(name)}** to the library."]


def _act(action, done: str) -> None:  # noqa: ANN001 - a library function of one name
    name = st.session_state.get("_lib_pick")
    try:
        result = action(name)
    except JitError as exc:
        st.session_state[KEY_FLASH] = exc
        return
    shown = result if isinstance(result, str) else name
    st.session_state[KEY_FLASH] = [f"{done}: **{plain(shown)}**."]


def _rename() -> None:
    old, new = st.session_state.get("_lib_pick"), st.session_state.get("_lib_rename_to", "")
    try:
        new = library.rename(old, new)
    except JitError as exc:
        st.session_state[KEY_FLASH] = exc
        return
    st.session_state["_lib_pick"] = new
    st.session_state[KEY_FLASH] = [f"Renamed to **{plain(new)}**."]


def _notes() -> None:
    try:
        library.set_notes(st.session_state.get("_lib_pick"), st.session_state["_lib_notes"])
    except JitError as exc:
        st.session_state[KEY_FLASH] = exc


# --- files ------------------------------------------------------------------------------------
def _files(current) -> None:  # noqa: ANN001 - the working Scenario
    source = state.demand_source()
    exported = library.export_file(
        state.demand().name or None, source.fingerprint if source else None
    )
    if exported.scenarios:
        st.download_button(
            "Export the library (JSON)",
            data=exported.to_json(),
            file_name="scenarios.json",
            mime="application/json",
            width="stretch",
            help="Every saved scenario, which is the baseline and which data they were made "
            "on, in one file to share or import elsewhere.",
        )
    st.download_button(
        "Download settings (JSON)",
        data=current.to_json(),
        file_name=f"{_file_stem(current.name)}.scenario.json",
        mime="application/json",
        width="stretch",
        help="The working settings alone: share them, or load them later.",
    )
    st.file_uploader(
        "Load settings or import scenarios",
        type=["json"],
        key=KEY_UPLOAD,
        help="A settings file (one scenario: it becomes the working settings) or an "
        "exported library (its scenarios are saved here, with its baseline). Files made with "
        "`python -m jitcore scenario-template` load too.",
    )


def _read_upload() -> None:
    """Read a newly put scenario file before anything is drawn (see the module's doc)."""
    upload = st.session_state.get(KEY_UPLOAD)
    if upload is None:
        return
    payload = upload.getvalue()
    token = fingerprint(payload)
    if st.session_state.get(KEY_LOADED_FILE) == token:
        return
    st.session_state[KEY_LOADED_FILE] = token
    try:
        read = read_scenario_file(payload)
        working = library.import_file(read)
    except JitError as exc:
        st.session_state[KEY_FLASH] = exc
        return
    if read.version == 1:
        lines = [f"Loaded scenario **{plain(working.name)}**."]
    else:
        lines = [
            f"Imported {len(read.scenarios)} scenarios; working scenario: **{plain(working.name)}**"
            + (f", baseline: **{plain(read.baseline)}**." if read.baseline else ".")
        ]
    source = state.demand_source()
    if read.data_fingerprint and source and read.data_fingerprint != source.fingerprint:
        lines.append(
            f"These scenarios were made on other data ({plain(read.data_name or 'unnamed')}); "
            f"they now run on **{plain(state.demand().name or 'the data in use')}**."
        )
    st.session_state[KEY_FLASH] = lines


def _app_hint(exc: JitError) -> JitError:
    """The error with a hint for the app: planners get a file to start from, not a command."""
    command = "python -m jitcore scenario-template"
    if command not in exc.hint:
        return exc
    start = exc.hint.find("Start from")
    kept = exc.hint[:start].strip() if start >= 0 else ""
    fresh = (
        "Start from a good file: press 'Download settings (JSON)' below and edit the "
        "values in that file."
    )
    return type(exc)(exc.message, f"{kept} {fresh}".strip())


def _file_stem(name: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in name.strip()).strip("-")
    return stem.lower() or "scenario"
