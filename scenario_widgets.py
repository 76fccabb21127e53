"""Settings widgets for the sections of the working Scenario, shared by the Plan, Supply & demand
and Trade-offs pages (app layer: imports streamlit).

Every function renders the widgets of one section into the current container, seeds them from
``scenario`` (so values survive page switches: keyed widgets lose their state when the page
changes) and returns the scenario with that section updated. An invalid combination (e.g. a VMI
maximum below the minimum) shows a plain error under the widgets and returns the section
unchanged, so the user's earlier settings are kept. Widget keys are ``f"{key}_{field}"``: give
each page its own ``key`` so two pages never share widget state.

Typical use::

    s = ui.scenario()
    scenario_widgets.follow_scenario("sd", s)  # a scenario loaded elsewhere wins
    new = scenario_widgets.policy_settings(s, key="sd", frequency=data.frequency)
    new = scenario_widgets.supply_settings(new, key="sd", frequency=data.frequency)
    if new != s:
        ui.set_scenario(new)
    scenario_widgets.remember_scenario("sd", ui.scenario())
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

import ui
from jitcore.errors import ScenarioError
from jitcore.policies import POLICY_NAMES
from jitcore.scenario import Scenario

PERIOD_WORDS: dict[str, str] = {"D": "day", "W": "week", "M": "month"}
#: Largest lead time offered by the slider, by frequency (a larger saved value widens it).
LEAD_TIME_MAX: dict[str, int] = {"D": 90, "W": 26, "M": 12}

BUFFER_METHODS: dict[str, str] = {
    "service_level": "Cycle service level",
    "fill_rate": "Fill rate",
    "days_of_cover": "Days of cover",
    "fixed_units": "Fixed units",
}
UNCERTAINTY: dict[str, str] = {
    "forecast_error": "Forecast error (backtest)",
    "demand_sd": "Demand variation (σ of demand)",
}
SIMULATION_MODES: dict[str, str] = {
    "monte_carlo": "Monte Carlo (future paths)",
    "replay": "Replay of history",
}
DEMAND_MODELS: dict[str, str] = {
    "auto": "Automatic",
    "normal": "Normal errors around the forecast",
    "resampled": "Resampled forecast errors",
    "intermittent": "Intermittent (occurrence × size)",
}
FORECAST_UPDATING: dict[str, str] = {
    "plan": "The forecast plan (fixed)",
    "exponential_smoothing": "Exponential smoothing of simulated demand",
    "moving_average": "Moving average of simulated demand",
}
PATH_CHOICES: tuple[int, ...] = (50, 100, 200, 500, 1000, 2000, 5000)

#: Settings of the policy section each policy uses (besides its kind and unmet demand).
POLICY_FIELDS: dict[str, tuple[str, ...]] = {
    "lot_for_lot": ("review_period", "correction", "min_order_quantity", "order_multiple"),
    "kanban": ("review_period",),
    "reorder_point": ("review_period", "levels", "min_order_quantity", "order_multiple"),
    "order_up_to": ("review_period", "levels", "min_order_quantity", "order_multiple"),
    "min_max": ("review_period", "levels", "min_order_quantity", "order_multiple"),
    "vmi": ("review_period", "vmi_min_cover", "vmi_max_cover", "min_order_quantity",
            "order_multiple"),
    "heijunka": ("revision_periods", "production_capacity"),
    "pout": ("review_period", "smoothing_periods", "min_order_quantity", "order_multiple"),
}  # fmt: skip
#: Buffer settings each policy uses for its lot (order quantity or kanban loop).
POLICY_BUFFER_FIELDS: dict[str, tuple[str, ...]] = {
    "reorder_point": ("order_quantity",),
    "min_max": ("order_quantity",),
    "kanban": ("container_size", "kanban_cards"),
}
POLICY_HELP: dict[str, str] = {
    "lot_for_lot": "Order each period what the forecast needs, corrected towards the buffer "
    "(MRP netting). Supply follows demand one for one.",
    "kanban": "A fixed number of containers circulates; an emptied container sends its card "
    "back and is refilled. Stock never exceeds cards × container.",
    "reorder_point": "(s, Q): when the inventory position falls to the reorder point s, order a "
    "fixed quantity Q (EOQ by default).",
    "order_up_to": "(R, S): every review period, order up to the level S. Orders copy demand.",
    "min_max": "(s, S): when the inventory position falls to the minimum s, order up to the "
    "maximum S.",
    "vmi": "The supplier watches your stock and refills it between a minimum and a maximum, "
    "in periods of forecast demand.",
    "heijunka": "Produce at a level rate, revised every N periods: supply is flattened and "
    "stock absorbs the variation.",
    "pout": "Order-up-to that closes only 1/Ti of the gap each period: smoother orders for a "
    "little more stock (Ti = 1 is plain order-up-to).",
}


def period_word(frequency: str) -> str:
    """``week`` for weekly data, ``month``, ``day``."""
    return PERIOD_WORDS.get(frequency, "period")


# --- applying values -----------------------------------------------------------------------------
def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float | int) and not isinstance(b, bool):
        return math.isclose(a, float(b), rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def apply_section(scenario: Scenario, section: str, values: Mapping[str, Any]) -> Scenario:
    """``scenario`` with some settings of one section replaced, validated as a whole.

    Values equal to the current ones (within float noise) are left alone, so an unchanged
    widget never makes a new scenario (and never misses the cache). Raises ScenarioError.
    """
    current = getattr(scenario, section)
    changed = {k: v for k, v in values.items() if not _same(getattr(current, k), v)}
    if not changed:
        return scenario
    data = scenario.to_dict()
    data[section].update(changed)
    return Scenario.from_dict(data)


def update_section(scenario: Scenario, section: str, values: Mapping[str, Any]) -> Scenario:
    """:func:`apply_section`, showing an invalid combination as a plain error (in the current
    container) and keeping ``scenario`` unchanged."""
    try:
        return apply_section(scenario, section, values)
    except ScenarioError as exc:
        message = exc.message
        for path, label in sorted(LABELS.items(), key=lambda item: -len(item[0])):
            message = message.replace(f"'{path}'", label).replace(path, label)
        ui.show_error(
            ScenarioError(message, "Until this is fixed the last valid settings stay in use.")
        )
        return scenario


def follow_scenario(key: str, scenario: Scenario) -> None:
    """Call before a page renders its widgets: if the working scenario changed elsewhere since
    the page last ran (a scenario file loaded in the sidebar, a setting applied by another
    page), forget the page's widget state so every widget shows the new values instead of
    writing its old ones back. Pair with :func:`remember_scenario` at the end of the page."""
    seen = st.session_state.get(f"_{key}_seen")
    if seen is not None and seen != scenario:
        reset_widgets(key)


def remember_scenario(key: str, scenario: Scenario) -> None:
    """Record the scenario the page's widgets now show (see :func:`follow_scenario`)."""
    st.session_state[f"_{key}_seen"] = scenario


def reset_widgets(key: str) -> None:
    """Forget the widget state of one page's settings (``key`` prefix), so the widgets follow
    the scenario again on the next run (after loading or resetting a scenario)."""
    for name in [k for k in st.session_state if str(k).startswith(f"{key}_")]:
        del st.session_state[name]


def _wanted(fields: Iterable[str] | None, name: str) -> bool:
    return fields is None or name in fields


def _percent(value: float) -> float:
    return round(100.0 * value, 4)


def _fraction(value: float) -> float:
    return round(value / 100.0, 8)


# --- sections ------------------------------------------------------------------------------------
def buffer_settings(
    scenario: Scenario,
    *,
    key: str,
    frequency: str,
    fields: Iterable[str] | None = None,
) -> Scenario:
    """Safety stock: ``method`` with its ``target`` (cycle service level, fill rate, days of
    cover or fixed units) and the ``uncertainty`` source."""
    fields = None if fields is None else tuple(fields)
    b = scenario.buffers
    values: dict[str, Any] = {}
    method = b.method
    if _wanted(fields, "method"):
        methods = list(BUFFER_METHODS)
        method = st.selectbox(
            "Safety stock set by",
            methods,
            index=methods.index(b.method),
            format_func=BUFFER_METHODS.__getitem__,
            key=f"{key}_buffer_method",
            help="Cycle service level: chance of no stockout between two deliveries. Fill rate: "
            "share of demand served straight from stock. Days of cover: safety stock as days "
            "of average demand. Fixed units: the same safety stock for every SKU.",
        )
        values["method"] = method
    if _wanted(fields, "target"):
        if method == "service_level":
            level = st.slider(
                "Cycle service level (%)",
                min_value=50.0,
                max_value=99.9,
                value=min(max(_percent(b.cycle_service_level), 50.0), 99.9),
                step=0.1,
                format="%.1f %%",
                key=f"{key}_csl",
                help="Probability of not running out in a replenishment cycle. Safety stock = "
                "k·σ with k = Φ⁻¹(level): 90 % → k = 1.28, 95 % → 1.64, 99 % → 2.33.",
            )
            values["cycle_service_level"] = _fraction(level)
        elif method == "fill_rate":
            level = st.slider(
                "Fill rate (%)",
                min_value=50.0,
                max_value=99.9,
                value=min(max(_percent(b.fill_rate), 50.0), 99.9),
                step=0.1,
                format="%.1f %%",
                key=f"{key}_fill_rate",
                help="Share of demand served from stock on hand. Uses the normal loss "
                "function: expected units short per cycle = (1 − fill rate) × cycle quantity.",
            )
            values["fill_rate"] = _fraction(level)
        elif method == "days_of_cover":
            values["days_of_cover"] = float(
                st.number_input(
                    "Days of cover",
                    min_value=0.0,
                    max_value=730.0,
                    value=float(b.days_of_cover),
                    step=1.0,
                    key=f"{key}_days_cover",
                    help="Safety stock = days × average demand per day.",
                )
            )
        else:
            values["fixed_units"] = float(
                st.number_input(
                    "Safety stock (units)",
                    min_value=0.0,
                    value=float(b.fixed_units),
                    step=10.0,
                    key=f"{key}_fixed_units",
                    help="The same safety stock for every SKU.",
                )
            )
    if _wanted(fields, "uncertainty") and method in ("service_level", "fill_rate"):
        options = list(UNCERTAINTY)
        values["uncertainty"] = st.radio(
            "Uncertainty from",
            options,
            index=options.index(b.uncertainty),
            format_func=UNCERTAINTY.__getitem__,
            key=f"{key}_uncertainty",
            help="Forecast error: σ of what the forecast missed over the lead time plus review "
            "period, measured in the backtest (smaller when demand is predictable). Demand "
            "variation: σ of demand per period × √(L + R).",
        )
    return update_section(scenario, "buffers", values)


def policy_settings(
    scenario: Scenario,
    *,
    key: str,
    frequency: str,
    fields: Iterable[str] | None = None,
) -> Scenario:
    """The replenishment policy and only the settings that policy uses (review period, POUT
    Ti, heijunka revision and capacity, VMI covers, kanban loop, order quantity, MOQ, order
    multiple), then backorders vs lost sales. ``fields`` restricts to some of ``kind``,
    ``details`` (the policy's own settings and its lot), single settings by name (e.g.
    ``review_period``), ``lot`` (MOQ, multiple) and ``unmet_demand``."""
    fields = None if fields is None else tuple(fields)
    p = scenario.policy
    period = period_word(frequency)
    values: dict[str, Any] = {}
    kind = p.kind
    if _wanted(fields, "kind"):
        kinds = list(POLICY_NAMES)
        kind = st.selectbox(
            "Replenishment policy",
            kinds,
            index=kinds.index(p.kind),
            format_func=POLICY_NAMES.__getitem__,
            key=f"{key}_policy",
            help=" ".join(f"**{POLICY_NAMES[k]}**: {POLICY_HELP[k]}" for k in kinds),
        )
        values["kind"] = kind
        st.caption(POLICY_HELP[kind])
    available = POLICY_FIELDS[kind]
    details = _wanted(fields, "details")
    # the policy's own settings, or single ones by name, e.g. fields=("kind", "review_period")
    used = available if details else tuple(n for n in available if n in (fields or ()))
    if used:
        if "review_period" in used:
            values["review_period"] = int(
                st.number_input(
                    f"Review period R ({period}s)",
                    min_value=1,
                    max_value=365,
                    value=int(p.review_period),
                    step=1,
                    key=f"{key}_review",
                    help=f"{period.capitalize()}s between two looks at the stock. Safety stock "
                    "covers the lead time plus the review period.",
                )
            )
        if "smoothing_periods" in used:
            values["smoothing_periods"] = float(
                st.slider(
                    "Smoothing Ti (POUT)",
                    min_value=1.0,
                    max_value=20.0,
                    value=min(float(p.smoothing_periods), 20.0),
                    step=0.5,
                    key=f"{key}_ti",
                    help="Each order closes 1/Ti of the gap to the target stock. Ti = 1 is "
                    "order-up-to; larger Ti gives smoother orders (bullwhip 1/(2Ti − 1) for "
                    "random demand) but needs more safety stock.",
                )
            )
        if "correction" in used:
            values["correction"] = float(
                st.slider(
                    "Gap corrected per period",
                    min_value=0.05,
                    max_value=1.0,
                    value=float(p.correction),
                    step=0.05,
                    key=f"{key}_correction",
                    help="Share of the gap between the target and the inventory position "
                    "closed by each order (1 = MRP netting).",
                )
            )
        if "revision_periods" in used:
            values["revision_periods"] = int(
                st.number_input(
                    f"Rate revised every ({period}s)",
                    min_value=1,
                    max_value=365,
                    value=int(p.revision_periods),
                    step=1,
                    key=f"{key}_revision",
                    help="The level production rate is fixed for this many periods, then "
                    "revised to the forecast plus a share of the gap to the target stock.",
                )
            )
        if "production_capacity" in used:
            values["production_capacity"] = _optional_number(
                f"Production capacity (units/{period})",
                p.production_capacity,
                key=f"{key}_prod_cap",
                help="Largest level rate; empty = unlimited.",
            )
        if "levels" in used:
            values["levels"] = st.radio(
                "Levels",
                ["fixed", "follow_forecast"],
                index=["fixed", "follow_forecast"].index(p.levels),
                format_func={"fixed": "Fixed", "follow_forecast": "Follow the forecast"}.get,
                key=f"{key}_levels",
                horizontal=True,
                help="Fixed: reorder point and order-up-to level computed once from mean "
                "demand. Follow the forecast: recomputed each review from the current forecast "
                "(better for trends and seasons).",
            )
        if "vmi_min_cover" in used:
            values["vmi_min_cover"] = _optional_number(
                f"VMI minimum ({period}s of cover)",
                p.vmi_min_cover,
                key=f"{key}_vmi_min",
                help="The supplier ships when stock falls below this many periods of forecast "
                "demand; empty = the reorder point.",
            )
            values["vmi_max_cover"] = _optional_number(
                f"VMI maximum ({period}s of cover)",
                p.vmi_max_cover,
                key=f"{key}_vmi_max",
                help="…and fills up to this many periods of forecast demand; empty = reorder "
                "point + order quantity.",
            )
        lot = POLICY_BUFFER_FIELDS.get(kind, ()) if details else ()
        if lot:
            scenario = order_settings(scenario, key=key, fields=lot)
    if _wanted(fields, "lot") and "min_order_quantity" in available:
        values["min_order_quantity"] = float(
            st.number_input(
                "Minimum order quantity (units)",
                min_value=0.0,
                value=float(p.min_order_quantity),
                step=10.0,
                format="%g",
                key=f"{key}_moq",
                help="Orders below this are raised to it (MOQ); 0 = none.",
            )
        )
        values["order_multiple"] = float(
            st.number_input(
                "Order multiple (units)",
                min_value=0.0,
                value=float(p.order_multiple),
                step=1.0,
                format="%g",
                key=f"{key}_multiple",
                help="Orders are rounded up to a multiple of this, e.g. a case or pallet; "
                "0 = no rounding.",
            )
        )
    if _wanted(fields, "unmet_demand"):
        values["unmet_demand"] = st.radio(
            "Demand not served from stock is",
            ["backorder", "lost_sales"],
            index=["backorder", "lost_sales"].index(p.unmet_demand),
            format_func={"backorder": "Backordered", "lost_sales": "Lost"}.get,
            key=f"{key}_unmet",
            horizontal=True,
            help="Backordered: the customer waits and is served from the next receipt. Lost: "
            "the sale is gone (retail).",
        )
    return update_section(scenario, "policy", values)


def order_settings(
    scenario: Scenario, *, key: str, fields: Iterable[str] | None = None
) -> Scenario:
    """The lot: ``order_quantity`` (EOQ or a fixed quantity, for (s, Q) and min-max),
    ``container_size`` and ``kanban_cards`` (the kanban loop)."""
    fields = None if fields is None else tuple(fields)
    b = scenario.buffers
    values: dict[str, Any] = {}
    if _wanted(fields, "order_quantity"):
        values["order_quantity"] = st.radio(
            "Order quantity Q",
            ["eoq", "fixed"],
            index=["eoq", "fixed"].index(b.order_quantity),
            format_func={"eoq": "EOQ", "fixed": "Fixed"}.get,
            key=f"{key}_q_rule",
            horizontal=True,
            help="For reorder point (s, Q) and min-max. EOQ = √(2·annual demand·ordering "
            "cost / holding cost per unit-year): the lot that balances ordering and holding "
            "cost.",
        )
        if values["order_quantity"] == "fixed":
            values["fixed_order_quantity"] = float(
                st.number_input(
                    "Fixed order quantity (units)",
                    min_value=1.0,
                    value=float(b.fixed_order_quantity),
                    step=10.0,
                    format="%g",
                    key=f"{key}_fixed_q",
                )
            )
    if _wanted(fields, "container_size"):
        values["container_size"] = _optional_number(
            "Container size (units)",
            b.container_size,
            key=f"{key}_container",
            help="Units one kanban container holds; empty = one period's average demand.",
        )
    if _wanted(fields, "kanban_cards"):
        cards = st.number_input(
            "Kanban cards",
            min_value=1,
            max_value=10_000,
            value=b.kanban_cards,
            step=1,
            key=f"{key}_cards",
            placeholder="formula",
            help="Containers in the loop; empty = ⌈d·(L+R)·(1+α)/C⌉ per SKU.",
        )
        values["kanban_cards"] = None if cards is None else int(cards)
    return update_section(scenario, "buffers", values)


def supply_settings(
    scenario: Scenario,
    *,
    key: str,
    frequency: str,
    fields: Iterable[str] | None = None,
) -> Scenario:
    """The supplier: ``lead_time``, ``lead_time_sd``, ``slip_probability``, ``slip_periods``,
    ``yield_rate``, ``yield_sd``, ``capacity`` (``fields`` picks some, in this order)."""
    fields = None if fields is None else tuple(fields)
    s = scenario.supply
    period = period_word(frequency)
    values: dict[str, Any] = {}
    if _wanted(fields, "lead_time"):
        top = max(LEAD_TIME_MAX.get(frequency, 26), int(s.lead_time))
        values["lead_time"] = int(
            st.slider(
                f"Lead time L ({period}s)",
                min_value=0,
                max_value=top,
                value=int(s.lead_time),
                step=1,
                key=f"{key}_lead_time",
                help=f"{period.capitalize()}s from placing an order to receiving it. An order "
                f"placed at the end of {period} t arrives at the start of {period} t + L + 1 "
                "(L = 0: next period).",
            )
        )
    if _wanted(fields, "lead_time_sd"):
        values["lead_time_sd"] = float(
            st.number_input(
                f"Lead-time σ ({period}s)",
                min_value=0.0,
                max_value=52.0,
                value=float(s.lead_time_sd),
                step=0.5,
                key=f"{key}_lead_time_sd",
                help="Standard deviation of the lead time. Adds d²·σ_L² to the variance the "
                "safety stock covers.",
            )
        )
    if _wanted(fields, "slip_probability"):
        values["slip_probability"] = _fraction(
            st.slider(
                "Late deliveries (%)",
                min_value=0.0,
                max_value=100.0,
                value=_percent(s.slip_probability),
                step=1.0,
                format="%.0f %%",
                key=f"{key}_slip",
                help="Share of shipments that arrive late (supplier reliability).",
            )
        )
    if _wanted(fields, "slip_periods"):
        values["slip_periods"] = int(
            st.number_input(
                f"A late delivery is late by ({period}s)",
                min_value=0,
                max_value=52,
                value=int(s.slip_periods),
                step=1,
                key=f"{key}_slip_periods",
            )
        )
    if _wanted(fields, "yield_rate"):
        values["yield_rate"] = _fraction(
            st.slider(
                "Good share of receipts, yield (%)",
                min_value=50.0,
                max_value=100.0,
                value=max(_percent(s.yield_rate), 50.0),
                step=0.5,
                format="%.1f %%",
                key=f"{key}_yield",
                help="The rest of each receipt is defective and rejected at receipt.",
            )
        )
    if _wanted(fields, "yield_sd"):
        values["yield_sd"] = _fraction(
            st.number_input(
                "Yield σ (percentage points)",
                min_value=0.0,
                max_value=50.0,
                value=_percent(s.yield_sd),
                step=1.0,
                key=f"{key}_yield_sd",
                help="How much the good share varies from receipt to receipt.",
            )
        )
    if _wanted(fields, "capacity"):
        values["capacity"] = _optional_number(
            f"Supplier capacity (units/{period})",
            s.capacity,
            key=f"{key}_capacity",
            help="Units the supplier can ship per period; the rest waits. Empty = unlimited.",
        )
    return update_section(scenario, "supply", values)


def cost_settings(
    scenario: Scenario, *, key: str, frequency: str, fields: Iterable[str] | None = None
) -> Scenario:
    """Cost rates: ``unit_cost``, ``holding_rate`` (per year), ``ordering_cost``,
    ``shortage_cost``, ``defect_cost``, ``currency``."""
    fields = None if fields is None else tuple(fields)
    c = scenario.costs
    values: dict[str, Any] = {}
    money = c.currency
    if _wanted(fields, "unit_cost"):
        values["unit_cost"] = float(
            st.number_input(
                f"Unit cost ({money}/unit)",
                min_value=0.01,
                value=float(c.unit_cost),
                step=1.0,
                key=f"{key}_unit_cost",
                help="Purchase cost of one unit; holding cost is a share of it.",
            )
        )
    if _wanted(fields, "holding_rate"):
        values["holding_rate"] = _fraction(
            st.number_input(
                "Holding rate (%/year)",
                min_value=0.0,
                max_value=500.0,
                value=_percent(c.holding_rate),
                step=1.0,
                key=f"{key}_holding_rate",
                help="Holding cost per year as a % of the unit cost: capital, space, "
                "obsolescence; 20–30 % is common.",
            )
        )
    if _wanted(fields, "ordering_cost"):
        values["ordering_cost"] = float(
            st.number_input(
                f"Ordering cost ({money}/order)",
                min_value=0.0,
                value=float(c.ordering_cost),
                step=5.0,
                key=f"{key}_ordering_cost",
                help="Cost of placing and receiving one order (or one setup).",
            )
        )
    if _wanted(fields, "shortage_cost"):
        values["shortage_cost"] = float(
            st.number_input(
                f"Shortage cost ({money}/unit)",
                min_value=0.0,
                value=float(c.shortage_cost),
                step=1.0,
                key=f"{key}_shortage_cost",
                help="Penalty per unit not served from stock when demanded (backordered or lost).",
            )
        )
    if _wanted(fields, "defect_cost"):
        values["defect_cost"] = float(
            st.number_input(
                f"Defect cost ({money}/unit)",
                min_value=0.0,
                value=float(c.defect_cost),
                step=1.0,
                key=f"{key}_defect_cost",
                help="Cost per unit rejected at receipt (inspection, return, scrap).",
            )
        )
    if _wanted(fields, "currency"):
        values["currency"] = st.text_input(
            "Currency", value=c.currency, max_chars=8, key=f"{key}_currency"
        )
    return update_section(scenario, "costs", values)


def simulation_settings(
    scenario: Scenario, *, key: str, frequency: str, fields: Iterable[str] | None = None
) -> Scenario:
    """How the simulation runs: ``mode``, ``paths``, ``periods``, ``seed``, ``demand_model``,
    ``forecast_updating``, ``warmup_periods``."""
    fields = None if fields is None else tuple(fields)
    m = scenario.simulation
    period = period_word(frequency)
    values: dict[str, Any] = {}
    mode = m.mode
    if _wanted(fields, "mode"):
        modes = list(SIMULATION_MODES)
        mode = st.radio(
            "Simulate",
            modes,
            index=modes.index(m.mode),
            format_func=SIMULATION_MODES.__getitem__,
            key=f"{key}_mode",
            help="Monte Carlo: many possible futures drawn around the forecast; the chart shows "
            "the median and the P10–P90 band. Replay: what this policy would have done on the "
            "actual history.",
        )
        values["mode"] = mode
    if _wanted(fields, "paths"):
        choices = sorted({*PATH_CHOICES, int(m.paths)})
        values["paths"] = int(
            st.select_slider(
                "Paths",
                options=choices,
                value=int(m.paths),
                key=f"{key}_paths",
                help="Simulated futures per SKU (Monte Carlo) or supply draws (replay). More "
                "paths: steadier KPIs, slower.",
            )
        )
    if _wanted(fields, "periods") and mode == "monte_carlo":
        values["periods"] = _optional_number(
            f"Horizon ({period}s)",
            m.periods,
            key=f"{key}_periods",
            integer=True,
            help="Simulated periods; empty = one year.",
        )
    if _wanted(fields, "demand_model") and mode == "monte_carlo":
        models = list(DEMAND_MODELS)
        values["demand_model"] = st.selectbox(
            "Demand paths",
            models,
            index=models.index(m.demand_model),
            format_func=DEMAND_MODELS.__getitem__,
            key=f"{key}_demand_model",
            help="How simulated demand varies around the forecast. Automatic uses the "
            "intermittent model for items that sell only now and then.",
        )
    if _wanted(fields, "forecast_updating"):
        options = list(FORECAST_UPDATING)
        values["forecast_updating"] = st.selectbox(
            "The policy sees",
            options,
            index=options.index(m.forecast_updating),
            format_func=FORECAST_UPDATING.__getitem__,
            key=f"{key}_updating",
            help="Re-estimating the forecast from the demand as it happens makes orders chase "
            "demand (more bullwhip), as real planning does.",
        )
    if _wanted(fields, "warmup_periods"):
        values["warmup_periods"] = int(
            st.number_input(
                f"Warm-up ({period}s left out of the KPIs)",
                min_value=0,
                max_value=3660,
                value=int(m.warmup_periods),
                step=1,
                key=f"{key}_warmup",
            )
        )
    if _wanted(fields, "seed"):
        values["seed"] = int(
            st.number_input(
                "Random seed",
                min_value=0,
                value=int(m.seed),
                step=1,
                key=f"{key}_seed",
                help="Same seed, same result. Change it to see another set of futures.",
            )
        )
    return update_section(scenario, "simulation", values)


def _optional_number(
    label: str,
    value: float | None,
    *,
    key: str,
    help: str | None = None,
    integer: bool = False,
) -> float | int | None:
    """A number input that may be left empty (None = automatic / unlimited)."""
    if integer:
        got = st.number_input(
            label,
            min_value=1,
            value=None if value is None else int(value),
            step=1,
            key=key,
            placeholder="auto",
            help=help,
        )
        return None if got is None else int(got)
    got = st.number_input(
        label,
        min_value=0.0,
        value=None if value is None else float(value),
        step=1.0,
        key=key,
        placeholder="auto",
        help=help,
    )
    return None if got is None else float(got)


# --- describing differences ----------------------------------------------------------------------
LABELS: dict[str, str] = {
    "policy.kind": "policy",
    "policy.review_period": "review period",
    "policy.smoothing_periods": "POUT Ti",
    "policy.revision_periods": "heijunka revision",
    "policy.production_capacity": "production capacity",
    "policy.vmi_min_cover": "the VMI minimum cover",
    "policy.vmi_max_cover": "the VMI maximum cover",
    "policy.min_order_quantity": "MOQ",
    "policy.order_multiple": "order multiple",
    "policy.unmet_demand": "unmet demand",
    "policy.levels": "levels",
    "policy.correction": "lot-for-lot correction",
    "buffers.method": "safety stock method",
    "buffers.cycle_service_level": "cycle service level",
    "buffers.fill_rate": "fill rate target",
    "buffers.days_of_cover": "days of cover",
    "buffers.fixed_units": "fixed safety stock",
    "buffers.uncertainty": "uncertainty",
    "buffers.order_quantity": "order quantity rule",
    "buffers.fixed_order_quantity": "fixed order quantity",
    "buffers.container_size": "container size",
    "buffers.kanban_cards": "kanban cards",
    "supply.lead_time": "lead time",
    "supply.lead_time_sd": "lead-time σ",
    "supply.slip_probability": "late deliveries",
    "supply.slip_periods": "lateness",
    "supply.yield_rate": "yield",
    "supply.yield_sd": "yield σ",
    "supply.capacity": "supplier capacity",
    "costs.unit_cost": "unit cost",
    "costs.holding_rate": "holding rate",
    "costs.ordering_cost": "ordering cost",
    "costs.shortage_cost": "shortage cost",
    "costs.defect_cost": "defect cost",
    "simulation.mode": "simulation",
    "simulation.paths": "paths",
    "simulation.seed": "seed",
}


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in data.items():
        path = f"{prefix}{name}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{path}."))
        else:
            out[path] = value
    return out


def _show(path: str, value: Any) -> str:
    if value is None:
        return "auto"
    if path == "policy.kind":
        return POLICY_NAMES.get(value, str(value))
    if path in ("buffers.cycle_service_level", "buffers.fill_rate", "supply.slip_probability",
                "supply.yield_rate", "costs.holding_rate"):  # fmt: skip
        return f"{100 * value:.4g} %"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value).replace("_", " ")


def describe_changes(before: Scenario, after: Scenario, *, limit: int = 8) -> list[str]:
    """Plain ``"lead time 2 → 4"`` lines for the settings that differ (name excluded)."""
    old, new = _flatten(before.to_dict()), _flatten(after.to_dict())
    lines = []
    for path in new:
        if path == "name" or _same(old.get(path), new[path]):
            continue
        label = LABELS.get(path, path.replace("_", " "))
        lines.append(f"{label} {_show(path, old.get(path))} → {_show(path, new[path])}")
    if len(lines) > limit:
        lines = [*lines[:limit], f"and {len(lines) - limit} more"]
    return lines
