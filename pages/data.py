"""Data: load a bundled sample or your own file, confirm how it is read, then use it."""

from __future__ import annotations

import hashlib

import streamlit as st

from jitcore.errors import JitError
from jitcore.formatting import plain
from jitcore.intake import IntakeOptions
from jitcore.vocabulary import FREQUENCY_NAMES
from ui import cache, state
from ui.messages import show_error
from ui.views import data as view
from ui.views import items as items_view

KEY_FLASH = "intake_flash"


def _keep_the_data_in_use(exc: JitError) -> None:
    show_error(exc)
    st.caption(f"The data in use is still **{plain(state.demand().name)}**.")


def main() -> None:
    st.title("Data")
    st.markdown(
        "Load demand history: a bundled sample or your own CSV or Excel file. Check how it was "
        "understood, adjust if needed, then press **Use this data**."
    )
    st.subheader("1. Choose the data")
    chosen = view.source()
    if chosen is None:
        return
    filename, payload = chosen
    fid = hashlib.sha1(payload).hexdigest()[:12]
    view.forget_other_files(fid)
    mapping = view.MAPPING
    try:
        inspection = cache.inspection(
            payload,
            filename,
            IntakeOptions(sheet=mapping.get("sheet"), layout=mapping.get("layout")),
        )
    except JitError as exc:
        _keep_the_data_in_use(exc)
        return

    st.subheader("2. Check how the file is read")
    st.caption(" ".join(inspection.notes[:2]))
    view.sheet_picker(inspection, fid)
    choices = view.mapping_widgets(inspection, fid)
    with st.expander("Cleaning choices", expanded=False):
        cleaning = view.cleaning_widgets(inspection)

    options = IntakeOptions(
        sheet=mapping.get("sheet"),
        layout=choices["layout"],
        date_column=choices["date"],
        sku_column=choices["sku"],
        quantity_column=choices["quantity"],
        **cleaning,
    )
    try:
        data = cache.demand_file(payload, filename, options)
    except JitError as exc:
        _keep_the_data_in_use(exc)
        return

    st.subheader("3. What was read")
    view.summary(data)
    if st.button(
        "Use this data",
        type="primary",
        key="_intake_use",
        help="Make this the data every page works on.",
    ):
        state.set_demand(data, state.DataSource(filename, payload, options))
        st.session_state[KEY_FLASH] = (
            f"Now using **{plain(data.name)}**: {len(data.skus):,} SKUs, {data.periods:,} "
            f"{FREQUENCY_NAMES[data.frequency]} periods."
        )
        st.rerun()
    active = state.demand()
    flash = st.session_state.pop(KEY_FLASH, None)
    if flash:
        st.success(flash)
    elif active == data:
        st.caption("✔ This is the data in use.")
    else:
        st.caption(f"In use now: **{plain(active.name)}**. Press the button to switch.")
    view.report(data, inspection)
    items_view.section(payload, filename, inspection)


main()
