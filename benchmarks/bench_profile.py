"""Demand profile timings: the bundled samples and a synthetic assortment of 2,000 SKUs."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from jitcore.demand import DemandData
from jitcore.intake import read_demand
from jitcore.profile import ProfileSettings, profile_demand

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


def _pbs() -> DemandData:
    """The 26-SKU prescriptions sample (wide file), made tidy here so the timing does not depend
    on the intake reader."""
    wide = pd.read_csv(SAMPLES / "pbs_intermittent_monthly_wide.csv", parse_dates=["date"])
    tidy = wide.melt(id_vars="date", var_name="sku", value_name="quantity").dropna()
    return DemandData(tidy, "M", name="pbs")


def _synthetic(skus: int, weeks: int, seed: int = 7) -> DemandData:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2022-01-03", periods=weeks, freq="W-MON")
    level = rng.lognormal(3, 1, skus)[:, None]
    season = 1 + 0.3 * np.sin(2 * np.pi * np.arange(weeks) / 52)[None, :]
    occurs = rng.random((skus, weeks)) < rng.uniform(0.2, 1.0, skus)[:, None]
    quantity = np.where(occurs, rng.poisson(level * season), 0)
    frame = pd.DataFrame(
        {
            "date": np.tile(dates, skus),
            "sku": np.repeat([f"SKU-{i:05d}" for i in range(skus)], weeks),
            "quantity": quantity.ravel().astype(float),
        }
    )
    return DemandData(frame, "W", name="synthetic")


def _seconds(demand: DemandData, settings: ProfileSettings | None = None, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        profile_demand(demand, settings)
        best = min(best, time.perf_counter() - start)
    return best


def run() -> list[dict]:
    start = time.perf_counter()
    teaching = read_demand(SAMPLES / "teaching_weekly_long.csv")
    profile_demand(teaching)  # first call imports statsmodels
    first_call = time.perf_counter() - start
    big = _synthetic(2000, 156)
    no_stl = ProfileSettings(seasonal_period=1000)  # longer than the data: STL skipped
    big_seconds = _seconds(big, repeat=1)
    return [
        {
            "name": "profile: first call incl. statsmodels import (6 SKUs)",
            "value": first_call,
            "unit": "s",
        },
        {
            "name": "profile: teaching set, 6 SKUs x 156 weeks",
            "value": _seconds(teaching),
            "unit": "s",
        },
        {
            "name": "profile: PBS sample, 26 SKUs x 204 months",
            "value": _seconds(_pbs()),
            "unit": "s",
        },
        {"name": "profile: 2,000 SKUs x 156 weeks", "value": big_seconds, "unit": "s"},
        {
            "name": "profile: 2,000 SKUs x 156 weeks, per SKU",
            "value": 1000 * big_seconds / 2000,
            "unit": "ms",
        },
        {
            "name": "profile: 2,000 SKUs x 156 weeks, without STL",
            "value": _seconds(big, no_stl),
            "unit": "s",
        },
    ]
