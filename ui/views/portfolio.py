"""Views of the Portfolio page: filters with select-all, the totals, the spread of service and
cover, groups, exceptions, the drill into one SKU and the service-target optimisation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jitcore.charts.portfolio import (
    TARGET_SHARES,
    cover_histogram,
    group_view,
    service_histogram,
    sku_view,
    targets_view,
)
from jitcore.errors import JitError
from jitcore.formatting import money, percent
from jitcore.portfolio import (
    DIMENSIONS,
    PortfolioTotals,
    TargetSettings,
    group_table,
    optimise_targets,
    with_optimised_targets,
)
from jitcore.reports import targets_csv, targets_file_name
from jitcore.vocabulary import KPIS
from ui import cache, state
from ui.messages import show_error
from ui.state import Memory

KEY = "pf"
MEMORY = Memory("portfolio")
#: The dimensions offered as filters, in order.
FILTERS = ("abc_xyz", "demand_class", "category", "supplier")
_CHART = {"config": {"displayModeBar": False}, "width": "stretch"}


def _money_column(label: str, currency: str) -> st.column_config.NumberColumn:
    return st.column_config.NumberColumn(label, format=f"{currency}%,.0f")


def filters(table: pd.DataFrame) -> dict[str, list[str]]:
    """A multiselect per dimension (empty = all) and a button that selects every SKU."""
    columns = st.columns([1, 1, 1, 1, 0.8], vertical_alignment="bottom")
    with columns[-1]:
        if st.button("Select all", key=f"_{KEY}_all", icon=":material/select_all:",
                     help="Clear every filter, so every SKU is counted."):  # fmt: skip
            for name in FILTERS:
                MEMORY.set(name, [])
    chosen = {}
    for column, name in zip(columns, FILTERS, strict=False):
        options = sorted(table[name].astype(str).unique())
        kept = [v for v in MEMORY.get(name, []) if v in options]
        with column:
            chosen[name] = st.multiselect(
                DIMENSIONS[name], options, placeholder="All",
                **MEMORY.widget(f"_{KEY}_filter_{name}", kept, name=name),
            )  # fmt: skip
    return chosen


def totals(totals: PortfolioTotals, of: int, currency: str, horizon: str) -> None:
    """Four cards: SKUs, stock value, fill rate pooled by demand, total cost."""
    cards = st.columns(4)
    cards[0].metric("SKUs", f"{totals.skus:,} of {of:,}")
    cards[1].metric("Stock value", money(totals.stock_value, currency),
                    help="Average on hand × unit cost, summed over the SKUs.")  # fmt: skip
    cards[2].metric("Fill rate (pooled)", percent(totals.fill_rate),
                    help="1 − Σ units short / Σ units demanded: weighted by demand.")  # fmt: skip
    cards[3].metric(f"Total cost {horizon}", money(totals.total_cost, currency),
                    help=KPIS["total_cost"].label + ": holding + ordering + shortage + defects.")  # fmt: skip


def spread(table: pd.DataFrame, measure_label: str, excess_days: float) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{measure_label} per SKU**")
        st.plotly_chart(service_histogram(table, measure_label), key=f"_{KEY}_service", **_CHART)
    with right:
        st.markdown("**Cover per SKU** (average on hand / demand per day)")
        st.plotly_chart(cover_histogram(table, excess_days), key=f"_{KEY}_cover", **_CHART)


def groups(table: pd.DataFrame, currency: str) -> None:
    by = st.segmented_control(
        "Group by", list(DIMENSIONS), format_func=DIMENSIONS.get,
        **MEMORY.widget(f"_{KEY}_by", "abc_xyz", name="by", options=DIMENSIONS),
    ) or "abc_xyz"  # fmt: skip
    view = group_view(group_table(table, by), by)
    st.dataframe(
        view, hide_index=True, width="stretch",
        column_config={"Stock value": _money_column("Stock value", currency),
                       "Total cost": _money_column("Total cost", currency),
                       "Fill rate": st.column_config.NumberColumn("Fill rate", format="%.1f %%"),
                       "Units demanded": st.column_config.NumberColumn(format="%,.0f")},
    )  # fmt: skip


def skus(table: pd.DataFrame, currency: str) -> None:
    share = st.column_config.NumberColumn(format="%.1f %%")
    st.dataframe(
        sku_view(table), hide_index=True, width="stretch", height=300,
        column_config={"Target": share, "Achieved": share, "Fill rate": share,
                       "Stock value": _money_column("Stock value", currency),
                       "Total cost": _money_column("Total cost", currency),
                       "Days of supply": st.column_config.NumberColumn(format="%.0f"),
                       "Turns a year": st.column_config.NumberColumn(format="%.1f")},
    )  # fmt: skip


def exception_list(found: pd.DataFrame) -> None:
    if found.empty:
        st.success("No exceptions in this selection.")
        return
    view = found[["sku", "label", "detail"]].rename(
        columns={"sku": "SKU", "label": "Exception", "detail": "Why"}
    )
    st.dataframe(view, hide_index=True, width="stretch", height=260)


def drill(table: pd.DataFrame, found: pd.DataFrame) -> None:
    """Pick a SKU (exceptions first) and open it on Supply & demand."""
    order = list(dict.fromkeys([*found["sku"], *table["sku"]]))
    if not order:
        return
    current = state.selected_sku()
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    with left:
        sku = st.selectbox("Look into one SKU", order,
                           index=order.index(current) if current in order else 0,
                           key=f"_{KEY}_drill")  # fmt: skip
    with right:
        if st.button("Open in Supply & demand", key=f"_{KEY}_open", type="primary",
                     icon=":material/sync_alt:"):  # fmt: skip
            state.select_sku(sku)
            st.switch_page("pages/supply_demand.py")


def optimisation(data, scenario, measure_label: str, currency: str) -> None:
    """Per-SKU targets that reach a pooled fill rate (or fit a stock budget) at least cost."""
    st.caption(
        f"Each SKU's {measure_label.lower()} target from 50 % to 99.5 %: marginal analysis "
        "raises the targets where filled demand costs least, against one target for all."
    )
    goals = {
        "fill_rate": "Reach a pooled fill rate",
        "stock_budget": "Best fill rate within a stock budget",
    }
    left, right, go = st.columns([2.2, 1.2, 1], vertical_alignment="bottom")
    with left:
        goal = st.radio("Goal", list(goals), format_func=goals.get, horizontal=True,
                        **MEMORY.widget(f"_{KEY}_goal", "fill_rate", name="goal", options=goals))  # fmt: skip
    with right:
        if goal == "fill_rate":
            value = st.number_input("Pooled fill rate (%)", 50.0, 99.9, step=0.5,
                                    **MEMORY.widget(f"_{KEY}_fill", 98.0, name="fill"))  # fmt: skip
            settings = TargetSettings(fill_rate=value / 100.0)
        else:
            value = st.number_input(f"Stock budget ({currency})", 1.0, step=1000.0,
                                    **MEMORY.widget(f"_{KEY}_budget", 10000.0, name="budget"))  # fmt: skip
            settings = TargetSettings(goal="stock_budget", stock_budget=value)
    with go:
        run = st.button("Optimise targets", key=f"_{KEY}_optimise", icon=":material/tune:")
    if run:
        MEMORY.set("asked", True)
    if not MEMORY.get("asked"):
        return
    try:
        with st.spinner("Sweeping every SKU's target…"):
            frontiers = cache.target_frontiers(data, scenario, TargetSettings())
        plan = optimise_targets(frontiers, settings)
    except JitError as exc:
        show_error(exc)
        return
    best, one = plan.optimised, plan.one_target
    cards = st.columns(4)
    cards[0].metric("Fill rate, own targets", percent(best["fill_rate"]))
    cards[1].metric("Total cost, own targets", money(best["total_cost"], currency))
    if one is not None:
        cards[2].metric(f"One target for all ({percent(plan.uniform_target)})",
                        money(one["total_cost"], currency),
                        delta=f"fill rate {percent(one['fill_rate'])}", delta_color="off")  # fmt: skip
        stock = best["stock_value"] - one["stock_value"]
        # the sign first (ASCII), so the arrow follows it; less stock shows green
        change = f"{'-' if stock < 0 else '+'}{money(abs(stock), currency)} stock"
        cards[3].metric("Saving", money(plan.saving, currency), delta=change,
                        delta_color="inverse")  # fmt: skip
    for note in plan.notes:
        st.caption(note)
    share = st.column_config.NumberColumn(format="%.1f %%")
    config = {name: share for name in TARGET_SHARES}
    config.update({name: _money_column(name, currency) for name in (
        "Stock value", "Total cost", "Stock value, one target", "Total cost, one target")})  # fmt: skip
    st.dataframe(targets_view(plan.frame()), hide_index=True, width="stretch", height=240,
                 column_config=config)  # fmt: skip
    left, right = st.columns(2)
    left.download_button("Download the targets (CSV)", targets_csv(plan),
                         file_name=targets_file_name(data.name), mime="text/csv",
                         key=f"_{KEY}_targets_csv", icon=":material/download:")  # fmt: skip
    if right.button("Use these targets in the scenario", key=f"_{KEY}_apply"):
        state.set_scenario(with_optimised_targets(scenario, plan))
        st.rerun()
