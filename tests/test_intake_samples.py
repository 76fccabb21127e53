"""The bundled samples read to the figures their sources give (sample_data/PROVENANCE.md)."""

from __future__ import annotations

import pandas as pd
import pytest

from jitcore.intake import read_demand


def test_classic_monthly_long(sample_dir) -> None:
    raw = pd.read_csv(sample_dir / "classic_monthly_long.csv")
    demand = read_demand(sample_dir / "classic_monthly_long.csv")
    assert demand.frequency == "M"
    assert demand.report.layout == "long"
    assert sorted(demand.skus) == sorted(raw["sku"].unique())
    assert len(demand.skus) == 3
    assert demand.total == pytest.approx(raw["quantity"].sum(), rel=1e-12)
    for sku, rows in raw.groupby("sku"):
        assert len(demand.series(sku)) == len(rows)  # no gaps: 204, 204 and 176 months
    assert demand.start == pd.Timestamp("1980-01-01")
    assert demand.end == pd.Timestamp("2008-06-01")
    assert demand.report.warnings == () and demand.report.excluded == {}


def test_walmart_weekly_fridays(sample_dir) -> None:
    raw = pd.read_csv(sample_dir / "walmart_store1_weekly_long.csv")
    demand = read_demand(sample_dir / "walmart_store1_weekly_long.csv")
    assert demand.frequency == "W" and demand.pandas_freq == "W-FRI"
    assert len(demand.skus) == 7 and demand.periods == 143
    assert demand.start == pd.Timestamp("2010-02-05")
    assert demand.end == pd.Timestamp("2012-10-26")
    assert demand.total == pytest.approx(raw["quantity"].sum(), rel=1e-12)
    assert demand.report.columns == {"date": "date", "sku": "sku", "quantity": "quantity"}


def test_pbs_wide_with_empty_cells(sample_dir) -> None:
    raw = pd.read_csv(sample_dir / "pbs_intermittent_monthly_wide.csv")
    demand = read_demand(sample_dir / "pbs_intermittent_monthly_wide.csv")
    assert demand.report.layout == "wide_skus_in_columns"
    assert demand.frequency == "M" and len(demand.skus) == 26 and demand.periods == 204
    assert demand.total == pytest.approx(raw.drop(columns="date").sum().sum(), rel=1e-12)
    # Empty cells mean "not in the data yet": those SKUs start later, without zero padding.
    late = raw.set_index("date")["GENE-COPAY-A15"]
    first = pd.Timestamp(late.first_valid_index())
    assert demand.series("GENE-COPAY-A15").index[0] == first
    assert len(demand.series("GENE-COPAY-A15")) == late.notna().sum()
