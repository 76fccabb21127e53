"""Costs: settings and the cost of a simulated run, per lane.

Holding cost is charged on end-of-period on hand: ``h = unit_cost × holding_rate /
periods_per_year`` per unit per period (``holding_rate`` is the annual carrying rate, e.g. 0.25
= 25 % of the unit cost per year; SPT ch. 4). Ordering cost is charged per order placed (a setup
for heijunka, a card batch for kanban, a shipment for VMI); shortage cost per unit short in the
period it was demanded (backordered or lost); defect cost per rejected unit. Purchase cost of
good units is not included (it is the same for every policy that meets the same demand).
"""

from __future__ import annotations

from pydantic import Field

from jitcore.settings import Settings


class CostSettings(Settings):
    """Cost rates. Holding cost per unit per period = unit_cost × holding_rate / periods per year."""

    currency: str = Field("$", max_length=8, description="currency label for reports")
    unit_cost: float = Field(10.0, gt=0.0, description="purchase cost per unit")
    holding_rate: float = Field(
        0.25, ge=0.0, le=5.0, description="holding cost per year as a share of unit cost"
    )
    ordering_cost: float = Field(50.0, ge=0.0, description="cost per order or setup")
    shortage_cost: float = Field(
        5.0, ge=0.0, description="cost per unit short (backordered or lost)"
    )
    defect_cost: float = Field(2.0, ge=0.0, description="cost per rejected (defective) unit")


def holding_cost_per_unit_period(
    unit_cost: float, holding_rate: float, periods_per_year: float
) -> float:
    """``h = c·i / periods_per_year``: money per unit on hand per period."""
    return unit_cost * holding_rate / periods_per_year


COST_NAMES: tuple[str, ...] = ("holding_cost", "ordering_cost", "shortage_cost", "defect_cost")
