"""JIT levers: the changes a just-in-time programme makes, each as a function on a scenario.

Levers (the amounts are :class:`LeverSettings`), in the order they are applied cumulatively
for the waterfall (:data:`LEVER_ORDER`):

1. ``setup_cost`` — ordering/setup cost −x % (faster changeovers, SMED): ``costs.ordering_cost``
   and every per-SKU ordering cost × (1 − x).
2. ``lead_time`` — lead time −k periods (never below 0), per-SKU lead times too.
3. ``lead_time_variability`` — lead-time standard deviation −x % and slip probability −x %
   (a more reliable supplier).
4. ``yield`` — good share of each receipt +x points (at most 100 %).
5. ``review_period`` — review stock every R periods instead of a longer interval (only when R
   is shorter than today's).
6. ``policy`` — switch the policy to kanban or JIT lot-for-lot.
7. ``smoothing`` — order smoothing with a proportional controller ``Ti`` (John, Naim & Towill
   1994; Disney & Towill 2003): lot-for-lot corrects ``1/Ti`` of the gap per period (its
   ``correction``), order-up-to becomes POUT with ``Ti`` (POUT changes its ``Ti``); kanban and
   heijunka level their orders already and (s, Q), min-max and VMI order in lots, so the lever
   leaves them alone.

The policy switch comes before smoothing so that "all levers" smooths the new policy. A lever
that cannot change a scenario (e.g. a shorter review period when it is already every period)
returns it unchanged and :func:`lever_change` says why.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from jitcore.formatting import short
from jitcore.policies import POLICY_NAMES, TRIGGER_POLICIES
from jitcore.scenario import Scenario
from jitcore.settings import Settings, share, whole

LeverName = Literal["setup_cost", "lead_time", "lead_time_variability", "yield", "review_period",
                    "policy", "smoothing"]  # fmt: skip

#: Order in which levers are applied cumulatively (the waterfall's steps).
LEVER_ORDER: tuple[LeverName, ...] = get_args(LeverName)

#: Plain names for charts and menus.
LEVER_LABELS: dict[str, str] = {
    "setup_cost": "Cheaper setups",
    "lead_time": "Shorter lead time",
    "lead_time_variability": "More reliable lead time",
    "yield": "Better yield",
    "review_period": "More frequent review",
    "policy": "Pull policy",
    "smoothing": "Order smoothing",
}

#: Policies the smoothing lever leaves alone: kanban and heijunka level their orders already;
#: (s, Q), min-max and VMI order in lots (smoothing them would mean ordering every period).
_UNSMOOTHED = TRIGGER_POLICIES | {"heijunka"}


class LeverSettings(Settings):
    """How far each lever goes, and which levers are on."""

    setup_cost_cut: float = share(
        0.5, "share cut from the ordering/setup cost, e.g. 0.5", high=0.99
    )
    lead_time_cut: int = whole(1, "periods cut from the lead time", low=0, high=104)
    lead_time_variability_cut: float = share(
        0.5, "share cut from the lead-time standard deviation and the slip probability"
    )
    yield_gain: float = share(0.02, "added good share of receipts, 0.02 = 2 points")
    review_period: int = whole(1, "the shorter review period (R)", low=1, high=365)
    policy: Literal["kanban", "lot_for_lot"] = Field(
        "kanban", description="the pull policy switched to"
    )
    smoothing_periods: float = Field(
        4.0, ge=1.0, le=100.0, description="order smoothing Ti in periods (1 = no smoothing)"
    )
    enabled: tuple[LeverName, ...] = Field(
        LEVER_ORDER, description="levers that are on (applied in the fixed order)"
    )

    def active(self) -> tuple[LeverName, ...]:
        """The enabled levers in :data:`LEVER_ORDER`."""
        return tuple(name for name in LEVER_ORDER if name in self.enabled)


def _overrides(data: dict, name: str, change) -> None:
    for item in data["sku_overrides"]:
        if item.get(name) is not None:
            item[name] = change(item[name])


def apply_lever(scenario: Scenario, lever: LeverName, settings: LeverSettings) -> Scenario:
    """``scenario`` with one lever pulled (see the module docstring for each rule)."""
    data = scenario.to_dict()
    supply, policy, costs = data["supply"], data["policy"], data["costs"]
    if lever == "setup_cost":
        keep = 1.0 - settings.setup_cost_cut
        costs["ordering_cost"] *= keep
        _overrides(data, "ordering_cost", lambda v: v * keep)
    elif lever == "lead_time":
        cut = settings.lead_time_cut
        supply["lead_time"] = max(supply["lead_time"] - cut, 0)
        _overrides(data, "lead_time", lambda v: max(v - cut, 0))
    elif lever == "lead_time_variability":
        keep = 1.0 - settings.lead_time_variability_cut
        supply["lead_time_sd"] *= keep
        supply["slip_probability"] *= keep
        _overrides(data, "lead_time_sd", lambda v: v * keep)
    elif lever == "yield":
        supply["yield_rate"] = min(supply["yield_rate"] + settings.yield_gain, 1.0)
    elif lever == "review_period":
        policy["review_period"] = min(policy["review_period"], settings.review_period)
    elif lever == "policy":
        policy["kind"] = settings.policy
    elif lever == "smoothing":
        kind = policy["kind"]
        if kind == "lot_for_lot":
            policy["correction"] = 1.0 / settings.smoothing_periods
        elif kind not in _UNSMOOTHED:
            policy["kind"] = "pout"
            policy["smoothing_periods"] = settings.smoothing_periods
    else:  # pragma: no cover - guarded by the Literal type
        raise ValueError(f"unknown lever {lever!r}")
    changed = Scenario.from_dict(data)
    return scenario if changed == scenario else changed


def apply_levers(
    scenario: Scenario, settings: LeverSettings, levers: tuple[LeverName, ...] | None = None
) -> Scenario:
    """Every enabled lever (or ``levers``) applied one after the other in :data:`LEVER_ORDER`."""
    chosen = settings.active() if levers is None else levers
    for name in LEVER_ORDER:
        if name in chosen:
            scenario = apply_lever(scenario, name, settings)
    return scenario


def lever_change(before: Scenario, after: Scenario, lever: LeverName) -> str:
    """What a lever changed, in words (e.g. "ordering cost $50 → $25 per order"), or why it
    changed nothing."""
    if before == after:
        reasons = {
            "setup_cost": "ordering cost is already zero or the cut is 0 %",
            "lead_time": "lead time is already 0 or the cut is 0 periods",
            "lead_time_variability": "the lead time is already reliable",
            "yield": "yield is already 100 %",
            "review_period": "stock is already reviewed this often",
            "policy": "already the pull policy",
            "smoothing": "Ti = 1, or the policy levels its orders already or orders in lots",
        }
        return f"no change ({reasons[lever]})"
    b, a = before, after
    currency = b.costs.currency
    if lever == "setup_cost":
        return (
            f"ordering cost {currency}{short(b.costs.ordering_cost)} → "
            f"{currency}{short(a.costs.ordering_cost)} per order"
        )
    if lever == "lead_time":
        return f"lead time {b.supply.lead_time} → {a.supply.lead_time} periods"
    if lever == "lead_time_variability":
        parts = []
        if b.supply.lead_time_sd != a.supply.lead_time_sd:
            parts.append(f"σ {short(b.supply.lead_time_sd)} → {short(a.supply.lead_time_sd)}")
        if b.supply.slip_probability != a.supply.slip_probability:
            parts.append(f"slips {b.supply.slip_probability:.0%} → {a.supply.slip_probability:.0%}")
        return "lead time " + ", ".join(parts) if parts else "per-SKU lead-time σ reduced"
    if lever == "yield":
        return f"yield {b.supply.yield_rate:.1%} → {a.supply.yield_rate:.1%}"
    if lever == "review_period":
        return f"review every {b.policy.review_period} → {a.policy.review_period} periods"
    if lever == "policy":
        return f"{POLICY_NAMES[b.policy.kind]} → {POLICY_NAMES[a.policy.kind]}"
    if a.policy.kind == "lot_for_lot":
        return f"lot-for-lot corrects {a.policy.correction:.0%} of the gap per period"
    ti = a.policy.smoothing_periods
    if b.policy.kind == "pout":
        return f"POUT Ti {b.policy.smoothing_periods:g} → {ti:g} periods"
    return f"{POLICY_NAMES[b.policy.kind]} → POUT with Ti = {ti:g} periods"
