"""KPI bands across paths: quiet NaN for a KPI undefined on every path."""

from __future__ import annotations

import math
import warnings

import numpy as np

from jitcore.demand import DemandData
from jitcore.intake import read_demand
from jitcore.pipeline import run_scenario
from jitcore.scenario import Scenario
from tests.conftest import SAMPLE_DIR


def test_kpi_undefined_on_every_path_gives_nan_without_warnings() -> None:
    # the first SKU of the PBS sample sells nothing in the simulated year: no stock is turned
    full = read_demand(SAMPLE_DIR / "pbs_intermittent_monthly_wide.csv")
    sku = full.skus[0]
    demand = DemandData(full.frame[full.frame["sku"] == sku], full.frequency)
    scenario = Scenario().with_setting("simulation.paths", 50)
    result = run_scenario(demand, scenario, skus=[sku])
    assert np.isnan(result.path_kpis[0, :, :]).all(axis=0).any()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bands = result.kpi_bands(sku)
        total = result.kpi_bands()
    undefined = np.isnan(result.path_kpis[0]).all(axis=0)
    for name, gone in zip(bands.index, undefined, strict=True):
        if gone:
            assert bands.loc[name].isna().all()
        else:  # defined KPIs keep their percentiles, in order
            row = bands.loc[name]
            assert row["p10"] <= row["p50"] <= row["p90"]
    assert (
        math.isnan(total.loc["inventory_turns", "p50"])
        == undefined[list(bands.index).index("inventory_turns")]
    )
