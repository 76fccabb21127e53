"""The sidebar every page shows: the active data, the SKU picker, the scenario library and the
workspace."""

from __future__ import annotations

import streamlit as st

from jitcore.formatting import count, plain
from ui import state, workspace
from ui.views.library import library_panel

KEY_SKU_WIDGET = "_sku_widget"


def sidebar() -> None:
    """Active dataset and SKU picker, shown on every page."""
    data = state.demand()
    with st.sidebar:
        st.caption("Active data")
        st.markdown(
            f"**{plain(data.name or 'unnamed')}**  \n{count(len(data.skus), 'SKU')} · "
            f"{count(data.periods, 'period')}"
        )
        sku_picker(KEY_SKU_WIDGET, help="The item shown on single-SKU pages.")
        library_panel()
        workspace.workspace_panel()


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
