"""Views of the Compare page: which scenarios and against which one, the KPI table with the
changes coloured better/worse, and one chart per view (costs, supply & demand, frontiers, the
waterfall between two)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jitcore.charts.compare import (
    compare_cost_figure,
    compare_supply_demand_figure,
    compare_waterfall_figure,
)
from jitcore.charts.tradeoffs import WATERFALL_KPIS, frontier_overlay_figure
from jitcore.compare import (
    MAX_SCENARIOS,
    ScenarioComparison,
    read_side_by_side,
    read_waterfall,
)
from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.formatting import plain
from jitcore.reports.comparison import comparison_csv, comparison_file_name, comparison_xlsx
from jitcore.scenario import Scenario
from jitcore.tradeoffs import FrontierSettings, service_target
from ui import cache, library, state
from ui.format import table_change, table_value
from ui.views.tradeoffs.common import chart, read
from ui.views.tradeoffs.compare import TONES
from ui.widgets import describe_changes

PREFS = state.Memory("compare_prefs")
#: The views of the page: key → label.
VIEWS = {
    "kpis": "KPIs",
    "supply": "Supply & demand",
    "frontier": "Frontiers",
    "waterfall": "Waterfall",
}


def pick_scenarios() -> tuple[dict[str, Scenario], str] | None:
    """The scenarios compared (2–4 of the library, default the baseline and the working
    settings) and the reference; None, with a note saying how to get a second, when fewer."""
    saved = library.saved_scenarios()
    default = [n for n in (library.baseline_name(), library.working_name()) if n in saved]
    kept = [n for n in PREFS.get("_cmp_names", default) if n in saved]
    PREFS.set("_cmp_names", kept[:MAX_SCENARIOS] or default)
    left, right, save = st.columns([2.3, 1, 1.15], gap="small", vertical_alignment="bottom")
    with save:
        save_working()
    names = left.multiselect(
        f"Scenarios to compare (2 to {MAX_SCENARIOS})",
        list(saved),
        max_selections=MAX_SCENARIOS,
        help="Your saved scenarios, the baseline and the working settings. All run on the "
        "active data and the same demand draws.",
        **PREFS.widget("_cmp_names", default),
    )
    if len(names) < 2:
        st.info(
            "Pick at least two scenarios. To get more than the working settings, press *Save "
            "working as…* (or save a baseline on the Supply & demand or Trade-offs page), then "
            "change settings on any page and come back."
        )
        return None
    reference = right.selectbox(
        "Against",
        names,
        help="The reference scenario: every change and every better/worse is measured against it.",
        **PREFS.widget("_cmp_reference", names[0], options=names),
    )
    return {name: saved[name] for name in names}, reference


def _save_working() -> None:
    name = st.session_state.get("_cmp_save_name", "").strip()
    if not name:
        st.session_state["_cmp_save_note"] = "Type a name first."
        return
    try:
        name = library.save_as(name, state.scenario())
    except JitError as exc:
        st.session_state["_cmp_save_note"] = f"Not saved: {exc.message} {exc.hint}"
        return
    picked = [n for n in PREFS.get("_cmp_names", []) if n != name]
    PREFS.set("_cmp_names", [*picked, name][-MAX_SCENARIOS:])
    st.session_state["_cmp_save_name"] = ""
    st.session_state["_cmp_save_note"] = f"Saved **{plain(name)}** and added it to the comparison."


def save_working() -> None:
    """Keep the working settings under a name, to change them and compare with the kept ones."""
    with st.popover("Save working as…", icon=":material/bookmark_add:", width="stretch"):
        st.text_input(
            "Name", key="_cmp_save_name", max_chars=80, placeholder="e.g. Shorter lead time",
            help="A scenario of that name is replaced.",
        )  # fmt: skip
        st.button("Save", key="_cmp_save", on_click=_save_working, type="primary")
        note = st.session_state.pop("_cmp_save_note", "")
        if note:
            st.caption(note)


def kpi_table(comparison: ScenarioComparison, sku: str | None = None) -> None:
    """Each scenario's KPIs and, beside each other scenario, its change against the reference
    (green = better, red = worse)."""
    c = comparison.currency
    table = comparison.table(sku)
    changes = comparison.changes(sku).set_index(["scenario", "kpi"])
    shown = {"KPI": list(table["label"])}
    tones = {"KPI": [""] * len(table)}
    for name in comparison.names:
        suffix = " (reference)" if name == comparison.reference else ""
        shown[name + suffix] = [
            table_value(v, u, c) for v, u in zip(table[name], table["unit"], strict=True)
        ]
        tones[name + suffix] = [""] * len(table)
        if suffix:
            continue
        rows = [changes.loc[(name, kpi)] for kpi in table["kpi"]]
        shown[f"Δ {name}"] = [table_change(r["change"], r["unit"], c) for r in rows]
        tones[f"Δ {name}"] = [
            TONES["better"] if r["better"] is True else TONES["worse"] if r["better"] is False
            else "" for r in rows
        ]  # fmt: skip
    frame, styles = pd.DataFrame(shown), pd.DataFrame(tones)
    st.dataframe(
        frame.style.apply(lambda _: styles, axis=None),
        hide_index=True,
        width="stretch",
        column_config={"KPI": st.column_config.TextColumn(width=230)},
        height=37 * (len(frame) + 1) + 10,
    )


def differences(scenarios: dict[str, Scenario], reference: str) -> None:
    """What each scenario changes against the reference, in words."""
    with st.expander("Settings that differ from the reference"):
        for name, value in scenarios.items():
            if name == reference:
                continue
            lines = describe_changes(scenarios[reference], value, limit=12)
            st.markdown(
                f"**{plain(name)}**: " + (plain("; ".join(lines)) if lines else "the same settings")
            )


def kpis_view(comparison: ScenarioComparison, scenarios: dict[str, Scenario]) -> None:
    kpi_table(comparison)
    read(read_side_by_side(comparison))
    chart(compare_cost_figure(comparison, height=480), "_cmp_costs")
    differences(scenarios, comparison.reference)
    downloads(comparison)


def downloads(comparison: ScenarioComparison) -> None:
    """The table as CSV (one row per scenario and KPI) and as a workbook with the cost parts,
    each written when its button is pressed (not on every rerun)."""
    name = state.demand().name or "data"
    left, right, _ = st.columns([1, 1, 1.2])
    left.download_button(
        "Download the comparison (CSV)",
        lambda: comparison_csv(comparison),
        file_name=comparison_file_name(name),
        on_click="ignore",
        mime="text/csv",
        help="One row per scenario and KPI: value, the reference's value, the change and "
        "better/worse.",
        width="stretch",
    )
    right.download_button(
        "Download as Excel",
        lambda: comparison_xlsx(comparison),
        file_name=comparison_file_name(name, "xlsx"),
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        help="The same table, and the cost parts of each scenario on a second sheet.",
        width="stretch",
    )


def supply_view(comparison: ScenarioComparison) -> None:
    sku = state.selected_sku()
    skus = list(comparison.skus)
    if len(skus) > 1:
        sku = st.selectbox(
            "SKU shown",
            skus,
            help="Timelines are per SKU: pick one of the group.",
            **PREFS.widget("_cmp_sku", sku if sku in skus else skus[0], options=skus),
        )
    elif sku not in skus:
        sku = skus[0]
    fig = compare_supply_demand_figure(comparison, sku, height=520)
    note = fig.layout.title.subtitle.text
    fig.update_layout(title_subtitle_text="")
    chart(fig, "_cmp_supply")
    st.caption(note)


def frontier_view(data: DemandData, scenarios: dict[str, Scenario], reference: str,
                  skus: tuple[str, ...]) -> None:  # fmt: skip
    settings = FrontierSettings(target=service_target(scenarios[reference]), points=20)
    with st.spinner("Sweeping the service target of each scenario…"):
        fronts = {name: cache.frontier(data, value, settings, skus)
                  for name, value in scenarios.items()}  # fmt: skip
    chart(frontier_overlay_figure(fronts, height=520), "_cmp_frontier")
    st.caption(
        "Each line sweeps one scenario's service target with its other settings kept; the "
        "ringed dot is the scenario as set. A line below another is cheaper at every target."
    )


def waterfall_view(data: DemandData, scenarios: dict[str, Scenario], reference: str,
                   skus: tuple[str, ...]) -> None:  # fmt: skip
    names = list(scenarios)
    other = next(n for n in names if n != reference)
    a, b, c = st.columns(3)
    start = a.selectbox("From", names, **PREFS.widget("_cmp_from", reference, options=names))
    ends = [n for n in names if n != start]
    end = b.selectbox(
        "To", ends, **PREFS.widget("_cmp_to", other if other in ends else ends[0], options=ends)
    )
    kpi = c.radio(
        "Show",
        list(WATERFALL_KPIS)[:2],
        format_func=lambda k: WATERFALL_KPIS[k][0],
        horizontal=True,
        **PREFS.widget("_cmp_wf_kpi", "total_cost"),
    )
    with st.spinner("Simulating each step…"):
        fall = cache.waterfall(data, (start, scenarios[start]), (end, scenarios[end]), skus)
    chart(compare_waterfall_figure(fall, kpi, height=500), "_cmp_waterfall")
    read(read_waterfall(fall, kpi))
