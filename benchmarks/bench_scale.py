"""Scale benchmark: a portfolio of 10,000 SKUs × 104 weeks × 200 paths on one machine, in
memory-bounded chunks, and a dask LocalCluster of 2 workers against the local run.

The portfolio is drawn with a fixed seed: weekly SKUs whose mean spans two decades, half
seasonal (a yearly sine of ±30 %), one in five intermittent (demand in 25 % of weeks). Each
SKU is forecast by a 4-week moving average with its backtest (so the run measures the engine,
not the choice of method) and simulated under the default scenario (order-up-to, 95 % cycle
service) with 200 paths over 104 weeks. Figures, from a fresh process so peak memory is the
run's own:

* ``scale: forecast``, ``scale: simulate`` — seconds for the 10,000 SKUs, wall clock and CPU
  time (the CPU time varies less with what else the machine is doing);
* ``scale: chunks`` — how many chunks the run took (of at most 256 MB working memory);
* ``scale: peak memory`` — the process's peak resident set (the target is at most 4 GB);
* ``dask: local run`` / ``dask: 2 workers`` — seconds for 400 SKUs on each, and
  ``dask: largest KPI difference`` — the largest relative difference of any KPI of any SKU
  (the target is at most 1e-9).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SKUS, WEEKS, PATHS = 10_000, 104, 200
DASK_SKUS = 400


def portfolio(n_skus: int, weeks: int, seed: int = 7):
    """Weekly demand of ``n_skus`` SKUs (the module docstring's mix), as DemandData."""
    from jitcore.demand import DemandData

    rng = np.random.default_rng(seed)
    level = 10 ** rng.uniform(0.5, 2.5, n_skus)
    season = np.where(rng.random(n_skus) < 0.5, 0.3, 0.0)
    week = np.arange(weeks)
    mean = level[:, None] * (1 + season[:, None] * np.sin(2 * np.pi * week / 52))
    quantity = rng.poisson(mean).astype(float)
    sparse = rng.random(n_skus) < 0.2
    quantity[sparse] *= rng.random((int(sparse.sum()), weeks)) < 0.25
    dates = pd.date_range("2023-01-02", periods=weeks, freq="W-MON")
    width = len(str(n_skus))
    frame = pd.DataFrame(
        {
            "date": np.tile(dates, n_skus),
            "sku": np.repeat([f"SKU-{i:0{width}d}" for i in range(n_skus)], weeks),
            "quantity": quantity.ravel(),
        }
    )
    return DemandData(frame, "W", name=f"{n_skus} SKUs")


def _scenario(paths: int, timeline_paths: int = 0):
    from jitcore.scenario import Scenario

    return Scenario.model_validate(
        {
            "forecast": {"method": "moving_average", "candidates": ["moving_average"]},
            "simulation": {"paths": paths, "periods": WEEKS, "timeline_paths": timeline_paths},
        }
    )


def _scale_child() -> dict:
    """The 10,000-SKU run, in this (fresh) process."""
    from jitcore.forecast import forecast_all
    from jitcore.pipeline import run_variants

    data = portfolio(SKUS, WEEKS)
    scenario = _scenario(PATHS)
    start, cpu = time.perf_counter(), time.process_time()
    forecasts = forecast_all(data, scenario.forecast)
    forecast_s, forecast_cpu = time.perf_counter() - start, time.process_time() - cpu
    chunks: list[int] = []
    start, cpu = time.perf_counter(), time.process_time()
    result = run_variants(
        data, [scenario], forecasts=forecasts, progress=lambda done, total: chunks.append(total)
    )[0]
    simulate_s, simulate_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "forecast": forecast_s,
        "forecast_cpu": forecast_cpu,
        "simulate": simulate_s,
        "simulate_cpu": simulate_cpu,
        "chunks": chunks[-1],
        "peak_mb": peak_kb / 1024,
        "fill_rate": result.kpis.fill_rate,
    }


def _dask_figures() -> list[dict]:
    from distributed import Client, LocalCluster

    from jitcore.executors import DaskExecutor
    from jitcore.forecast import forecast_all
    from jitcore.kpis import KPI_NAMES
    from jitcore.pipeline import run_variants

    data = portfolio(DASK_SKUS, WEEKS, seed=11)
    scenario = _scenario(PATHS)
    forecasts = forecast_all(data, scenario.forecast)
    small = 32 * 2**20  # several chunks even for 400 SKUs
    run_variants(data, [scenario], forecasts=forecasts, skus=data.skus[:2])  # compiled
    start = time.perf_counter()
    local = run_variants(data, [scenario], forecasts=forecasts, chunk_bytes=small)[0]
    local_s = time.perf_counter() - start
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        executor = DaskExecutor(client=client)
        run_variants(data, [scenario], forecasts=forecasts, skus=data.skus[:2], executor=executor)
        start = time.perf_counter()
        remote = run_variants(
            data, [scenario], forecasts=forecasts, chunk_bytes=small, executor=executor
        )[0]
        remote_s = time.perf_counter() - start
    a = np.array([[getattr(k, n) for n in KPI_NAMES] for k in local.sku_kpis], dtype=float)
    b = np.array([[getattr(k, n) for n in KPI_NAMES] for k in remote.sku_kpis], dtype=float)
    scale = np.maximum(np.abs(a), 1e-12)
    difference = float(np.nanmax(np.abs(a - b) / scale))
    return [
        {"name": f"dask: local run, {DASK_SKUS} SKUs × {WEEKS} × {PATHS}", "value": local_s,
         "unit": "s"},
        {"name": f"dask: 2 workers (LocalCluster), {DASK_SKUS} SKUs", "value": remote_s,
         "unit": "s"},
        {"name": "dask: largest relative KPI difference to local", "value": difference,
         "unit": "(target ≤ 1e-9)"},
    ]  # fmt: skip


def run() -> list[dict]:
    child = subprocess.run(
        [sys.executable, __file__, "--child"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(child.stdout.strip().splitlines()[-1])
    label = f"{SKUS:,} SKUs × {WEEKS} weeks × {PATHS} paths"
    figures = [
        {"name": f"scale: forecast (moving average), {SKUS:,} SKUs", "value": found["forecast"],
         "unit": "s"},
        {"name": "scale: forecast, CPU time (all cores)", "value": found["forecast_cpu"],
         "unit": "s"},
        {"name": f"scale: simulate {label}", "value": found["simulate"], "unit": "s"},
        {"name": "scale: simulate, CPU time (all cores)", "value": found["simulate_cpu"],
         "unit": "s"},
        {"name": "scale: chunks of ≤ 256 MB", "value": found["chunks"], "unit": "chunks"},
        {"name": "scale: peak memory (target ≤ 4 GB)", "value": found["peak_mb"], "unit": "MB"},
    ]  # fmt: skip
    return figures + _dask_figures()


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        print(json.dumps(_scale_child()))
    else:
        for figure in run():
            print(f"{figure['name']:<60} {figure['value']:>14.6g} {figure['unit']}")
