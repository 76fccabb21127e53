"""Plain-language names of the Scenario settings and a list of what changed between two."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from jitcore.policies import POLICY_NAMES
from jitcore.scenario import Scenario


def same(a: Any, b: Any) -> bool:
    """Equal, floats within rounding noise (1e-12)."""
    if isinstance(a, float) and isinstance(b, float | int) and not isinstance(b, bool):
        return math.isclose(a, float(b), rel_tol=1e-12, abs_tol=1e-12)
    return a == b


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
        if path == "name" or same(old.get(path), new[path]):
            continue
        label = LABELS.get(path, path.replace("_", " "))
        lines.append(f"{label} {_show(path, old.get(path))} → {_show(path, new[path])}")
    if len(lines) > limit:
        lines = [*lines[:limit], f"and {len(lines) - limit} more"]
    return lines
