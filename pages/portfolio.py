"""Portfolio: every SKU at once under the working scenario. Totals, the spread of service and
cover, groups, exceptions, a drill into one SKU and per-SKU service targets. Thin: filters ->
cached run -> jitcore.portfolio -> views."""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from jitcore.portfolio import (
    ExceptionSettings,
    exceptions,
    portfolio_table,
    portfolio_totals,
    select,
)
from jitcore.tradeoffs.common import horizon_label, service_target, without_timelines
from jitcore.vocabulary import KPIS
from ui import cache, state
from ui.messages import show_error
from ui.views import portfolio as view


def main() -> None:
    st.title("Portfolio")
    st.caption(
        "Every SKU under the working scenario: totals, spread, groups, exceptions, and service "
        "targets per SKU that reach a portfolio fill rate at least cost."
    )
    data, scenario = state.demand(), state.scenario()
    try:
        with st.spinner(f"Simulating {len(data.skus):,} SKUs…"):
            # KPIs only: no per-period timelines of thousands of SKUs in memory
            result = cache.run(data, without_timelines(scenario))
    except JitError as exc:
        show_error(exc)
        return
    table = portfolio_table(result, cache.profile(data))
    selection = select(table, view.filters(table))
    currency = scenario.costs.currency
    view.totals(portfolio_totals(selection), len(table), currency, horizon_label(result))
    measure = KPIS[service_target(scenario)].label
    rules = ExceptionSettings()
    calibration = None
    overview, groups, flagged, targets = st.tabs(
        ["Spread", "Groups", "Exceptions", "Service targets"]
    )
    with overview:
        view.spread(selection, measure, rules.excess_cover_days)
    with groups:
        view.groups(selection, currency)
        view.skus(selection, currency)
    with flagged:
        if st.toggle("Add calibration flags (simulates every SKU in Monte Carlo and replay)",
                     key="_pf_calibrate"):  # fmt: skip
            try:
                calibration = cache.calibration(data, scenario)
            except JitError as exc:
                show_error(exc)
        found = exceptions(selection, rules, calibration)
        st.caption(
            f"Below target: more than {rules.below_target_points:g} points under the target; "
            f"excess stock: over {rules.excess_cover_days:,.0f} days of supply; slow mover: "
            f"under {rules.slow_turns:g} turns a year or no demand in "
            f"{rules.slow_zero_share:.0%} of periods."
        )
        view.exception_list(found)
        view.drill(selection, found)
    with targets:
        view.optimisation(data, scenario, measure, currency)


main()
