"""The item master on the Data page: upload one, or read the unit cost from the demand file's
price or value column; edit the attributes per SKU; every change goes into the working
scenario (its per-SKU settings) at once, and the table can be downloaded."""

from __future__ import annotations

import hashlib

import streamlit as st

from jitcore.errors import JitError
from jitcore.formatting import plain
from jitcore.intake import Inspection
from jitcore.intake.cells import normalise_word
from jitcore.items import (
    ITEM_FIELDS,
    VALUE_ALIASES,
    ItemMaster,
    apply_items,
    items_frame,
    items_from_frame,
    replace_items,
)
from jitcore.reports import items_csv, items_file_name
from jitcore.vocabulary import period_word
from ui import cache, state
from ui.messages import show_error

KEY = "items"
KEY_FLASH = "items_flash"
_PRICE_WORDS = set(ITEM_FIELDS["unit_cost"].aliases) | set(VALUE_ALIASES)


def _use(master: ItemMaster, source: str) -> None:
    state.set_scenario(apply_items(state.scenario(), master.items))
    st.session_state[KEY_FLASH] = (
        f"Item attributes of {len(master.items):,} SKUs from {source} are now in the scenario."
    )


def _price_column(inspection: Inspection) -> str | None:
    """A price or value column of the demand file (not one of its date/SKU/quantity)."""
    used = set(inspection.mapping.values())
    for column in inspection.columns:
        if column not in used and normalise_word(str(column)) in _PRICE_WORDS:
            return column
    return None


def section(payload: bytes, filename: str, inspection: Inspection) -> None:
    """Step 4 of the Data page, for the data in use."""
    data = state.demand()
    st.subheader("4. Item attributes (optional)")
    st.caption(
        f"Unit cost, lead time (in {period_word(data.frequency, plural=True)}, or days if the "
        "header says so), its σ, MOQ, order multiple, container size, ordering cost, supplier "
        f"and category per SKU of **{plain(data.name)}**. Empty cells keep the scenario's value. "
        "They are kept in the scenario and used by every page."
    )
    flash = st.session_state.pop(KEY_FLASH, None)
    if flash:
        st.success(flash)
    upload_column, price_column = st.columns([2, 1], vertical_alignment="bottom")
    with upload_column:
        upload = st.file_uploader(
            "Item master: CSV or Excel with a SKU column", type=["csv", "tsv", "txt", "xlsx"],
            key=f"_{KEY}_file",
            help="Headers such as SKU, Unit cost, Lead time, Lead time SD, MOQ, Order multiple, "
            "Container size, Ordering cost, Supplier, Category (English or German).",
        )  # fmt: skip
    if upload is not None:
        try:
            master = cache.items_file(upload.getvalue(), upload.name, data.skus, data.frequency)
        except JitError as exc:
            show_error(exc)
        else:
            st.caption(" ".join(master.notes[1:]))
            if st.button("Use this item master", type="primary", key=f"_{KEY}_use"):
                _use(master, upload.name)
                st.rerun()
    price = _price_column(inspection)
    sku_column = inspection.mapping.get("sku")
    if price is not None and sku_column and filename == data.report.source:
        with price_column:
            if st.button(f"Unit cost from the column '{price}'", key=f"_{KEY}_price",
                         help="Median price per SKU, or Σ value / Σ quantity."):  # fmt: skip
                try:
                    master = cache.items_file(payload, filename, data.skus, data.frequency,
                                              sku_column, inspection.mapping.get("quantity"))  # fmt: skip
                except JitError as exc:
                    show_error(exc)
                else:
                    _use(master, f"the column '{price}'")
                    st.rerun()
    editor(data)


def editor(data) -> None:
    """The attributes of every SKU, editable; an edit goes into the scenario at once."""
    scenario = state.scenario()
    frame = items_frame(scenario, data.skus)
    digest = hashlib.sha1(repr(scenario.sku_overrides).encode()).hexdigest()[:10]
    config = {
        name: (
            st.column_config.NumberColumn(spec.label, min_value=0.0)
            if spec.numeric
            else st.column_config.TextColumn(spec.label)
        )
        for name, spec in ITEM_FIELDS.items()
    }
    config["sku"] = st.column_config.TextColumn("SKU", disabled=True)
    edited = st.data_editor(
        frame, column_config=config, hide_index=True, key=f"_{KEY}_editor_{digest}",
        num_rows="fixed", height=min(38 + 35 * len(frame), 320),
    )  # fmt: skip
    if not edited.equals(frame):
        try:
            changed = replace_items(scenario, items_from_frame(edited), data.skus)
        except JitError as exc:
            show_error(exc)
        else:
            if changed != scenario:  # a real edit, not a cell the editor re-typed
                state.set_scenario(changed)
                st.rerun()
    st.download_button(
        "Download the item master (CSV)", items_csv(scenario, data.skus),
        file_name=items_file_name(data.name), mime="text/csv", key=f"_{KEY}_download",
        icon=":material/download:",
    )  # fmt: skip


def own_values_note(scenario) -> None:
    """A caption saying how many SKUs have their own attributes or service targets, so a
    setting changed for all is not expected to move them."""
    overrides = scenario.sku_overrides
    targets = sum(1 for o in overrides if o.cycle_service_level or o.fill_rate)
    others = sum(
        1 for o in overrides
        if any(getattr(o, k) is not None for k in ITEM_FIELDS if k not in ("cycle_service_level", "fill_rate"))
    )  # fmt: skip
    parts = [
        f"{n:,} SKU has its own {what}" if n == 1 else f"{n:,} SKUs have their own {what}s"
        for n, what in ((targets, "service target"), (others, "item attribute"))
        if n
    ]
    if parts:
        st.caption(
            "; ".join(parts) + " (item master on the Data page, or targets from the Portfolio "
            "page); the settings here apply where a SKU has no value of its own."
        )
