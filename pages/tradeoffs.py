"""Trade-offs: what service costs, what smaller lots and JIT levers are worth, which inputs
matter, and the current settings against a saved baseline. Thin: widgets -> settings -> one
cached jitcore call per view -> charts and plain-language reading help."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import ui
from jitcore.charts.tradeoffs import (
    comparison_cost_figure,
    frontier_cost_figure,
    frontier_inventory_figure,
    frontier_overlay_figure,
    frontier_service_figure,
    heatmap_figure,
    levers_alone_figure,
    lot_size_figure,
    tornado_figure,
    waterfall_figure,
)
from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.scenario import Scenario
from jitcore.tradeoffs import (
    LEVER_LABELS,
    LEVER_ORDER,
    TARGET_LABELS,
    Comparison,
    Frontier,
    FrontierSettings,
    LeverAnalysis,
    LeverSettings,
    LotSizeTradeoff,
    Sensitivity,
    SensitivitySettings,
    TwoWayGrid,
    compare,
    frontier_point,
    lead_time_axis,
    lever_analysis,
    lot_size_inputs,
    lot_size_tradeoff,
    sensitivity,
    service_axis,
    service_frontier,
    service_target,
    target_value,
    two_way,
    with_target,
    workshop_presets,
)
from jitcore.tradeoffs import reading as rd

PREFS = "tradeoffs_prefs"  # page settings that survive page switches
KEY_LEVERS = "tradeoffs_levers"
VIEWS = {
    "frontier": "Service vs cost",
    "lot_size": "Lot size",
    "levers": "JIT levers",
    "sensitivity": "Sensitivity",
    "grid": "Two-way",
    "compare": "Baseline vs what-if",
}
PERIOD_WORDS = {"D": "day", "W": "week", "M": "month"}


# --- widget state ---------------------------------------------------------------------------
def _seed(key: str, default: Any) -> None:
    """Give a widget its remembered value (widget keys are dropped when the page changes)."""
    prefs = st.session_state.setdefault(PREFS, {})
    if key not in st.session_state:
        st.session_state[key] = prefs.get(key, default)


def _remember(*keys: str) -> None:
    prefs = st.session_state.setdefault(PREFS, {})
    for key in keys:
        prefs[key] = st.session_state[key]


def _chart(fig, key: str) -> None:
    """The figure's title as a heading (it wraps instead of colliding with a legend of several
    rows), then the chart; the legend above the plot makes its own room."""
    title = fig.layout.title.text
    if title:
        st.markdown(f"##### {title}")
        fig.update_layout(title_text="", margin={"t": 30})
    st.plotly_chart(fig, theme=None, width="stretch", key=key)


def _read(lines: tuple[str, ...]) -> None:
    if lines:
        st.info("\n".join(f"- {line}" for line in lines))


# --- cached computations (keyed on data fingerprint + scenario + settings + SKUs) ------------
# Forecasts come in unhashed (``_forecasts``): they follow from the data and the scenario's
# forecast settings, which are part of the key.
Forecasts = dict


def _forecasts(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> Forecasts:
    return ui.forecasts(data, scenario.forecast, skus)


@st.cache_resource(show_spinner=False, max_entries=32)
def _frontier(
    fingerprint: str, scenario: Scenario, settings: FrontierSettings, skus: tuple[str, ...],
    _data: DemandData, _forecasts: Forecasts,
) -> Frontier:  # fmt: skip
    return service_frontier(_data, scenario, settings, forecasts=_forecasts, skus=skus)


@st.cache_resource(show_spinner=False, max_entries=32)
def _levers(
    fingerprint: str, scenario: Scenario, settings: LeverSettings, skus: tuple[str, ...],
    _data: DemandData, _forecasts: Forecasts,
) -> LeverAnalysis:  # fmt: skip
    return lever_analysis(_data, scenario, settings, forecasts=_forecasts, skus=skus)


@st.cache_resource(show_spinner=False, max_entries=16)
def _sensitivity(
    fingerprint: str, scenario: Scenario, settings: SensitivitySettings, skus: tuple[str, ...],
    _data: DemandData, _forecasts: Forecasts,
) -> Sensitivity:  # fmt: skip
    return sensitivity(_data, scenario, settings, forecasts=_forecasts, skus=skus)


@st.cache_resource(show_spinner=False, max_entries=16)
def _grid(
    fingerprint: str, scenario: Scenario, skus: tuple[str, ...], _data: DemandData,
    _forecasts: Forecasts,
) -> TwoWayGrid:  # fmt: skip
    rows, columns = service_axis(scenario), lead_time_axis(scenario)
    return two_way(_data, scenario, rows, columns, forecasts=_forecasts, skus=skus)


@st.cache_resource(show_spinner=False, max_entries=16)
def _compare(
    fingerprint: str, baseline: Scenario, whatif: Scenario, skus: tuple[str, ...],
    _data: DemandData, _forecasts: Forecasts, _whatif_forecasts: Forecasts,
) -> Comparison:  # fmt: skip
    return compare(
        _data, baseline, whatif, forecasts=_forecasts, whatif_forecasts=_whatif_forecasts,
        skus=skus,
    )  # fmt: skip


def _frontier_of(
    data: DemandData, scenario: Scenario, settings: FrontierSettings, skus: tuple[str, ...]
) -> Frontier:
    """The sweep is cached on the scenario with its target set to the sweep's top (the curve
    does not depend on the current target), and the current point comes from one cached run:
    moving the target slider re-simulates one scenario, not the whole sweep."""
    canonical = with_target(scenario, settings.target, settings.high)
    with st.spinner("Simulating every service target…"):
        curve = _frontier(
            data.fingerprint, canonical, settings, skus, data, _forecasts(data, scenario, skus)
        )
    return curve.with_current(frontier_point(ui.run(scenario, skus), settings.target))


def _lot_size(scenario: Scenario, skus: tuple[str, ...], reductions: tuple[float, ...]):
    result = ui.run(scenario, skus)
    return lot_size_tradeoff(lot_size_inputs(result), reductions=reductions)


# --- controls -------------------------------------------------------------------------------
def _scope(data: DemandData, where) -> tuple[str, ...]:
    """The SKUs analysed: the selected SKU, or a group."""
    sku = ui.selected_sku()
    _seed("_to_scope", "sku")
    _seed("_to_group", list(data.skus[:12]))
    if not set(st.session_state["_to_group"]) <= set(data.skus):
        st.session_state["_to_group"] = list(data.skus[:12])
    with where:
        st.radio(
            "Analyse",
            ["sku", "group"],
            format_func=lambda v: f"This SKU ({sku})" if v == "sku" else "A group of SKUs",
            key="_to_scope",
            horizontal=True,
            help="A group adds up the costs of its SKUs and pools their service (weighted by "
            "demand).",
        )
        if st.session_state["_to_scope"] == "group":
            st.multiselect("SKUs in the group", list(data.skus), key="_to_group")
    _remember("_to_scope", "_to_group")
    if st.session_state["_to_scope"] == "group":
        chosen = tuple(s for s in data.skus if s in st.session_state["_to_group"])
        return chosen or (sku,)
    return (sku,)


def _on_target() -> None:
    scenario = ui.scenario()
    value = st.session_state["_to_target"] / 100.0
    ui.set_scenario(with_target(scenario, service_target(scenario), value))


def _target_slider(scenario: Scenario) -> None:
    target = service_target(scenario)
    own = target_value(scenario, target)
    shown = round(100 * (own if own is not None else 0.95), 1)
    if st.session_state.get("_to_target") != shown:
        st.session_state["_to_target"] = shown
    st.slider(
        f"{TARGET_LABELS[target]} target (%)",
        min_value=50.0,
        max_value=99.9,
        step=0.1,
        format="%.1f %%",
        key="_to_target",
        on_change=_on_target,
        help="The service the buffers are planned for. Moving it changes your working "
        "settings on every page; the charts mark it as 'You'.",
    )
    if own is None:
        st.caption(
            f"Your buffers are set by {scenario.buffers.method.replace('_', ' ')}; moving the "
            "slider switches them to a service-level target."
        )


# --- views ----------------------------------------------------------------------------------
def _frontier_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    with st.expander("Sweep settings"):
        a, b, c = st.columns(3)
        _seed("_to_fr_kind", service_target(scenario))
        _seed("_to_fr_range", (50.0, 99.9))
        _seed("_to_fr_points", 30)
        a.radio(
            "Target swept",
            list(TARGET_LABELS),
            format_func=TARGET_LABELS.get,
            key="_to_fr_kind",
            help="Cycle service level: chance of no stockout per replenishment cycle. Fill "
            "rate: share of demand served from stock.",
        )
        b.slider("Range (%)", 50.0, 99.9, step=0.1, key="_to_fr_range")
        c.slider("Points", 5, 60, key="_to_fr_points")
        _remember("_to_fr_kind", "_to_fr_range", "_to_fr_points")
    low, high = st.session_state["_to_fr_range"]
    settings = FrontierSettings(
        target=st.session_state["_to_fr_kind"],
        low=min(low, high - 0.1) / 100,
        high=high / 100,
        points=st.session_state["_to_fr_points"],
    )
    frontier = _frontier_of(data, scenario, settings, skus)
    _chart(frontier_cost_figure(frontier, height=520), "_to_fr_cost")
    _read(rd.read_frontier(frontier))
    _chart(frontier_service_figure(frontier, height=470), "_to_fr_service")
    left, right = st.columns([3, 2], gap="large")
    with left:
        _chart(frontier_inventory_figure(frontier, height=440), "_to_fr_stock")
    with right:
        st.markdown("##### How to read these charts")
        st.markdown(
            "- **Cost chart**: the black line is the total; coloured lines are its parts. "
            "The star is the cheapest target, the orange dot your setting. The grey band holds "
            "80 % of the simulated years.\n"
            "- **Service chart**: solid lines are what the simulation achieved, dashed lines what "
            "the textbook formula promised. Where they part, trust the simulation.\n"
            "- **Stock chart**: how many units on hand each fill rate needs; the curve gets "
            "steep near 100 %.\n"
            "- The x axis is stretched near 100 %: 99 % to 99.9 % is as wide as 90 % to 99 %."
        )
    with st.expander("Table of the sweep"):
        frame = frontier.frame()
        shown = frame[["target", "total_cost", "holding_cost", "ordering_cost",
                       "shortage_cost", "average_on_hand", "fill_rate", "cycle_service_level",
                       "predicted_fill_rate", "predicted_cycle_service_level"]]  # fmt: skip
        st.dataframe(shown, hide_index=True, width="stretch")


def _lot_size_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    _seed("_to_lot_cuts", [50, 75, 90])
    st.multiselect(
        "Setup-cost reductions to show (%)",
        [25, 50, 75, 90, 95],
        key="_to_lot_cuts",
        help="Quick changeover (SMED) cuts the cost of each setup or order.",
    )
    _remember("_to_lot_cuts")
    cuts = tuple(sorted(v / 100 for v in st.session_state["_to_lot_cuts"]))
    tradeoff: LotSizeTradeoff = _lot_size(scenario, skus, cuts)
    period = PERIOD_WORDS.get(data.frequency, "period")
    _chart(
        lot_size_figure(tradeoff, currency=scenario.costs.currency, period_word=period),
        "_to_lot",
    )
    _read(rd.read_lot_size(tradeoff, scenario.costs.currency))
    if tradeoff.unit == "periods":
        st.caption(
            f"For a group every SKU's lot is measured in {period}s of its own demand; the curve "
            "orders every SKU the same cover, the dot is each SKU at its current lot."
        )


def _lever_controls(scenario: Scenario) -> LeverSettings:
    saved: LeverSettings = st.session_state.get(KEY_LEVERS) or LeverSettings()
    on = set(saved.enabled)
    for name in LEVER_ORDER:
        _seed(f"_to_on_{name}", name in on)
    _seed("_to_lv_setup", round(100 * saved.setup_cost_cut))
    _seed("_to_lv_lead", saved.lead_time_cut)
    _seed("_to_lv_sd", round(100 * saved.lead_time_variability_cut))
    _seed("_to_lv_yield", round(100 * saved.yield_gain, 1))
    _seed("_to_lv_review", saved.review_period)
    _seed("_to_lv_policy", saved.policy)
    _seed("_to_lv_ti", saved.smoothing_periods)
    period = "periods"
    inputs: dict[str, Callable[[], None]] = {
        "setup_cost": lambda: st.slider("Setup cost cut (%)", 0, 95, step=5, key="_to_lv_setup"),
        # (each amount sits under its lever's checkbox)
        "lead_time": lambda: st.number_input(
            f"Lead time cut ({period})", 0, 52, step=1, key="_to_lv_lead"
        ),
        "lead_time_variability": lambda: st.slider(
            "Lead-time σ and slips cut (%)", 0, 100, step=5, key="_to_lv_sd"
        ),
        "yield": lambda: st.slider("Yield gain (points)", 0.0, 10.0, step=0.5, key="_to_lv_yield"),
        "review_period": lambda: st.number_input(
            f"Review every ({period})", 1, 52, step=1, key="_to_lv_review"
        ),
        "policy": lambda: st.radio(
            "Pull policy",
            ["kanban", "lot_for_lot"],
            format_func=lambda v: "Kanban" if v == "kanban" else "JIT lot-for-lot",
            key="_to_lv_policy",
            horizontal=True,
        ),
        "smoothing": lambda: st.slider(
            "Smoothing Ti (periods)", 1.0, 12.0, step=0.5, key="_to_lv_ti"
        ),
    }
    for name in LEVER_ORDER:
        st.checkbox(LEVER_LABELS[name], key=f"_to_on_{name}")
        inputs[name]()
    keys = [f"_to_on_{n}" for n in LEVER_ORDER]
    keys += ["_to_lv_setup", "_to_lv_lead", "_to_lv_sd", "_to_lv_yield", "_to_lv_review",
             "_to_lv_policy", "_to_lv_ti"]  # fmt: skip
    _remember(*keys)
    s = st.session_state
    settings = LeverSettings(
        setup_cost_cut=min(s["_to_lv_setup"] / 100, 0.99),
        lead_time_cut=int(s["_to_lv_lead"]),
        lead_time_variability_cut=s["_to_lv_sd"] / 100,
        yield_gain=s["_to_lv_yield"] / 100,
        review_period=int(s["_to_lv_review"]),
        policy=s["_to_lv_policy"],
        smoothing_periods=float(s["_to_lv_ti"]),
        enabled=tuple(n for n in LEVER_ORDER if s[f"_to_on_{n}"]),
    )
    st.session_state[KEY_LEVERS] = settings
    return settings


def _adopt_levers(analysis: LeverAnalysis) -> None:
    ui.set_baseline(analysis.baseline_scenario)
    ui.set_scenario(analysis.combined_scenario.model_copy(update={"name": "JIT levers"}))


def _levers_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    st.caption(
        "Pull each lever on your current settings. The waterfall adds them one on top of the "
        "other in this order, so the steps add up to the total change."
    )
    controls, charts = st.columns([1, 3], gap="large")
    with controls:
        settings = _lever_controls(scenario)
    with charts:
        with st.spinner("Simulating the levers…"):
            analysis = _levers(
                data.fingerprint, scenario, settings, skus, data, _forecasts(data, scenario, skus)
            )
        _chart(waterfall_figure(analysis, "total_cost", height=480), "_to_wf_cost")
        _chart(waterfall_figure(analysis, "average_on_hand", height=420), "_to_wf_stock")
    _read(rd.read_levers(analysis))
    _seed("_to_alone_kpi", "total_cost")
    kpi = st.radio(
        "Each lever alone, change in",
        ["total_cost", "average_on_hand"],
        format_func=lambda v: "Total cost" if v == "total_cost" else "Average on hand",
        key="_to_alone_kpi",
        horizontal=True,
    )
    _remember("_to_alone_kpi")
    _chart(levers_alone_figure(analysis, kpi), "_to_alone")
    st.button(
        "Adopt all levers as my settings",
        on_click=_adopt_levers,
        args=(analysis,),
        help="Saves your current settings as the baseline and makes 'all levers' your working "
        "settings; compare them under 'Baseline vs what-if'.",
    )


def _sensitivity_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    _seed("_to_sens_change", 20)
    st.slider("Move each input by ± (%)", 5, 50, step=5, key="_to_sens_change")
    _remember("_to_sens_change")
    settings = SensitivitySettings(change=st.session_state["_to_sens_change"] / 100)
    with st.spinner("Simulating each input up and down…"):
        result = _sensitivity(
            data.fingerprint, scenario, settings, skus, data, _forecasts(data, scenario, skus)
        )
    _chart(tornado_figure(result, "total_cost", height=520), "_to_tornado_cost")
    _read(rd.read_sensitivity(result, "total_cost"))
    _chart(tornado_figure(result, "fill_rate", height=520), "_to_tornado_fill")
    _read(rd.read_sensitivity(result, "fill_rate"))


def _grid_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    _seed("_to_grid_kpi", "total_cost")
    kpi = st.radio(
        "Colour by",
        ["total_cost", "fill_rate", "average_on_hand"],
        format_func={
            "total_cost": "Total cost",
            "fill_rate": "Fill rate",
            "average_on_hand": "Average on hand",
        }.get,  # fmt: skip
        key="_to_grid_kpi",
        horizontal=True,
    )
    _remember("_to_grid_kpi")
    with st.spinner("Simulating every combination…"):
        grid = _grid(data.fingerprint, scenario, skus, data, _forecasts(data, scenario, skus))
    _chart(heatmap_figure(grid, kpi, height=600), "_to_heat")
    _read(rd.read_grid(grid, kpi))


def _save_baseline() -> None:
    ui.set_baseline(ui.scenario().model_copy(update={"name": "Baseline"}))


def _workshop() -> None:
    today, jit = workshop_presets(ui.scenario())
    ui.set_baseline(today)
    ui.set_scenario(jit)


def _format(value: float, unit: str, currency: str) -> str:
    if not math.isfinite(value):
        return "—"
    if unit == "money":
        return rd.money(value, currency)
    if unit == "share":
        return rd.percent(value)
    return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"


def _compare_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    a, b, c = st.columns(3)
    a.button("Save current settings as baseline", on_click=_save_baseline)
    b.button(
        "Start a 'today vs JIT' workshop",
        on_click=_workshop,
        help="Baseline = a typical today (reorder point with EOQ lots, lead time ≥ 4 periods "
        "with σ ≥ 1, 10 % slips, 97 % yield); working settings = the same with every JIT "
        "lever: setups −75 %, lead time halved, lead-time σ and slips −75 %, yield +2 points, "
        "review every period, kanban. Replaces your working settings.",
    )
    c.button("Clear the baseline", on_click=ui.set_baseline, args=(None,))
    baseline = ui.baseline()
    if baseline is None:
        st.info(
            "No baseline saved yet. Save your current settings as the baseline, change "
            "settings here or on other pages, and come back to compare."
        )
        return
    with st.spinner("Simulating both…"):
        comparison = _compare(
            data.fingerprint, baseline, scenario, skus, data,
            _forecasts(data, baseline, skus), _forecasts(data, scenario, skus),
        )  # fmt: skip
    _read(rd.read_comparison(comparison))
    currency = scenario.costs.currency
    table = comparison.table()
    shown = pd.DataFrame(
        {
            "KPI": table["label"],
            f"Baseline ({baseline.name})": [
                _format(v, u, currency)
                for v, u in zip(table["baseline"], table["unit"], strict=True)  # fmt: skip
            ],
            f"What-if ({scenario.name})": [
                _format(v, u, currency)
                for v, u in zip(table["whatif"], table["unit"], strict=True)  # fmt: skip
            ],
            "Change": [
                ("+" if ch > 0 else "") + _format(ch, u, currency)
                if u != "share"
                else f"{100 * ch:+.1f} points"
                for ch, u in zip(table["change"], table["unit"], strict=True)
            ],  # fmt: skip
            "Verdict": [
                "better" if v is True else "worse" if v is False else "" for v in table["better"]
            ],
        }
    )

    def colour(row: pd.Series) -> list[str]:
        tone = {"better": "background-color: #d9f2e6", "worse": "background-color: #fbe0d4"}
        return [tone.get(row["Verdict"], "")] * len(row)

    st.dataframe(
        shown.style.apply(colour, axis=1),
        hide_index=True,
        width="stretch",
        height=35 * (len(shown) + 1) + 3,
    )
    left, right = st.columns(2)
    with left:
        _chart(comparison_cost_figure(comparison, height=480), "_to_cmp_cost")
    with right:
        settings = FrontierSettings(target=service_target(scenario), points=20)
        names = (baseline.name, scenario.name)
        if names[0] == names[1]:
            names = ("Baseline", "What-if")
        fronts = {
            name: _frontier_of(data, value, settings, skus)
            for name, value in zip(names, (baseline, scenario), strict=True)
        }
        _chart(frontier_overlay_figure(fronts, height=480), "_to_cmp_frontier")


# --- page -----------------------------------------------------------------------------------
def main() -> None:
    data = ui.demand()
    st.title("Trade-offs")
    st.caption(
        "What does service, a smaller lot or a JIT lever cost, and what does it gain? Every "
        "chart simulates your working settings on the same demand draws; your setting is marked."
    )
    left, right = st.columns(2, gap="large")
    skus = _scope(data, left)
    with right:
        _target_slider(ui.scenario())
    scenario = ui.scenario()
    _seed("_to_view", "frontier")
    st.segmented_control(
        "Show",
        list(VIEWS),
        format_func=VIEWS.get,
        key="_to_view",
        required=True,
        label_visibility="collapsed",
    )
    _remember("_to_view")
    view = st.session_state["_to_view"]
    render = {
        "frontier": _frontier_view,
        "lot_size": _lot_size_view,
        "levers": _levers_view,
        "sensitivity": _sensitivity_view,
        "grid": _grid_view,
        "compare": _compare_view,
    }[view]
    try:
        render(data, scenario, skus)
    except JitError as exc:
        ui.show_error(exc)


main()
