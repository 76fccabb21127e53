"""One function per Scenario section: draws that section's widgets (from the table in
:mod:`ui.widgets.fields`) and returns the scenario with the section updated."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

import streamlit as st

from jitcore.scenario import Scenario
from ui.widgets.fields import POLICY_BUFFER_FIELDS, POLICY_FIELDS, POLICY_HELP
from ui.widgets.render import render_fields, update_section

#: The method each safety-stock target belongs to.
BUFFER_TARGETS: dict[str, str] = {
    "service_level": "cycle_service_level",
    "fill_rate": "fill_rate",
    "days_of_cover": "days_of_cover",
    "fixed_units": "fixed_units",
}
#: The policy's own settings, in the order they are drawn (the VMI maximum follows the minimum).
POLICY_DETAILS: tuple[str, ...] = ("review_period", "smoothing_periods", "correction",
                                   "revision_periods", "production_capacity", "levels",
                                   "vmi_min_cover")  # fmt: skip
SUPPLY: tuple[str, ...] = ("lead_time", "lead_time_sd", "slip_probability", "slip_periods",
                           "yield_rate", "yield_sd", "capacity")  # fmt: skip
COSTS: tuple[str, ...] = ("unit_cost", "holding_rate", "ordering_cost", "shortage_cost",
                          "defect_cost", "currency")  # fmt: skip


def _pick(fields: Iterable[str] | None, names: Iterable[str]) -> list[str]:
    """``names`` (in their order) that ``fields`` asks for; all of them for None."""
    chosen = None if fields is None else set(fields)
    return [n for n in names if chosen is None or n in chosen]


def buffer_settings(
    scenario: Scenario, *, key: str, frequency: str, fields: Iterable[str] | None = None
) -> Scenario:
    """Safety stock: ``method`` with its ``target`` (cycle service level, fill rate, days of
    cover or fixed units) and the ``uncertainty`` source."""
    draw = partial(render_fields, scenario, "buffers", key=key, frequency=frequency)
    values: dict[str, Any] = draw(_pick(fields, ["method"]))
    method = values.get("method", scenario.buffers.method)
    values |= draw([BUFFER_TARGETS[method]] if _pick(fields, ["target"]) else [])
    if method in ("service_level", "fill_rate"):
        values |= draw(_pick(fields, ["uncertainty"]))
    return update_section(scenario, "buffers", values)


def policy_settings(
    scenario: Scenario, *, key: str, frequency: str, fields: Iterable[str] | None = None
) -> Scenario:
    """The replenishment policy and only the settings that policy uses (review period, POUT
    Ti, heijunka revision and capacity, VMI covers, kanban loop, order quantity, MOQ, order
    multiple), then backorders vs lost sales. ``fields`` restricts to some of ``kind``,
    ``details`` (the policy's own settings and its lot), single settings by name (e.g.
    ``review_period``), ``lot`` (MOQ, multiple) and ``unmet_demand``."""
    fields = None if fields is None else tuple(fields)
    draw = partial(render_fields, scenario, "policy", key=key, frequency=frequency)
    values: dict[str, Any] = draw(_pick(fields, ["kind"]))
    kind = values.get("kind", scenario.policy.kind)
    if "kind" in values:
        st.caption(POLICY_HELP[kind])
    available = POLICY_FIELDS[kind]
    details = bool(_pick(fields, ["details"]))
    # the policy's own settings, or single ones by name, e.g. fields=("kind", "review_period")
    used = _pick(None if details else fields, [n for n in POLICY_DETAILS if n in available])
    values |= draw(used + ["vmi_max_cover"] * ("vmi_min_cover" in used))
    if details and kind in POLICY_BUFFER_FIELDS:
        scenario = order_settings(scenario, key=key, fields=POLICY_BUFFER_FIELDS[kind])
    if "min_order_quantity" in available:
        values |= draw(["min_order_quantity", "order_multiple"] * bool(_pick(fields, ["lot"])))
    values |= draw(_pick(fields, ["unmet_demand"]))
    return update_section(scenario, "policy", values)


def order_settings(
    scenario: Scenario, *, key: str, fields: Iterable[str] | None = None
) -> Scenario:
    """The lot: ``order_quantity`` (EOQ or a fixed quantity, for (s, Q) and min-max),
    ``container_size`` and ``kanban_cards`` (the kanban loop)."""
    fields = None if fields is None else tuple(fields)
    draw = partial(render_fields, scenario, "buffers", key=key, frequency="")
    values: dict[str, Any] = draw(_pick(fields, ["order_quantity"]))
    if values.get("order_quantity") == "fixed":
        values |= draw(["fixed_order_quantity"])
    values |= draw(_pick(fields, ["container_size", "kanban_cards"]))
    return update_section(scenario, "buffers", values)


def supply_settings(
    scenario: Scenario, *, key: str, frequency: str, fields: Iterable[str] | None = None
) -> Scenario:
    """The supplier: ``lead_time``, ``lead_time_sd``, ``slip_probability``, ``slip_periods``,
    ``yield_rate``, ``yield_sd``, ``capacity`` (``fields`` picks some, in this order)."""
    values = render_fields(scenario, "supply", _pick(fields, SUPPLY), key=key, frequency=frequency)
    return update_section(scenario, "supply", values)


def cost_settings(
    scenario: Scenario, *, key: str, frequency: str, fields: Iterable[str] | None = None
) -> Scenario:
    """Cost rates: ``unit_cost``, ``holding_rate`` (per year), ``ordering_cost``,
    ``shortage_cost``, ``defect_cost``, ``currency``."""
    values = render_fields(scenario, "costs", _pick(fields, COSTS), key=key, frequency=frequency)
    return update_section(scenario, "costs", values)


def simulation_settings(
    scenario: Scenario, *, key: str, frequency: str, fields: Iterable[str] | None = None
) -> Scenario:
    """How the simulation runs: ``mode``, ``paths``, ``periods``, ``seed``, ``demand_model``,
    ``forecast_updating``, ``warmup_periods``."""
    fields = None if fields is None else tuple(fields)
    draw = partial(render_fields, scenario, "simulation", key=key, frequency=frequency)
    values: dict[str, Any] = draw(_pick(fields, ["mode"]))
    values |= draw(_pick(fields, ["paths"]))
    if values.get("mode", scenario.simulation.mode) == "monte_carlo":
        values |= draw(_pick(fields, ["periods", "demand_model"]))
    values |= draw(_pick(fields, ["forecast_updating", "warmup_periods", "seed"]))
    return update_section(scenario, "simulation", values)
