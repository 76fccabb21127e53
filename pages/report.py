"""Report: the working scenario against the baseline on every SKU, in one click, as an Excel
workbook, a web page that opens offline or a PDF. Thin: the format and the charts' SKU in ->
one cached report build -> a download button."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jitcore.changes import setting_changes
from jitcore.errors import JitError
from jitcore.formatting import count
from jitcore.reports.report import FORMATS, report_file_name
from jitcore.scenario import Scenario
from ui import cache, state
from ui.messages import show_error
from ui.sidebar import sku_picker

KEY = "report"
#: Format names short enough for one row of buttons at 1280 px.
LABELS = {"xlsx": "Excel", "html": "Web page", "pdf": "PDF", "zip": "Charts (PNG)"}
PREFS = state.Memory("report_prefs")
CONTENTS = {
    "xlsx": "Sheets: summary, every setting, KPIs per SKU and scenario, the plan, the timeline "
    "per period, the SKUs and how the file was read. No cell of your text is a formula.",
    "html": "One web page with everything inside (charts included): it opens offline and loads "
    "nothing from the network.",
    "pdf": "The web page printed on A4 landscape pages, for mail and print.",
    "zip": "The report's charts as images for slides, each titled with the chart, the SKU and "
    "the scenario.",
}


def _what_goes_in(data, scenario: Scenario, baseline: Scenario | None) -> None:
    """The report's subject as plain tables (names are shown as text, never as Markdown)."""
    left, right = st.columns([1, 1.15], gap="medium")  # the settings table is the wider
    with left:
        st.subheader("What is compared", anchor=False)
        rows = [
            ("After (working)", scenario.name),
            ("Before (baseline)", baseline.name if baseline else "the default settings"),
            ("Data", data.name or "unnamed"),
            ("SKUs", count(len(data.skus), "SKU")),
        ]
        st.dataframe(pd.DataFrame(rows, columns=["", "Value"]), hide_index=True, width="stretch")
    with right:
        changes = setting_changes(baseline or Scenario(), scenario)
        st.subheader(f"Settings that differ ({len(changes)})", anchor=False)
        if changes:
            table = pd.DataFrame(
                [(c.label, c.before, c.after) for c in changes],
                columns=["Setting", "Before", "After"],
            )
            st.dataframe(
                table,
                hide_index=True,
                width="stretch",
                height=min(36 * 8, 36 * (len(changes) + 1) + 3),
            )
        else:
            st.caption("None: the report will show the same settings before and after.")


def main() -> None:
    st.title("Report")
    st.caption(
        "Hand over the what-if: the working scenario (after) against the baseline (before) on "
        "every SKU — data summary, settings that differ, KPIs, the key charts before and after."
    )
    data, scenario, baseline = state.demand(), state.scenario(), state.baseline()
    if baseline is None:
        st.info(
            "No baseline saved: the report compares the working scenario with the default "
            "settings. Save one on the Supply & demand page (*Save as baseline*).",
            icon=":material/info:",
        )
    left, middle, right = st.columns([1.6, 1.0, 0.9], gap="small", vertical_alignment="bottom")
    with left:
        fmt = st.segmented_control(
            "Format",
            list(FORMATS),
            format_func=LABELS.__getitem__,
            required=True,
            **PREFS.widget(f"{KEY}_format", "xlsx", options=FORMATS),
        )
    with middle:
        sku_picker(f"{KEY}_sku", help="The SKU of the report's charts (the same as the sidebar's).")
    sku = state.selected_sku()
    try:
        with st.spinner(f"Building the {FORMATS[fmt][0]}…"):
            report = cache.report_file(data, scenario, baseline, sku, fmt)
    except JitError as exc:
        show_error(exc)
        _what_goes_in(data, scenario, baseline)
        return
    right.download_button(
        "Download the report",
        report.data,
        file_name=report_file_name(data.name, scenario.name, fmt),
        mime=report.mime,
        key=f"{KEY}_download",
        type="primary",
        icon=":material/download:",
        width="stretch",
    )
    st.caption(
        f"{FORMATS[fmt][0]}, {len(report.data) / 1e3:,.0f} kB. {CONTENTS[fmt]} The same from the "
        "command line: "
        "`python -m jitcore report FILE --scenario A.json --baseline B.json --out "
        f"report.{fmt}`."
    )
    _what_goes_in(data, scenario, baseline)


main()
