"""The sidebar every page shows: the active data, the SKU picker and the scenario file."""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from jitcore.formatting import count
from jitcore.scenario import Scenario
from ui import state
from ui.messages import show_error

KEY_SKU_WIDGET = "_sku_widget"


def sidebar() -> None:
    """Active dataset and SKU picker, shown on every page."""
    data = state.demand()
    with st.sidebar:
        st.caption("Active data")
        st.markdown(
            f"**{data.name or 'unnamed'}**  \n{count(len(data.skus), 'SKU')} · "
            f"{count(data.periods, 'period')}"
        )
        sku_picker(KEY_SKU_WIDGET, help="The item shown on single-SKU pages.")
        _scenario_file_panel()


def sku_picker(key: str, *, help: str) -> None:
    """A picker of the selected SKU; every picker follows a pick made in another."""
    state.sync(key, state.selected_sku())
    st.selectbox(
        "SKU",
        list(state.demand().skus),
        key=key,
        on_change=lambda: state.select_sku(st.session_state[key]),
        help=help,
    )


def _scenario_file_panel() -> None:
    """Save the working scenario as JSON, or load one; a bad file keeps the current settings."""
    current = state.scenario()
    with st.expander("Scenario file", icon=":material/save:"):
        st.caption(f"Working scenario: **{current.name}**")
        st.download_button(
            "Download settings (JSON)",
            data=current.to_json(),
            file_name=f"{_file_stem(current.name)}.scenario.json",
            mime="application/json",
            width="stretch",
            help="Every setting of this what-if in one file: share it, or load it later.",
        )
        upload = st.file_uploader(
            "Load settings",
            type=["json"],
            key="_scenario_upload",
            help="A file saved with the button above or made with "
            "`python -m jitcore scenario-template`.",
        )
        if upload is not None:
            token = (upload.name, upload.size)
            if st.session_state.get("_scenario_loaded") != token:
                try:
                    loaded = Scenario.from_json(upload.getvalue())
                except JitError as exc:
                    show_error(_app_hint(exc))
                    st.caption("Your current settings are unchanged.")
                else:
                    st.session_state["_scenario_loaded"] = token
                    state.set_scenario(loaded)
                    st.success(f"Loaded scenario **{loaded.name}**.")


def _app_hint(exc: JitError) -> JitError:
    """The error with a hint for the app: planners get a file to start from, not a command."""
    command = "python -m jitcore scenario-template"
    if command not in exc.hint:
        return exc
    start = exc.hint.find("Start from")
    kept = exc.hint[:start].strip() if start >= 0 else ""
    fresh = (
        "Start from a good file: press 'Download settings (JSON)' above and edit the "
        "values in that file."
    )
    return type(exc)(exc.message, f"{kept} {fresh}".strip())


def _file_stem(name: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in name.strip()).strip("-")
    return stem.lower() or "scenario"
