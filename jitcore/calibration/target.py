"""The service a buffer plan promises: which measure, its value, and how far off counts as a miss."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jitcore.pipeline.build import buffer_settings
from jitcore.scenario import Scenario

ServiceMeasure = Literal["cycle_service_level", "fill_rate"]
SimulationMode = Literal["monte_carlo", "replay"]

#: A SKU whose achieved service is further than this from its target (percentage points) is
#: flagged.
FLAG_POINTS = 3.0
#: The summary counts items within this many points of the target (either side), and items at
#: or above target − this many points.
SUMMARY_POINTS = 5.0


@dataclass(frozen=True)
class ServiceTarget:
    """The service the buffers are sized for: which measure and its value (a share, 0–1)."""

    measure: ServiceMeasure
    value: float

    def to_dict(self) -> dict[str, float | str]:
        return {"measure": self.measure, "value": self.value}


def service_target(scenario: Scenario) -> ServiceTarget | None:
    """The scenario's service target, or None when safety stock is set in days of cover or
    fixed units (then no service level is promised)."""
    buffers = scenario.buffers
    if buffers.method == "service_level":
        return ServiceTarget("cycle_service_level", buffers.cycle_service_level)
    if buffers.method == "fill_rate":
        return ServiceTarget("fill_rate", buffers.fill_rate)
    return None


def sku_service_target(scenario: Scenario, sku: str) -> ServiceTarget | None:
    """The service target of one SKU: its own (``sku_overrides``: from an item master or the
    service-target optimisation) where it has one, else the scenario's."""
    return service_target(scenario.model_copy(update={"buffers": buffer_settings(scenario, sku)}))
