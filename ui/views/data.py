"""Views of the Data page: where the data comes from, how its columns are read, the cleaning
choices, and what was read (summary, intake report, tidy and raw tables).

The user's choices are kept per file in three :class:`~ui.state.Memory` stores, so they
survive page switches: the source (sample or upload), the layout and columns (forgotten when
another file is chosen), and the cleaning choices.
"""

from __future__ import annotations

import streamlit as st

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.executors import SCHEDULER_ENV, where_runs_compute
from jitcore.formatting import compact, plain
from jitcore.intake import (
    DUPLICATES_NAMES,
    FUTURE_NAMES,
    LAYOUT_NAMES,
    MISSING_NAMES,
    RETURNS_NAMES,
    Inspection,
    sku_summary,
)
from jitcore.intake.options import DEFAULT_MAX_ROWS, MAX_ROWS_ENV, default_max_rows
from jitcore.vocabulary import FREQUENCY_NAMES
from ui.samples import SAMPLE_DIR, SAMPLES
from ui.state import Memory

#: Sample or upload, and which sample (the Home page sets it when it loads a sample).
INTAKE_CHOICE = Memory("intake_choice")
#: This file's sheet, layout and columns: {"file": id, "sheet", "layout", "date", "sku", ...}.
MAPPING = Memory("intake_mapping")
#: The cleaning choices: {"frequency", "duplicates", "returns", ...}.
CLEANING = Memory("intake_cleaning")
KEY_UPLOAD = "intake_upload"  # {"name": str, "data": bytes}

SOURCES = {"sample": "Bundled sample", "upload": "Upload your file"}
NO_SKU = "(none: the file is one item)"
AUTO = "detected"
DATE_ORDER = {
    AUTO: "Detected from the data",
    "day": "Day first (31.01.2024)",
    "month": "Month first (01/31/2024)",
}
LAYOUT_LABELS = {
    "long": "Long: date, SKU, quantity",
    "order_lines": "Order lines (summed)",
    "wide_skus_in_columns": "Wide: a column per SKU",
    "wide_skus_in_rows": "Wide: a row per SKU",
}


def _pick(label: str, options: dict, memory: Memory, name: str, key: str, **kwargs):
    """A selectbox over ``options`` (value -> label) that shows and keeps ``memory[name]``."""
    values = list(options)
    widget = memory.widget(key, values[0], name=name, options=values)
    return st.selectbox(label, values, format_func=options.get, **widget, **kwargs)


def source() -> tuple[str, bytes] | None:
    """The chosen file's name and bytes (an upload is kept across page switches)."""
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        chosen = st.radio(
            "Source",
            list(SOURCES),
            format_func=SOURCES.get,
            horizontal=True,
            **INTAKE_CHOICE.widget("_intake_source", "sample", name="source", options=SOURCES),
        )
    if chosen == "sample":
        with right:
            label = _pick("Sample", {k: k for k in SAMPLES}, INTAKE_CHOICE, "sample",
                          "_intake_sample")  # fmt: skip
        return SAMPLES[label], (SAMPLE_DIR / SAMPLES[label]).read_bytes()
    upload = st.file_uploader(
        "Demand file: CSV, TSV, TXT or Excel (.xlsx), up to 50 MB",
        type=["csv", "tsv", "txt", "xlsx", "xlsm"],
        key="_intake_file",
        help="One row per date and SKU, order lines, or a wide table (SKUs as columns or rows).",
    )
    try:
        rows = f"{default_max_rows():,}"
    except JitError:
        rows = f"{DEFAULT_MAX_ROWS:,} (the server's setting is not a number)"
    st.caption(
        f"Files of up to {rows} rows (server setting `{MAX_ROWS_ENV}`); runs "
        f"of many SKUs compute on {where_runs_compute()} (server setting `{SCHEDULER_ENV}`). "
        "See the README, *Large portfolios and clusters*."
    )
    if upload is not None:
        st.session_state[KEY_UPLOAD] = {"name": upload.name, "data": upload.getvalue()}
    stored = st.session_state.get(KEY_UPLOAD)
    if stored is None:
        st.info("Drop a file above, or choose a bundled sample.")
        return None
    if upload is None:
        st.caption(f"Using the file you uploaded earlier: **{plain(stored['name'])}**")
    return stored["name"], stored["data"]


def forget_other_files(fid: str) -> None:
    """Start the mapping afresh when the chosen file is not the one it was made for."""
    if MAPPING.get("file") != fid:
        MAPPING.values.clear()
        MAPPING.set("file", fid)


def sheet_picker(inspection: Inspection, fid: str) -> None:
    """The workbook's sheet, when it has more than one; a new sheet is mapped afresh."""
    if len(inspection.sheets) <= 1:
        return
    MAPPING.values.setdefault("sheet", inspection.sheet)
    key = f"_intake_sheet_{fid}"

    def on_change() -> None:
        for role in ("layout", "date", "sku", "quantity"):
            MAPPING.values.pop(role, None)
        MAPPING.set("sheet", st.session_state[key])

    widget = MAPPING.widget(key, inspection.sheet, name="sheet", options=inspection.sheets)
    st.selectbox(
        "Sheet",
        list(inspection.sheets),
        help="The workbook's sheets; the first one holding a table was picked.",
        **(widget | {"on_change": on_change, "args": ()}),
    )


def mapping_widgets(inspection: Inspection, fid: str) -> dict:
    """Layout and column choices, seeded from the user's earlier choices for this file."""
    MAPPING.values.setdefault("layout", inspection.layout)
    columns = list(inspection.columns)
    cols = st.columns([4, 3, 3, 3])
    sheet = MAPPING.get("sheet")
    with cols[0]:
        layout = _pick(
            "Layout", LAYOUT_LABELS, MAPPING, "layout", f"_intake_layout_{fid}_{sheet}",
            help=f"How the table is arranged. Detected: {LAYOUT_NAMES[inspection.layout]}.",
        )  # fmt: skip
    suffix = f"{fid}_{sheet}_{layout}"
    guesses = inspection.mapping
    date = sku = quantity = None
    if layout in ("long", "order_lines", "wide_skus_in_columns"):
        with cols[1]:
            date = _column_pick("Date column", columns, guesses["date"], "date", suffix)
    if layout in ("long", "order_lines", "wide_skus_in_rows"):
        options = ([NO_SKU] if layout != "wide_skus_in_rows" else []) + columns
        with cols[2]:
            sku = _column_pick("SKU column", options, guesses["sku"] or NO_SKU, "sku", suffix)
    if layout in ("long", "order_lines"):
        with cols[3]:
            quantity = _column_pick(
                "Quantity column", columns, guesses["quantity"], "quantity", suffix
            )
    if layout == "wide_skus_in_columns":
        cols[2].caption("SKUs: every column of numbers; each header names a SKU.")
    if layout == "wide_skus_in_rows":
        cols[1].caption("Periods: the column headers that are dates.")
    return {"layout": layout, "date": date, "sku": None if sku == NO_SKU else sku,
            "quantity": quantity}  # fmt: skip


def _column_pick(label: str, options: list[str], guess: str | None, role: str, suffix: str) -> str:
    if MAPPING.get(role) not in options:
        MAPPING.set(role, guess if guess in options else options[0])
    return _pick(label, {o: o for o in options}, MAPPING, role, f"_intake_{role}_{suffix}")


def cleaning_widgets(inspection: Inspection) -> dict:
    detected = FREQUENCY_NAMES.get(inspection.frequency or "", "unknown")
    frequencies = {AUTO: f"As detected ({detected})"} | {
        key: name.capitalize() for key, name in FREQUENCY_NAMES.items()
    }
    cols = st.columns(3)
    with cols[0]:
        frequency = _pick(
            "Periods", frequencies, CLEANING, "frequency", "_intake_freq",
            help="Sum the data into days, weeks (Monday to Sunday) or months.",
        )  # fmt: skip
        date_order = _pick(
            "Date order", DATE_ORDER, CLEANING, "date_order", "_intake_dayfirst",
            help="Only matters when no date has a day above 12.",
        )  # fmt: skip
    with cols[1]:
        duplicates = _pick(
            "Exact duplicate rows", DUPLICATES_NAMES, CLEANING, "duplicates",
            "_intake_duplicates",
            help="Rows equal to an earlier row in every column, usually a copy-and-paste slip.",
        )  # fmt: skip
        returns = _pick(
            "Returns (negative quantities)", RETURNS_NAMES, CLEANING, "returns",
            "_intake_returns",
            help="Net: sales minus returns per period (a negative period counts as zero). "
            "Ignore: demand is sales only. Keep apart: like ignore, with the returned units "
            "listed in the report.",
        )  # fmt: skip
    with cols[2]:
        missing = _pick(
            "Gaps in a SKU's history", MISSING_NAMES, CLEANING, "missing_periods",
            "_intake_missing",
            help="A period with no row between a SKU's first and last period: usually no sales "
            "(zero); interpolate when rows were lost.",
        )  # fmt: skip
        future = _pick(
            "Rows dated after today", FUTURE_NAMES, CLEANING, "future_dates", "_intake_future",
            help="Open orders or typing errors in the year, not history.",
        )  # fmt: skip
    return {
        "frequency": None if frequency == AUTO else frequency,
        "day_first": None if date_order == AUTO else date_order == "day",
        "duplicates": duplicates,
        "returns": returns,
        "missing_periods": missing,
        "future_dates": future,
    }


def summary(data: DemandData) -> None:
    metrics = st.columns([1, 1, 1.3, 2.4])
    metrics[0].metric("SKUs", f"{len(data.skus):,}")
    metrics[1].metric(
        f"{FREQUENCY_NAMES[data.frequency].capitalize()} periods", f"{data.periods:,}"
    )
    # compact: a store's total (54,700,123) does not fit the card at 1280 px; exact in the help
    metrics[2].metric(
        "Total quantity (units)", compact(data.total), help=f"Exactly {data.total:,.0f} units."
    )
    with metrics[3]:
        st.caption("Dates")
        st.markdown(f"#### {data.start:%d %b %Y} – {data.end:%d %b %Y}")


def report(data: DemandData, inspection: Inspection) -> None:
    """The intake report (decisions, warnings, what was left out) and the data as tables."""
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**Intake report: what was decided**")
        st.markdown("\n".join(f"- {plain(line)}" for line in data.report.decisions))
    with right:
        if data.report.warnings:
            st.markdown("**Please check**")
            st.warning("\n".join(f"- {plain(line)}" for line in data.report.warnings))
        else:
            st.success("Nothing to check: every row was read as demand.")
        if data.report.excluded:
            st.markdown("**Left out**")
            st.markdown("\n".join(f"- {plain(reason)}: **{n:,}**"
                                  for reason, n in data.report.excluded.items()))  # fmt: skip
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
        number = st.column_config.NumberColumn
        st.dataframe(
            sku_summary(data),
            width="stretch",
            column_config={
                "total": number("total (units)", format="localized"),
                "mean per period": number("mean per period (units)", format="%.2f"),
            },
        )
    with raw:
        st.caption(f"The first {len(inspection.raw_preview)} rows of the file as they are.")
        st.dataframe(inspection.raw_preview, width="stretch")
