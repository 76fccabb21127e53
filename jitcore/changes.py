"""Plain-language names of the Scenario settings and what changed between two scenarios: as
sentences for the app (:func:`describe_changes`) and as rows for reports
(:func:`setting_changes`)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
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
    "forecast.method": "forecast method",
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


@dataclass(frozen=True)
class SettingChange:
    """One setting that differs: its path (``supply.lead_time``), plain label and both values
    as people read them (``auto`` for an empty setting)."""

    setting: str
    label: str
    before: str
    after: str

    def sentence(self) -> str:
        """``lead time 2 → 4``."""
        return f"{self.label} {self.before} → {self.after}"


def setting_label(path: str) -> str:
    """The plain name of a setting path (``lead time``); an unknown path spelled out."""
    return LABELS.get(path, path.replace("_", " "))


def setting_text(path: str, value: Any) -> str:
    """A setting's value as people read it: ``95 %``, ``order-up-to``, ``auto``."""
    return _show(path, value)


def flat_settings(scenario: Scenario) -> dict[str, Any]:
    """Every setting of ``scenario`` by its dotted path (``supply.lead_time``), name included."""
    return _flatten(scenario.to_dict())


def setting_changes(before: Scenario, after: Scenario) -> list[SettingChange]:
    """Every setting that differs between ``before`` and ``after`` (the names are not
    compared), in the scenario's order."""
    old, new = flat_settings(before), flat_settings(after)
    return [
        SettingChange(path, setting_label(path), _show(path, old.get(path)), _show(path, value))
        for path, value in new.items()
        if path != "name" and not same(old.get(path), value)
    ]


def describe_changes(before: Scenario, after: Scenario, *, limit: int = 8) -> list[str]:
    """Plain ``"lead time 2 → 4"`` lines for the settings that differ (name excluded)."""
    lines = [change.sentence() for change in setting_changes(before, after)]
    if len(lines) > limit:
        lines = [*lines[:limit], f"and {len(lines) - limit} more"]
    return lines
