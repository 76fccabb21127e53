"""The 'today vs JIT' workshop preset: a typical traditional set-up and its JIT counterpart.

:func:`today_preset` keeps the scenario's data, forecast, buffer target, costs and simulation
settings and sets a typical traditional supply and policy (:data:`TODAY`): a reorder point
with EOQ lots, a lead time of at least 4 periods with σ at least 1 period, 10 % of shipments
slipping a period, and 97 % yield — each only where the scenario is leaner already.

:func:`jit_preset` pulls every JIT lever on a scenario with the amounts of :func:`jit_levers`:
setup cost −75 % (SMED), lead time halved (rounded up to whole periods cut), lead-time σ and
slips −75 %, yield +2 points, review every period, kanban. A consultant can start a workshop
from ``today_preset(s)`` as the baseline and ``jit_preset(today_preset(s))`` as the what-if,
then move each lever back and forth.
"""

from __future__ import annotations

import math

from jitcore.scenario import Scenario
from jitcore.tradeoffs.levers import LEVER_ORDER, LeverSettings, apply_levers

#: The traditional set-up of :func:`today_preset` (minimums and maximums, see there).
TODAY: dict[str, object] = {
    "policy.kind": "reorder_point",
    "buffers.order_quantity": "eoq",
    "supply.lead_time (at least)": 4,
    "supply.lead_time_sd (at least)": 1.0,
    "supply.slip_probability (at least)": 0.1,
    "supply.yield_rate (at most)": 0.97,
}

#: Lever amounts of the JIT preset (see :class:`~jitcore.tradeoffs.levers.LeverSettings`).
JIT_SETUP_CUT = 0.75
JIT_VARIABILITY_CUT = 0.75
JIT_YIELD_GAIN = 0.02


def today_preset(scenario: Scenario) -> Scenario:
    """A typical 'today': reorder point (s, Q) with EOQ lots, lead time ≥ 4 periods with
    σ ≥ 1, 10 % slips of one period, yield ≤ 97 %; everything else as in ``scenario``."""
    data = scenario.to_dict()
    data["name"] = "Today"
    data["policy"]["kind"] = "reorder_point"
    data["buffers"]["order_quantity"] = "eoq"
    supply = data["supply"]
    supply["lead_time"] = max(supply["lead_time"], 4)
    supply["lead_time_sd"] = max(supply["lead_time_sd"], 1.0)
    supply["slip_probability"] = max(supply["slip_probability"], 0.1)
    supply["slip_periods"] = max(supply["slip_periods"], 1)
    supply["yield_rate"] = min(supply["yield_rate"], 0.97)
    return Scenario.from_dict(data)


def jit_levers(scenario: Scenario) -> LeverSettings:
    """The JIT preset's lever amounts for ``scenario`` (the lead-time cut depends on it)."""
    return LeverSettings(
        setup_cost_cut=JIT_SETUP_CUT,
        lead_time_cut=math.ceil(scenario.supply.lead_time / 2),
        lead_time_variability_cut=JIT_VARIABILITY_CUT,
        yield_gain=JIT_YIELD_GAIN,
        review_period=1,
        policy="kanban",
        smoothing_periods=4.0,
        enabled=LEVER_ORDER,
    )


def jit_preset(scenario: Scenario) -> Scenario:
    """``scenario`` with every JIT lever pulled by :func:`jit_levers`, named "JIT"."""
    changed = apply_levers(scenario, jit_levers(scenario))
    return changed.model_copy(update={"name": "JIT"})


def workshop_presets(scenario: Scenario) -> tuple[Scenario, Scenario]:
    """``(today, jit)``: the baseline and the what-if a workshop starts from."""
    today = today_preset(scenario)
    return today, jit_preset(today)
