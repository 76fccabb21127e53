"""Baseline vs what-if: the KPI table with verdicts, the cost parts side by side and both
frontiers; buttons to save a baseline or start a 'today vs JIT' workshop."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jitcore.charts.tradeoffs import comparison_cost_figure, frontier_overlay_figure
from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.scenario import Scenario, default_scenario
from jitcore.tradeoffs import Comparison, FrontierSettings, service_target, workshop_presets
from jitcore.tradeoffs import reading as rd
from ui import cache, library, state
from ui.format import table_change, table_value
from ui.messages import show_error
from ui.views.tradeoffs.common import chart, read

KEY_FLASH = "_to_workshop_problem"
TONES = {"better": "background-color: #d9f2e6", "worse": "background-color: #fbe0d4"}


def _save_baseline() -> None:
    state.set_baseline(state.scenario().model_copy(update={"name": "Baseline"}))


def _workshop() -> None:
    # From the defaults, never from what is in force: pressing it twice gives the same pair.
    today, jit = workshop_presets(default_scenario())
    try:
        library.save_as(today.name, today)
        library.save_as(jit.name, jit)
    except JitError as exc:
        st.session_state[KEY_FLASH] = exc
    state.set_baseline(today)
    state.set_scenario(jit)


def _buttons() -> None:
    a, b, c = st.columns(3)
    a.button("Save current settings as baseline", on_click=_save_baseline)
    b.button(
        "Start a 'today vs JIT' workshop",
        on_click=_workshop,
        help="Both start from the default settings: baseline = a typical today (reorder "
        "point with EOQ lots, lead time ≥ 4 periods with σ ≥ 1, 10 % slips, 97 % yield); "
        "working settings = the same with every JIT lever: setups −75 %, lead time halved, "
        "lead-time σ and slips −75 %, yield +2 points, review every period, kanban. Both are "
        "saved to the scenario library as 'Today' and 'JIT'; replaces your working settings.",
    )
    c.button("Clear the baseline", on_click=state.set_baseline, args=(None,))
    problem = st.session_state.pop(KEY_FLASH, None)
    if problem is not None:
        show_error(problem)


def _table(comparison: Comparison, baseline: Scenario, whatif: Scenario) -> pd.DataFrame:
    currency = whatif.costs.currency
    table = comparison.table()
    units = table["unit"]
    return pd.DataFrame(
        {
            "KPI": table["label"],
            f"Baseline ({baseline.name})": [
                table_value(v, u, currency) for v, u in zip(table["baseline"], units, strict=True)
            ],
            f"What-if ({whatif.name})": [
                table_value(v, u, currency) for v, u in zip(table["whatif"], units, strict=True)
            ],
            "Change": [
                table_change(ch, u, currency) for ch, u in zip(table["change"], units, strict=True)
            ],
            "Verdict": [
                "better" if v is True else "worse" if v is False else "" for v in table["better"]
            ],
        }
    )


def compare_view(data: DemandData, scenario: Scenario, skus: tuple[str, ...]) -> None:
    _buttons()
    st.page_link(
        "pages/compare.py",
        label="Three or four scenarios, or what makes the difference step by step: Compare",
        icon=":material/compare_arrows:",
    )
    baseline = state.baseline()
    if baseline is None:
        st.info(
            "No baseline saved yet. Save your current settings as the baseline, change "
            "settings here or on other pages, and come back to compare."
        )
        return
    with st.spinner("Simulating both…"):
        comparison = cache.comparison(data, baseline, scenario, skus)
    read(rd.read_comparison(comparison))
    shown = _table(comparison, baseline, scenario)
    st.dataframe(
        shown.style.apply(lambda row: [TONES.get(row["Verdict"], "")] * len(row), axis=1),
        hide_index=True,
        width="stretch",
        height=35 * (len(shown) + 1) + 3,
    )
    left, right = st.columns(2)
    with left:
        chart(comparison_cost_figure(comparison, height=480), "_to_cmp_cost")
    with right:
        settings = FrontierSettings(target=service_target(scenario), points=20)
        names = (baseline.name, scenario.name)
        if names[0] == names[1]:
            names = ("Baseline", "What-if")
        fronts = {
            name: cache.frontier(data, value, settings, skus)
            for name, value in zip(names, (baseline, scenario), strict=True)
        }
        chart(frontier_overlay_figure(fronts, height=480), "_to_cmp_frontier")
