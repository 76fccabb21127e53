"""Supply & demand: one SKU simulated under the working scenario. Settings beside the chart;
every change reruns the (cached) simulation and redraws at once. Thin: widgets -> Scenario ->
ui.run -> chart builders."""

from __future__ import annotations

import math

import streamlit as st

import scenario_widgets as sw
import ui
from jitcore.charts.supply_demand import (
    cost_figure,
    kpi_window,
    supply_demand_figure,
    variability_figure,
)
from jitcore.errors import JitError
from jitcore.kpis import Kpis
from jitcore.pipeline import ScenarioResult
from jitcore.policies import POLICY_NAMES
from jitcore.scenario import Scenario

KEY = "sd"
KEY_VIEW = "_sd_view_choice"
KEY_PATH = "_sd_path_choice"
VIEWS = {"band": "Median and P10–P90 band", "path": "One path"}


def _compact(value: float) -> str:
    """Short numbers for cards: 934, 12.3k, 1.23M."""
    if not math.isfinite(value):
        return "–"
    size = abs(value)
    if size >= 1e6:
        return f"{value / 1e6:.3g}M"
    if size >= 1e4:
        return f"{value / 1e3:.3g}k"
    return f"{value:,.0f}" if size >= 100 else f"{value:.3g}"


def _signed(value: float) -> str:
    """A signed short number for deltas: +12, -3.4, +1.64k (an ASCII minus: Streamlit reads
    the arrow's direction from it)."""
    text = _compact(abs(value))
    return ("-" if value < 0 else "+") + text


def _pct(value: float) -> str:
    return "–" if not math.isfinite(value) else f"{100 * value:.1f} %"


def _num(value: float, digits: int = 0) -> str:
    return "–" if not math.isfinite(value) else f"{value:,.{digits}f}"


#: KPI cards: (attribute, label, value format, delta format, delta colour, help).
def _cards(currency: str, period: str, window: int) -> list[tuple]:
    return [
        ("fill_rate", "Fill rate", _pct, lambda d: f"{100 * d:+.1f} pp", "normal",
         "Share of demand served from stock in the period it was demanded."),
        ("cycle_service_level", "Cycle service", _pct, lambda d: f"{100 * d:+.1f} pp",
         "normal", "Cycle service level: share of replenishment cycles (between two receipts) "
         "without a stockout."),
        ("average_on_hand", "On hand (units)", _compact, _signed, "inverse",
         f"Average units in stock at the end of a {period}."),
        ("inventory_turns", "Turns per year", lambda v: _num(v, 1), lambda d: f"{d:+.1f}",
         "normal", "Inventory turns: units shipped per year ÷ average stock on hand."),
        ("stockout_periods", f"Stockout {period}s", lambda v: _num(v, 1),
         lambda d: f"{d:+.1f}", "inverse", f"{period.capitalize()}s with a shortage, out of "
         f"{window}."),
        ("orders_placed", "Orders placed", lambda v: _num(v, 1), lambda d: f"{d:+.1f}", "off",
         f"Orders (or setups) in {window} {period}s."),
        ("bullwhip", "Bullwhip", lambda v: _num(v, 2), lambda d: f"{d:+.2f}", "inverse",
         "Variance of orders ÷ variance of demand (Lee, Padmanabhan & Whang 1997). Below 1: the "
         "policy smooths supply; above 1: it amplifies variability upstream."),
        ("total_cost", "Total cost", lambda v: f"{currency}{_compact(v)}",
         lambda d: _signed(d)[0] + currency + _signed(d)[1:],
         "inverse", f"Holding + ordering + shortage + defect cost over "
         f"{window} {period}s."),
    ]  # fmt: skip


def _kpi_cards(
    result: ScenarioResult, sku: str, baseline: Kpis | None, *, period: str, window: int
) -> None:
    kpis = result.kpis_for(sku)
    bands = result.kpi_bands(sku)
    currency = result.scenario.costs.currency
    cards = _cards(currency, period, window)
    for row in (cards[:4], cards[4:]):
        columns = st.columns(len(row))
        for column, (name, label, fmt, dfmt, color, text) in zip(columns, row, strict=True):
            value = getattr(kpis, name)
            delta = None
            arrow = "auto"
            if baseline is not None:
                base = getattr(baseline, name)
                if math.isfinite(value) and math.isfinite(base):
                    delta = dfmt(value - base)
                    if not any(digit in delta for digit in "123456789"):
                        delta, color, arrow = "no change", "off", "off"
            spread = ""
            if result.paths > 1 and math.isfinite(bands.loc[name, "p10"]):
                spread = (
                    f" Across paths P10–P90: {fmt(bands.loc[name, 'p10'])} to "
                    f"{fmt(bands.loc[name, 'p90'])}."
                )
            column.metric(
                label,
                fmt(value),
                delta=delta,
                delta_color=color,
                delta_arrow=arrow,
                help=text + spread,
                border=False,
            )


def _settings(scenario: Scenario, frequency: str) -> Scenario:
    """Every setting of the page, most used first; returns the edited scenario."""
    new = sw.policy_settings(scenario, key=KEY, frequency=frequency, fields=("kind",))
    new = sw.buffer_settings(new, key=KEY, frequency=frequency, fields=("method", "target"))
    new = sw.supply_settings(new, key=KEY, frequency=frequency, fields=("lead_time",))
    new = sw.policy_settings(new, key=KEY, frequency=frequency, fields=("details",))
    with st.expander("Order rules: MOQ, multiple, unmet demand"):
        new = sw.policy_settings(new, key=KEY, frequency=frequency, fields=("lot", "unmet_demand"))
    with st.expander("Supplier: lead-time spread, reliability, yield"):
        new = sw.supply_settings(
            new,
            key=KEY,
            frequency=frequency,
            fields=("lead_time_sd", "slip_probability", "slip_periods", "yield_rate",
                    "yield_sd", "capacity"),
        )  # fmt: skip
    with st.expander("Simulation"):
        new = sw.simulation_settings(
            new,
            key=KEY,
            frequency=frequency,
            fields=("mode", "paths", "periods", "demand_model", "forecast_updating", "seed"),
        )
        new = sw.buffer_settings(new, key=KEY, frequency=frequency, fields=("uncertainty",))
    with st.expander("Costs"):
        new = sw.cost_settings(new, key=KEY, frequency=frequency)
    return new


def _sku_picker(skus: tuple[str, ...], sku: str) -> None:
    """The SKU, also here so the sidebar can be collapsed on a projector."""
    if st.session_state.get(f"{KEY}_sku") != sku:
        st.session_state[f"{KEY}_sku"] = sku  # follows picks made in the sidebar
    st.selectbox(
        "SKU",
        list(skus),
        key=f"{KEY}_sku",
        on_change=lambda: ui.select_sku(st.session_state[f"{KEY}_sku"]),
        help="The item simulated here (the same pick as in the sidebar).",
    )


def _baseline_controls(scenario: Scenario) -> None:
    baseline = ui.baseline()
    st.button(
        "Save as baseline",
        key=f"{KEY}_save_baseline",
        on_click=lambda: ui.set_baseline(ui.scenario()),
        help="Keep these settings as the reference: the KPI cards then show the change "
        "against it. Shared with the Trade-offs page.",
        width="stretch",
    )
    st.button(
        "Clear baseline",
        key=f"{KEY}_clear_baseline",
        on_click=lambda: ui.set_baseline(None),
        disabled=baseline is None,
        width="stretch",
    )
    if baseline is None:
        st.caption("No baseline saved.")
    else:
        changes = sw.describe_changes(baseline, scenario)  # the names are not compared
        if changes:
            st.caption("Changed from the baseline: " + "; ".join(changes) + ".")
        else:
            st.caption("Baseline = these settings. Change a setting to compare.")


def _run(scenario: Scenario, sku: str) -> tuple[ScenarioResult | None, Scenario]:
    """Run the edited scenario; if it fails, show why and run the last working one."""
    try:
        return ui.run(scenario, skus=[sku]), scenario
    except JitError as exc:
        ui.show_error(exc)
    previous = ui.scenario()
    if previous == scenario:
        return None, previous
    st.caption("Showing the last settings that worked.")
    try:
        return ui.run(previous, skus=[sku]), previous
    except JitError:
        return None, previous


def _baseline_kpis(sku: str) -> Kpis | None:
    baseline = ui.baseline()
    if baseline is None:
        return None
    try:
        return ui.run(baseline, skus=[sku]).kpis_for(sku)
    except JitError:
        return None


def _view_controls(result: ScenarioResult) -> int | None:
    """Band or one path (Monte Carlo, or replay with random supply); returns the path or None."""
    if result.timeline.paths <= 1:
        return None
    left, right, _ = st.columns([2.4, 1, 0.6], vertical_alignment="bottom")
    choice = left.segmented_control(
        "Show",
        list(VIEWS),
        default=st.session_state.get(KEY_VIEW, "band"),
        format_func=VIEWS.__getitem__,
        key=f"{KEY}_view",
        label_visibility="collapsed",
        help="The band shows where 80 % of the simulated futures fall; one path shows a single "
        "future, with every order and receipt.",
    )
    st.session_state[KEY_VIEW] = choice or "band"
    if choice != "path":
        return None
    path = right.number_input(
        f"Path (1–{result.timeline.paths})",
        min_value=1,
        max_value=result.timeline.paths,
        value=min(st.session_state.get(KEY_PATH, 1), result.timeline.paths),
        step=1,
        key=f"{KEY}_path",
    )
    st.session_state[KEY_PATH] = int(path)
    return int(path) - 1


def _draw(fig, name: str) -> None:
    st.plotly_chart(fig, theme=None, width="stretch", key=f"{KEY}_chart_{name}")


def _main_chart(result: ScenarioResult, sku: str) -> int | None:
    """The timeline chart with its view switch; returns the path shown (None = band)."""
    path = _view_controls(result)
    _draw(supply_demand_figure(result, sku, path=path), "main")
    if result.scenario.policy.kind not in ("reorder_point", "min_max", "vmi", "kanban"):
        st.caption(
            "The order-up-to level and the inventory position (stock on hand + on order − "
            "backorders) are in the legend: click them to show."
        )
    return path


def _secondary_charts(
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


def main() -> None:
    data = ui.demand()
    sku = ui.selected_sku()
    frequency = data.frequency
    period = sw.period_word(frequency)
    st.title("Supply & demand")
    st.caption(
        "One SKU under one policy: demand, what is ordered and received, and the stock that "
        "results. Change a setting and everything redraws at once."
    )
    scenario = ui.scenario()
    sw.follow_scenario(KEY, scenario)
    settings_column, main_column = st.columns([1.25, 3], gap="medium")
    with settings_column, st.container(border=True):
        _sku_picker(data.skus, sku)
        edited = _settings(scenario, frequency)
    with main_column:
        with st.spinner("Simulating…"):
            result, used = _run(edited, sku)
        if used != scenario:
            ui.set_scenario(used)
        sw.remember_scenario(KEY, used)
    with settings_column:
        _baseline_controls(used)
    if result is None:
        return
    with main_column:
        baseline = _baseline_kpis(sku)
        window = kpi_window(result, sku)
        mode = (
            f"{result.paths} futures × {window} {period}s"
            if used.simulation.mode == "monte_carlo"
            else f"replay of {window} {period}s of history"
        )
        compared = " · changes against the baseline under each card" if baseline else ""
        st.markdown(f"**{POLICY_NAMES[used.policy.kind]}** · {mode}{compared}")
        _kpi_cards(result, sku, baseline, period=period, window=window)
        path = _main_chart(result, sku)
    _secondary_charts(result, sku, baseline, path=path, period=period, window=window)


main()
