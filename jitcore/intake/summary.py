"""Tables that summarise a read for people: one row per SKU."""

from __future__ import annotations

import pandas as pd

from jitcore.demand import DemandData


def sku_summary(data: DemandData) -> pd.DataFrame:
    """Per SKU: first and last period, number of periods, periods with zero demand, total and
    mean demand per period (units)."""
    frame = data.frame
    grouped = frame.groupby("sku", sort=False)["quantity"]
    dates = frame.groupby("sku", sort=False)["date"]
    table = pd.DataFrame(
        {
            "first period": dates.min().dt.date,
            "last period": dates.max().dt.date,
            "periods": grouped.size(),
            "zero periods": grouped.apply(lambda s: int((s == 0).sum())),
            "total": grouped.sum(),
            "mean per period": grouped.mean(),
        }
    )
    table.index.name = "SKU"
    return table
