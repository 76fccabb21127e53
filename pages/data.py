"""Data: load a bundled sample or your own file, confirm how it is read, then use it."""

from __future__ import annotations

import hashlib

import streamlit as st

import ui
from jitcore.demand import FREQUENCY_NAMES, DemandData
from jitcore.errors import JitError
from jitcore.intake import (
    DUPLICATES_NAMES,
    FUTURE_NAMES,
    LAYOUT_NAMES,
    MISSING_NAMES,
    RETURNS_NAMES,
    Inspection,
    IntakeOptions,
    inspect_file,
    read_demand,
    sku_summary,
)

# This page's own session keys (widgets lose their values when the user switches page).
KEY_SOURCE = "intake_source"  # "sample" or "upload"
KEY_SAMPLE = "intake_sample"  # label in ui.SAMPLES
KEY_UPLOAD = "intake_upload"  # {"name": str, "data": bytes}
KEY_MAPPING = "intake_mapping"  # {"file": id, "sheet", "layout", "date", "sku", "quantity"}
KEY_CLEANING = "intake_cleaning"  # {"frequency", "duplicates", "returns", ...}
KEY_FLASH = "intake_flash"

SOURCES = {"sample": "Bundled sample", "upload": "Upload your file"}
NO_SKU = "(none: the file is one item)"
AUTO = "detected"
DATE_ORDER = {
    AUTO: "Detected from the data",
    "day": "Day first (31.01.2024)",
    "month": "Month first (01/31/2024)",
}


@st.cache_data(show_spinner="Looking at the file…", max_entries=16)
def _inspect(data: bytes, filename: str, options_json: str) -> Inspection:
    return inspect_file(data, filename, options=IntakeOptions.model_validate_json(options_json))


@st.cache_data(show_spinner="Reading the file…", max_entries=16)
def _read(data: bytes, filename: str, options_json: str) -> DemandData:
    return read_demand(
        data, filename=filename, options=IntakeOptions.model_validate_json(options_json)
    )


def _state(key: str) -> dict:
    return st.session_state.setdefault(key, {})


def _remember(store: str, name: str, widget: str) -> None:
    _state(store)[name] = st.session_state[widget]


def _pick(label: str, options: dict, store: str, name: str, key: str, **kwargs):
    """A selectbox over ``options`` (value -> label) seeded from and saved to ``store``."""
    values = list(options)
    current = _state(store).get(name, values[0])
    index = values.index(current) if current in values else 0
    return st.selectbox(
        label,
        values,
        index=index,
        format_func=options.get,
        key=key,
        on_change=_remember,
        args=(store, name, key),
        **kwargs,
    )


def _source() -> tuple[str, bytes] | None:
    """The chosen file's name and bytes (an upload is kept across page switches)."""
    choice = _state("intake_choice")
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        values = list(SOURCES)
        source = st.radio(
            "Source",
            values,
            index=values.index(choice.get("source", "sample")),
            format_func=SOURCES.get,
            horizontal=True,
            key="_intake_source",
            on_change=_remember,
            args=("intake_choice", "source", "_intake_source"),
        )
    if source == "sample":
        with right:
            label = _pick(
                "Sample", {k: k for k in ui.SAMPLES}, "intake_choice", "sample", "_intake_sample"
            )
        file_name = ui.SAMPLES[label]
        return file_name, (ui.SAMPLE_DIR / file_name).read_bytes()
    upload = st.file_uploader(
        "Demand file: CSV, TSV, TXT or Excel (.xlsx), up to 50 MB",
        type=["csv", "tsv", "txt", "xlsx", "xlsm"],
        key="_intake_file",
        help="One row per date and SKU, order lines, or a wide table (SKUs as columns or rows).",
    )
    if upload is not None:
        st.session_state[KEY_UPLOAD] = {"name": upload.name, "data": upload.getvalue()}
    stored = st.session_state.get(KEY_UPLOAD)
    if stored is None:
        st.info("Drop a file above, or choose a bundled sample.")
        return None
    if upload is None:
        st.caption(f"Using the file you uploaded earlier: **{stored['name']}**")
    return stored["name"], stored["data"]


def _mapping_widgets(inspection: Inspection, fid: str) -> dict:
    """Layout and column choices, seeded from the user's earlier choices for this file."""
    mapping = _state(KEY_MAPPING)
    mapping.setdefault("layout", inspection.layout)
    columns = list(inspection.columns)
    cols = st.columns([4, 3, 3, 3])
    with cols[0]:
        layout = _pick(
            "Layout",
            _layout_labels(),
            KEY_MAPPING,
            "layout",
            f"_intake_layout_{fid}_{mapping.get('sheet')}",
            help=f"How the table is arranged. Detected: {LAYOUT_NAMES[inspection.layout]}.",
        )
    suffix = f"{fid}_{mapping.get('sheet')}_{layout}"
    date = sku = quantity = None
    if layout in ("long", "order_lines", "wide_skus_in_columns"):
        with cols[1]:
            date = _column_pick("Date column", columns, inspection.mapping["date"], "date", suffix)
    if layout in ("long", "order_lines", "wide_skus_in_rows"):
        options = ([NO_SKU] if layout != "wide_skus_in_rows" else []) + columns
        with cols[2]:
            sku = _column_pick(
                "SKU column", options, inspection.mapping["sku"] or NO_SKU, "sku", suffix
            )
    if layout in ("long", "order_lines"):
        with cols[3]:
            quantity = _column_pick(
                "Quantity column", columns, inspection.mapping["quantity"], "quantity", suffix
            )
    if layout == "wide_skus_in_columns":
        cols[2].caption("SKUs: every column of numbers; each header names a SKU.")
    if layout == "wide_skus_in_rows":
        cols[1].caption("Periods: the column headers that are dates.")
    return {
        "layout": layout,
        "date": date,
        "sku": None if sku == NO_SKU else sku,
        "quantity": quantity,
    }


def _on_sheet_change(key: str) -> None:
    mapping = _state(KEY_MAPPING)
    for role in ("layout", "date", "sku", "quantity"):
        mapping.pop(role, None)
    mapping["sheet"] = st.session_state[key]


def _layout_labels() -> dict[str, str]:
    return {
        "long": "Long: date, SKU, quantity",
        "order_lines": "Order lines (summed)",
        "wide_skus_in_columns": "Wide: a column per SKU",
        "wide_skus_in_rows": "Wide: a row per SKU",
    }


def _column_pick(label: str, options: list[str], guess: str | None, role: str, suffix: str) -> str:
    mapping = _state(KEY_MAPPING)
    if mapping.get(role) not in options:
        mapping[role] = guess if guess in options else options[0]
    return _pick(label, {o: o for o in options}, KEY_MAPPING, role, f"_intake_{role}_{suffix}")


def _cleaning_widgets(inspection: Inspection) -> dict:
    detected = FREQUENCY_NAMES.get(inspection.frequency or "", "unknown")
    frequencies = {AUTO: f"As detected ({detected})"} | {
        key: name.capitalize() for key, name in FREQUENCY_NAMES.items()
    }
    cols = st.columns(3)
    with cols[0]:
        frequency = _pick(
            "Periods",
            frequencies,
            KEY_CLEANING,
            "frequency",
            "_intake_freq",
            help="Sum the data into days, weeks (Monday to Sunday) or months.",
        )
        date_order = _pick(
            "Date order",
            DATE_ORDER,
            KEY_CLEANING,
            "date_order",
            "_intake_dayfirst",
            help="Only matters when no date has a day above 12.",
        )
    with cols[1]:
        duplicates = _pick(
            "Exact duplicate rows",
            DUPLICATES_NAMES,
            KEY_CLEANING,
            "duplicates",
            "_intake_duplicates",
            help="Rows equal to an earlier row in every column, usually a copy-and-paste slip.",
        )
        returns = _pick(
            "Returns (negative quantities)",
            RETURNS_NAMES,
            KEY_CLEANING,
            "returns",
            "_intake_returns",
            help="Net: sales minus returns per period (a negative period counts as zero). "
            "Ignore: demand is sales only. Keep apart: like ignore, with the returned units "
            "listed in the report.",
        )
    with cols[2]:
        missing = _pick(
            "Gaps in a SKU's history",
            MISSING_NAMES,
            KEY_CLEANING,
            "missing_periods",
            "_intake_missing",
            help="A period with no row between a SKU's first and last period: usually no sales "
            "(zero); interpolate when rows were lost.",
        )
        future = _pick(
            "Rows dated after today",
            FUTURE_NAMES,
            KEY_CLEANING,
            "future_dates",
            "_intake_future",
            help="Open orders or typing errors in the year, not history.",
        )
    return {
        "frequency": None if frequency == AUTO else frequency,
        "day_first": None if date_order == AUTO else date_order == "day",
        "duplicates": duplicates,
        "returns": returns,
        "missing_periods": missing,
        "future_dates": future,
    }


def _summary(data: DemandData) -> None:
    metrics = st.columns([1, 1, 1.3, 2.4])
    metrics[0].metric("SKUs", f"{len(data.skus):,}")
    metrics[1].metric(
        f"{FREQUENCY_NAMES[data.frequency].capitalize()} periods", f"{data.periods:,}"
    )
    metrics[2].metric("Total quantity (units)", f"{data.total:,.0f}")
    with metrics[3]:
        st.caption("Dates")
        st.markdown(f"#### {data.start:%d %b %Y} – {data.end:%d %b %Y}")


def _report(data: DemandData, inspection: Inspection) -> None:
    report = data.report
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**Intake report: what was decided**")
        st.markdown("\n".join(f"- {line}" for line in report.decisions))
    with right:
        if report.warnings:
            st.markdown("**Please check**")
            st.warning("\n".join(f"- {line}" for line in report.warnings))
        else:
            st.success("Nothing to check: every row was read as demand.")
        if report.excluded:
            st.markdown("**Left out**")
            st.markdown(
                "\n".join(f"- {reason}: **{count:,}**" for reason, count in report.excluded.items())
            )
    tidy, per_sku, raw = st.tabs(["Tidy data", "Per SKU", "Raw file"])
    with tidy:
        st.caption("One row per SKU and period, as every page will use it (first 500 rows).")
        st.dataframe(
            data.frame.head(500),
            hide_index=True,
            width="stretch",
            column_config={
                "date": st.column_config.DateColumn("period", format="YYYY-MM-DD"),
                "quantity": st.column_config.NumberColumn("quantity (units)"),
            },
        )
    with per_sku:
        st.dataframe(
            sku_summary(data),
            width="stretch",
            column_config={
                "total": st.column_config.NumberColumn("total (units)", format="localized"),
                "mean per period": st.column_config.NumberColumn(
                    "mean per period (units)", format="%.2f"
                ),
            },
        )
    with raw:
        st.caption(f"The first {len(inspection.raw_preview)} rows of the file as they are.")
        st.dataframe(inspection.raw_preview, width="stretch")


st.title("Data")
st.markdown(
    "Load demand history: a bundled sample or your own CSV or Excel file. Check how it was "
    "understood, adjust if needed, then press **Use this data**."
)
st.subheader("1. Choose the data")
chosen = _source()
if chosen is None:
    st.stop()
filename, payload = chosen
fid = hashlib.sha1(payload).hexdigest()[:12]
mapping_state = _state(KEY_MAPPING)
if mapping_state.get("file") != fid:
    mapping_state.clear()
    mapping_state["file"] = fid

try:
    inspection = _inspect(
        payload,
        filename,
        IntakeOptions(
            sheet=mapping_state.get("sheet"), layout=mapping_state.get("layout")
        ).model_dump_json(),
    )
except JitError as exc:
    ui.show_error(exc)
    st.caption(f"The data in use is still **{ui.demand().name}**.")
    st.stop()

st.subheader("2. Check how the file is read")
st.caption(" ".join(inspection.notes[:2]))
if len(inspection.sheets) > 1:
    mapping_state.setdefault("sheet", inspection.sheet)
    sheets = list(inspection.sheets)
    st.selectbox(
        "Sheet",
        sheets,
        index=sheets.index(inspection.sheet),
        key=f"_intake_sheet_{fid}",
        on_change=_on_sheet_change,
        args=(f"_intake_sheet_{fid}",),
        help="The workbook's sheets; the first one holding a table was picked.",
    )
choices = _mapping_widgets(inspection, fid)
with st.expander("Cleaning choices", expanded=False):
    cleaning = _cleaning_widgets(inspection)

options = IntakeOptions(
    sheet=mapping_state.get("sheet"),
    layout=choices["layout"],
    date_column=choices["date"],
    sku_column=choices["sku"],
    quantity_column=choices["quantity"],
    **cleaning,
)
try:
    data = _read(payload, filename, options.model_dump_json())
except JitError as exc:
    ui.show_error(exc)
    st.caption(f"The data in use is still **{ui.demand().name}**.")
    st.stop()

st.subheader("3. What was read")
_summary(data)
if st.button(
    "Use this data",
    type="primary",
    key="_intake_use",
    help="Make this the data every page works on.",
):
    ui.set_demand(data)
    st.session_state[KEY_FLASH] = (
        f"Now using **{data.name}**: {len(data.skus):,} SKUs, {data.periods:,} "
        f"{FREQUENCY_NAMES[data.frequency]} periods."
    )
    st.rerun()
active = ui.demand()
flash = st.session_state.pop(KEY_FLASH, None)
if flash:
    st.success(flash)
elif active == data:
    st.caption("✔ This is the data in use.")
else:
    st.caption(f"In use now: **{active.name}**. Press the button to switch.")
_report(data, inspection)
