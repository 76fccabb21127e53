"""The controls above every Trade-offs view: which SKUs are analysed, and the service target."""

from __future__ import annotations

import streamlit as st

from jitcore.demand import DemandData
from jitcore.formatting import plain
from jitcore.scenario import Scenario
from jitcore.tradeoffs import service_target, target_value, with_target
from jitcore.vocabulary import SERVICE_TARGETS
from ui import state
from ui.views.tradeoffs.common import PREFS


def scope(data: DemandData) -> tuple[str, ...]:
    """The SKUs analysed: the selected SKU, or a group."""
    sku = state.selected_sku()
    if not set(PREFS.get("_to_group", [])) <= set(data.skus):
        PREFS.set("_to_group", list(data.skus[:12]))
    chosen = st.radio(
        "Analyse",
        ["sku", "group"],
        format_func=lambda v: f"This SKU ({plain(sku)})" if v == "sku" else "A group of SKUs",
        horizontal=True,
        help="A group adds up the costs of its SKUs and pools their service (weighted by demand).",
        **PREFS.widget("_to_scope", "sku"),
    )
    if chosen != "group":
        return (sku,)
    group = st.multiselect(
        "SKUs in the group (type to filter)",
        list(data.skus),
        **PREFS.widget("_to_group", list(data.skus[:12])),
    )
    # whole assortments: every SKU in one click, or start again from none
    every, none, count = st.columns([1, 1, 2.5], vertical_alignment="center")
    every.button(
        "All",
        key="_to_group_all",
        on_click=lambda: PREFS.set("_to_group", list(data.skus)),
        help=f"Put all {len(data.skus):,} SKUs in the group.",
        width="stretch",
    )
    none.button(
        "None",
        key="_to_group_none",
        on_click=lambda: PREFS.set("_to_group", []),
        help="Empty the group, then pick SKUs (type to filter the list).",
        width="stretch",
    )
    count.caption(f"{len(group):,} of {len(data.skus):,} SKUs")
    return tuple(s for s in data.skus if s in group) or (sku,)


def _on_target() -> None:
    scenario = state.scenario()
    value = st.session_state["_to_target"] / 100.0
    state.set_scenario(with_target(scenario, service_target(scenario), value))


def target_slider(scenario: Scenario) -> None:
    """The service target of the working scenario (moving it changes it on every page)."""
    target = service_target(scenario)
    own = target_value(scenario, target)
    state.sync("_to_target", round(100 * (own if own is not None else 0.95), 1))
    st.slider(
        f"{SERVICE_TARGETS[target]} target (%)",
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
