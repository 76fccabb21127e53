"""Views of the Supply & demand page: the settings column (most used first), the baseline
buttons, the band-or-path switch and the charts."""

from __future__ import annotations

import streamlit as st

from jitcore.charts.supply_demand import cost_figure, supply_demand_figure, variability_figure
from jitcore.kpis import Kpis
from jitcore.pipeline import ScenarioResult
from jitcore.policies import TRIGGER_POLICIES
from jitcore.reports import supply_demand as exports
from jitcore.scenario import Scenario
from ui import presentation, state, widgets
from ui.widgets import describe_changes

KEY = "sd"
PREFS = state.Memory("supply_demand_prefs")
VIEWS = {"band": "Median and P10–P90 band", "path": "One path"}


def settings(scenario: Scenario, frequency: str) -> Scenario:
    """Every setting of the page, most used first; returns the edited scenario."""
    new = widgets.policy_settings(scenario, key=KEY, frequency=frequency, fields=("kind",))
    new = widgets.buffer_settings(new, key=KEY, frequency=frequency, fields=("method", "target"))
    new = widgets.supply_settings(new, key=KEY, frequency=frequency, fields=("lead_time",))
    new = widgets.policy_settings(new, key=KEY, frequency=frequency, fields=("details",))
    with st.expander("Order rules: MOQ, multiple, unmet demand"):
        new = widgets.policy_settings(
            new, key=KEY, frequency=frequency, fields=("lot", "unmet_demand")
        )
    with st.expander("Supplier: lead-time spread, reliability, yield"):
        new = widgets.supply_settings(
            new,
            key=KEY,
            frequency=frequency,
            fields=("lead_time_sd", "slip_probability", "slip_periods", "yield_rate",
                    "yield_sd", "capacity"),
        )  # fmt: skip
    with st.expander("Simulation"):
        new = widgets.simulation_settings(
            new,
            key=KEY,
            frequency=frequency,
            fields=("mode", "paths", "periods", "demand_model", "forecast_updating", "seed"),
        )
        new = widgets.buffer_settings(new, key=KEY, frequency=frequency, fields=("uncertainty",))
    with st.expander("Costs"):
        new = widgets.cost_settings(new, key=KEY, frequency=frequency)
    return new


def baseline_controls(scenario: Scenario) -> None:
    baseline = state.baseline()
    st.button(
        "Save as baseline",
        key=f"{KEY}_save_baseline",
        on_click=lambda: state.set_baseline(state.scenario()),
        help="Keep these settings as the reference: the KPI cards then show the change "
        "against it. Shared with the Trade-offs page.",
        width="stretch",
    )
    st.button(
        "Clear baseline",
        key=f"{KEY}_clear_baseline",
        on_click=lambda: state.set_baseline(None),
        disabled=baseline is None,
        width="stretch",
    )
    if baseline is None:
        st.caption("No baseline saved.")
    else:
        changes = describe_changes(baseline, scenario)  # the names are not compared
        if changes:
            st.caption("Changed from the baseline: " + "; ".join(changes) + ".")
        else:
            st.caption("Baseline = these settings. Change a setting to compare.")


def view_controls(result: ScenarioResult) -> int | None:
    """Band or one path (Monte Carlo, or replay with random supply); returns the path or None."""
    if result.timeline.paths <= 1:
        return None
    left, right, _ = st.columns([2.4, 1, 0.6], vertical_alignment="bottom")
    choice = left.segmented_control(
        "Show",
        list(VIEWS),
        format_func=VIEWS.__getitem__,
        label_visibility="collapsed",
        help="The band shows where 80 % of the simulated futures fall; one path shows a single "
        "future, with every order and receipt.",
        **PREFS.widget(f"{KEY}_view", "band", name="view", options=VIEWS),
    )
    if choice != "path":
        return None
    path = right.number_input(
        f"Path (1–{result.timeline.paths})",
        min_value=1,
        max_value=result.timeline.paths,
        step=1,
        **PREFS.widget(f"{KEY}_path", 1, name="path", options=range(1, result.timeline.paths + 1)),
    )
    return int(path) - 1


def _draw(fig, name: str) -> None:
    st.plotly_chart(fig, theme=None, width="stretch", key=f"{KEY}_chart_{name}")


def main_chart(result: ScenarioResult, sku: str) -> int | None:
    """The timeline chart with its view switch; returns the path shown (None = band)."""
    path = view_controls(result)
    height = presentation.chart_height(460, presenting=450)
    _draw(supply_demand_figure(result, sku, path=path, height=height), "main")
    if result.scenario.policy.kind not in TRIGGER_POLICIES:
        st.caption(
            "The order-up-to level and the inventory position (stock on hand + on order − "
            "backorders) are in the legend: click them to show."
        )
    return path


def secondary_charts(
    result: ScenarioResult,
    sku: str,
    baseline: Kpis | None,
    *,
    path: int | None,
    period: str,
    window: int,
) -> None:
    """Variability and costs side by side, across the full page width (readable on 1280 px)."""
    left, right = st.columns(2, gap="large")
    with left:
        _draw(variability_figure(result, sku, path=path, height=440), "variability")
    with right:
        _draw(
            cost_figure(
                result.kpis_for(sku),
                baseline=baseline,
                currency=result.scenario.costs.currency,
                periods=window,
                period=period,
                height=440,
            ),
            "costs",
        )


def downloads(result: ScenarioResult, sku: str, baseline: Kpis | None) -> None:
    """A row of downloads: the timeline and the KPIs as CSV, both (and every path) in Excel;
    each file is made when its button is pressed."""
    files = (
        ("Timeline (CSV)", lambda: exports.timeline_csv(result, sku), "timeline", "csv",
         "text/csv"),
        ("KPIs (CSV)", lambda: exports.kpis_csv(result, sku, baseline), "kpis", "csv", "text/csv"),
        ("Both (Excel)", lambda: exports.sku_workbook(result, sku, baseline),
         "data", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )  # fmt: skip
    columns = st.columns([1.2, 1, 1.05, 1.9], vertical_alignment="center")
    for column, (label, make, what, ext, mime) in zip(columns, files, strict=False):
        column.download_button(
            label,
            make,
            file_name=exports.download_name(result, sku, what, ext),
            mime=mime,
            key=f"{KEY}_download_{what}",
            icon=":material/download:",
            width="stretch",
        )
    columns[3].caption(
        "Timeline per period: means over the paths, on hand P10/P50/P90; the workbook also "
        "holds every recorded path."
    )
