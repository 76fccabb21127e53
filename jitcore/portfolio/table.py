"""The portfolio table: every SKU of a run in one row, with its classes, attributes, service,
stock and cost, and the portfolio's totals pooled from those rows.

Per SKU (units and money are means per simulated path over the KPI window, as in
:mod:`jitcore.kpis`): ``stock_value`` = average on hand × unit cost (money);
``cover_days`` = the KPI days of supply (average on hand / mean demand per day); ``target`` =
the SKU's service target (its own from the item master or the optimisation, else the
scenario's; NaN when safety stock is set in days of cover or fixed units) and ``achieved`` =
the simulated KPI of that target.

Totals pool the rows as the engine pools SKUs: money, stock and units are summed, service is
pooled by demand — fill rate = 1 − Σ units short / Σ units demanded (SPT ch. 6), so a large
item weighs as much as its demand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.calibration import sku_service_target
from jitcore.pipeline import ScenarioResult, supply_terms
from jitcore.profile import DemandProfile
from jitcore.tradeoffs.common import service_target

#: Text shown for a SKU without a supplier or category.
NONE_GIVEN = "(none)"

#: Columns of :func:`portfolio_table`, in order.
COLUMNS: tuple[str, ...] = (
    "sku", "abc", "xyz", "abc_xyz", "demand_class", "category", "supplier", "unit_cost",
    "target", "achieved", "fill_rate", "cycle_service_level", "average_on_hand", "stock_value",
    "cover_days", "inventory_turns", "zero_share", "holding_cost", "ordering_cost",
    "shortage_cost", "total_cost", "units_demanded", "units_short",
)  # fmt: skip


def portfolio_table(result: ScenarioResult, profile: DemandProfile) -> pd.DataFrame:
    """One row per simulated SKU, columns :data:`COLUMNS` (see the module docstring)."""
    scenario = result.scenario
    measure = service_target(scenario)
    records = []
    for sku, kpis in zip(result.skus, result.sku_kpis, strict=True):
        item = profile.item(sku)
        terms = supply_terms(scenario, sku, result.frequency)
        own = scenario.override_for(sku)
        target = sku_service_target(scenario, sku)
        records.append(
            {
                "sku": sku,
                "abc": item.abc,
                "xyz": item.xyz,
                "abc_xyz": f"{item.abc}{item.xyz}",
                "demand_class": item.demand_class,
                "category": (own.category if own and own.category else NONE_GIVEN),
                "supplier": (own.supplier if own and own.supplier else NONE_GIVEN),
                "unit_cost": terms.unit_cost,
                "target": math.nan if target is None else target.value,
                "achieved": getattr(kpis, measure),
                "fill_rate": kpis.fill_rate,
                "cycle_service_level": kpis.cycle_service_level,
                "average_on_hand": kpis.average_on_hand,
                "stock_value": kpis.average_on_hand * terms.unit_cost,
                "cover_days": kpis.days_of_supply,
                "inventory_turns": kpis.inventory_turns,
                "zero_share": item.zero_share,
                "holding_cost": kpis.holding_cost,
                "ordering_cost": kpis.ordering_cost,
                "shortage_cost": kpis.shortage_cost,
                "total_cost": kpis.total_cost,
                "units_demanded": kpis.units_demanded,
                "units_short": kpis.units_short,
            }
        )
    return pd.DataFrame(records, columns=list(COLUMNS))


@dataclass(frozen=True)
class PortfolioTotals:
    """The portfolio (or a selection of it) in a few numbers: money over the KPI window, stock
    value as the average on hand valued at unit cost, fill rate pooled by demand."""

    skus: int
    stock_value: float
    fill_rate: float
    total_cost: float
    holding_cost: float
    units_demanded: float
    units_short: float


def pooled_fill_rate(units_short: float, units_demanded: float) -> float:
    """1 − Σ short / Σ demanded (NaN without demand)."""
    return 1.0 - units_short / units_demanded if units_demanded > 0 else math.nan


def portfolio_totals(table: pd.DataFrame) -> PortfolioTotals:
    """Totals of the rows of a :func:`portfolio_table` (all, or a filtered selection)."""
    demanded = float(table["units_demanded"].sum())
    short = float(table["units_short"].sum())
    return PortfolioTotals(
        skus=len(table),
        stock_value=float(table["stock_value"].sum()),
        fill_rate=pooled_fill_rate(short, demanded),
        total_cost=float(table["total_cost"].sum()),
        holding_cost=float(table["holding_cost"].sum()),
        units_demanded=demanded,
        units_short=short,
    )


#: The dimensions SKUs are grouped and filtered by: column → label.
DIMENSIONS: dict[str, str] = {
    "abc_xyz": "ABC/XYZ",
    "abc": "ABC class",
    "xyz": "XYZ class",
    "demand_class": "Demand class",
    "category": "Category",
    "supplier": "Supplier",
}


def group_table(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per value of the dimension ``by`` (a key of :data:`DIMENSIONS`): ``group``,
    ``skus``, ``stock_value``, ``fill_rate`` (pooled by demand), ``total_cost``,
    ``units_demanded``, sorted by stock value (largest first)."""
    rows = []
    for value, part in table.groupby(by, sort=True):
        totals = portfolio_totals(part)
        rows.append(
            {
                "group": str(value),
                "skus": totals.skus,
                "stock_value": totals.stock_value,
                "fill_rate": totals.fill_rate,
                "total_cost": totals.total_cost,
                "units_demanded": totals.units_demanded,
            }
        )
    frame = pd.DataFrame(
        rows, columns=["group", "skus", "stock_value", "fill_rate", "total_cost", "units_demanded"]
    )
    return frame.sort_values("stock_value", ascending=False, kind="stable").reset_index(drop=True)


def select(table: pd.DataFrame, filters: dict[str, list[str]]) -> pd.DataFrame:
    """The rows whose value of each filtered dimension is among the chosen ones (a dimension
    with nothing chosen does not filter)."""
    keep = np.ones(len(table), dtype=bool)
    for column, values in filters.items():
        if values:
            keep &= table[column].astype(str).isin([str(v) for v in values]).to_numpy()
    return table[keep]
