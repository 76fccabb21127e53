"""Views of the Plan page: the settings in four boxes, the buffer table with the selected SKU
highlighted, the formulas with that SKU's numbers, and its EOQ curve."""

from __future__ import annotations

import streamlit as st

from jitcore.buffers import BufferTable
from jitcore.calibration import service_target
from jitcore.charts.plan import (
    COLUMNS,
    INTEGER_COLUMNS,
    PERCENT_COLUMNS,
    TEXT_COLUMNS,
    column_help,
    column_label,
    eoq_figure,
    plan_table,
)
from jitcore.charts.plan import formulas as plan_formulas
from jitcore.errors import JitError
from jitcore.formatting import plain
from jitcore.pipeline import supply_terms
from jitcore.policies import POLICY_NAMES
from jitcore.scenario import Scenario
from ui import cache, widgets
from ui.messages import show_error

KEY = "plan"


def settings(scenario: Scenario, frequency: str) -> Scenario:
    columns = st.columns(4, gap="small")
    titles = ("Safety stock", "Supply and review", "Costs", "Lot size and kanban")
    boxes = []
    for column, title in zip(columns, titles, strict=True):
        box = column.container(border=True)
        box.markdown(f"**{title}**")
        boxes.append(box)
    with boxes[0]:
        new = widgets.buffer_settings(scenario, key=KEY, frequency=frequency)
    with boxes[1]:
        new = widgets.supply_settings(new, key=KEY, frequency=frequency,
                                 fields=("lead_time", "lead_time_sd"))  # fmt: skip
        new = widgets.policy_settings(new, key=KEY, frequency=frequency,
                                 fields=("review_period", "revision_periods"))  # fmt: skip
        st.caption(
            f"Policy: **{POLICY_NAMES[new.policy.kind]}** (change it on the Supply & demand page)."
        )
    with boxes[2]:
        new = widgets.cost_settings(new, key=KEY, frequency=frequency,
                               fields=("unit_cost", "holding_rate", "ordering_cost",
                                       "shortage_cost"))  # fmt: skip
    with boxes[3]:
        new = widgets.order_settings(new, key=KEY)
    return new


def table(table: BufferTable, frequency: str, sku: str) -> None:
    frame = plan_table(table, frequency)
    formats = {}
    for name in table.frame().columns:
        if name not in COLUMNS or name in TEXT_COLUMNS:
            continue
        label = column_label(name, frequency)
        if name in PERCENT_COLUMNS:
            formats[label] = "{:.1f} %"
        elif name in INTEGER_COLUMNS:
            formats[label] = "{:,.0f}"
        elif name == "safety_factor":
            formats[label] = "{:.2f}"
        else:
            formats[label] = "{:,.1f}"
    rows = list(table.skus)
    selected = rows.index(sku) if sku in rows else None

    def highlight(row):
        style = "background-color: rgba(0,114,178,0.14); font-weight: bold"
        return [style if row.name == selected else ""] * len(row)

    st.dataframe(
        frame.style.format(formats, na_rep="–").apply(highlight, axis=1),
        hide_index=True,
        width="stretch",
        column_config={
            label: st.column_config.Column(help=text, pinned=label == "SKU")
            for label, text in column_help(frequency).items()
        },
        key=f"{KEY}_table",
    )


def formulas(table: BufferTable, scenario: Scenario, sku: str, frequency: str) -> None:
    buffer = table.get(sku)
    terms = supply_terms(scenario, sku, frequency)
    override = scenario.override_for(sku)
    with st.expander(f"Show formulas, with the numbers of {plain(sku)}"):
        st.caption(
            "d: average demand per period; σ_d: its standard deviation; L: lead time; σ_L: its "
            "standard deviation; R: review period (all in periods of the data); k: safety "
            "factor; Φ: standard normal distribution. An order placed at the end of a period "
            "with lead time L arrives at the start of the period L + 1 later, so stock must "
            "cover L + R periods of demand."
        )
        for item in plan_formulas(
            buffer,
            scenario.buffers,
            frequency=frequency,
            ordering_cost=terms.ordering_cost,
            policy_kind=scenario.policy.kind,
            fixed_safety_stock=override is not None and override.safety_stock is not None,
        ):
            st.markdown(f"**{item.title}**")
            st.latex(item.general)
            st.latex(item.numbers)
            st.caption(f"Source: {item.source}")


def order_quantity(table: BufferTable, scenario: Scenario, sku: str, frequency: str) -> None:
    """The EOQ curve of ``sku`` and what it says, or why there is none."""
    st.subheader(f"Order quantity for {plain(sku)}")
    buffer = table.get(sku)
    if buffer.annual_demand > 0 and buffer.holding_cost_per_unit_year > 0:
        left, right = st.columns([3, 2])
        terms = supply_terms(scenario, sku, frequency)
        left.plotly_chart(
            eoq_figure(buffer, ordering_cost=terms.ordering_cost, currency=scenario.costs.currency),
            theme=None,
            width="stretch",
            key=f"{KEY}_eoq",
        )
        right.markdown(
            f"Ordering **{buffer.eoq:,.0f} units** at a time balances the cost of placing "
            f"{buffer.annual_demand / max(buffer.eoq, 1e-9):,.1f} orders a year against the cost "
            f"of holding on average {buffer.eoq / 2:,.0f} units of cycle stock.\n\n"
            "The total cost curve is flat near its minimum: ordering 20 % more or less than the "
            "EOQ costs only about 2 % more a year, so a convenient pack size near the EOQ "
            "loses little."
        )
    else:
        st.caption("No EOQ: this SKU has no demand or no holding cost.")


def calibration(data, scenario: Scenario, sku: str) -> None:
    """Does the plan deliver what it promises? Target against what Monte Carlo and the honest
    replay of history achieve, per SKU, on request (it simulates every SKU twice)."""
    st.subheader("Does the plan deliver what it promises?")
    target = service_target(scenario)
    if target is None:
        st.caption(
            "Calibration compares a service target with what the simulation achieves; safety "
            "stock in days of cover or fixed units sets no target."
        )
        return
    name = "cycle service level" if target.measure == "cycle_service_level" else "fill rate"
    st.caption(
        f"Target: {name} {target.value:.0%}. Monte Carlo draws demand from each SKU's demand "
        "model (the one its safety stock is sized for); replay runs the actual history, planned "
        "each period with the data known then. ⚑: more than 3 points off the target."
    )
    if not st.toggle("Check calibration", key=f"{KEY}_calibrate"):
        return
    try:
        table = cache.calibration(data, scenario)
    except JitError as exc:
        show_error(exc)
        return
    frame = table.view()
    percent = {c: "{:.1%}" for c in ("Monte Carlo", "Replay") if c in frame.columns}
    points = {c: "{:+.1f} pts" for c in ("MC gap", "Replay gap") if c in frame.columns}
    rows = list(frame["SKU"])
    selected = rows.index(sku) if sku in rows else None

    def highlight(row):
        style = "background-color: rgba(0,114,178,0.14); font-weight: bold"
        return [style if row.name == selected else ""] * len(row)

    st.dataframe(
        frame.style.format({**percent, **points}, na_rep="–").apply(highlight, axis=1),
        hide_index=True,
        width="stretch",
        key=f"{KEY}_calibration",
    )
    summary = table.summary()
    if not summary.empty:
        lines = [
            f"{'Monte Carlo' if r['mode'] == 'monte_carlo' else 'Replay'}, {r['demand_class']} "
            f"({r['items']}): median {r['median_achieved']:.1%}, "
            f"{r['share_reaching']:.0%} at or above target − 5 points"
            for r in summary.to_dict("records")
            if r["median_achieved"] == r["median_achieved"]
        ]
        st.caption(" · ".join(lines))
