"""Helpers shared by the engine tests: run lanes on a demand matrix and read pooled KPIs."""

from __future__ import annotations

import numpy as np

from jitcore.engine import EngineOutput, simulate
from jitcore.kpis import Kpis, kpis_from_sums, lane_sums
from jitcore.lanes import POLICY_CODES, LaneSet


def run_policy(
    policy: str, demand: np.ndarray, forecast: float | np.ndarray, *, seed: int = 1, **params
) -> tuple[Kpis, EngineOutput]:
    """Every row of ``demand`` is one path; KPIs pooled over the paths."""
    paths, periods = demand.shape
    matrix = np.broadcast_to(np.asarray(forecast, dtype=float), (1, periods)).copy()
    params.setdefault("record", np.where(np.arange(paths) < 5, np.arange(paths), -1))
    lanes = LaneSet.build(
        paths, demand_row=np.arange(paths), policy=POLICY_CODES[policy], end=periods, **params
    )
    out = simulate(demand, matrix, lanes, seed=seed)
    zero = np.zeros(paths)
    sums = lane_sums(out.accumulators, holding_cost_per_unit_period=zero, ordering_cost=zero,
                     shortage_cost=zero, defect_cost=zero).sum(axis=0)  # fmt: skip
    return kpis_from_sums(sums, paths=paths, periods_per_year=52, days_per_period=7), out
