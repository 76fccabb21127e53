"""Engine benchmark: throughput, one-SKU latency, the plain Python loop, numba compile time.

The workload is one SKU with i.i.d. normal demand (mean 100, sd 20 per period), a periodic
review order-up-to policy reviewed every period, lead time 2 periods. Figures:

* ``engine throughput``: SKU-periods (lanes × periods) per second of the kernel on
  100,000 paths × 365 periods (demand drawn beforehand, best of 3);
* ``engine throughput incl. demand draws``: the same with the normal draws timed too;
* ``1 SKU × 1,000 paths × 365 periods``: one call of ``jitcore.engine.simulate`` (best of 20);
* ``plain Python loop``: :mod:`tests.engine_reference` on the same policy, timed on 20 paths
  and scaled to 1,000, and its ratio to the engine;
* ``numba compile time``: compiling the kernel from scratch (empty cache, fresh process) and
  loading it from the on-disk cache (fresh process).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import best_seconds  # noqa: E402

from jitcore.engine import simulate  # noqa: E402
from jitcore.lanes import ORDER_UP_TO, LaneSet  # noqa: E402
from tests.engine_reference import simulate_reference  # noqa: E402

PERIODS = 365
MEAN, SD, LEAD = 100.0, 20.0, 2
LEVEL = MEAN * (LEAD + 1) + 1.645 * SD * np.sqrt(LEAD + 1)

_FIRST_CALL = """
import time, numpy as np
t0 = time.perf_counter()
from jitcore.engine import simulate
from jitcore.lanes import LaneSet
lanes = LaneSet.build(4, demand_row=np.arange(4), end=30, lead_time=2, order_up_to=300.0)
simulate(np.full((4, 30), 100.0), np.full((1, 30), 100.0), lanes)
print(time.perf_counter() - t0)
"""


def _lanes(paths: int) -> LaneSet:
    return LaneSet.build(
        paths,
        demand_row=np.arange(paths),
        policy=ORDER_UP_TO,
        end=PERIODS,
        lead_time=LEAD,
        order_up_to=LEVEL,
        safety_stock=LEVEL - MEAN * (LEAD + 1),
        initial_on_hand=LEVEL - MEAN * (LEAD + 1),
        initial_pipeline=MEAN,
    )


def _demand(paths: int, seed: int = 1) -> np.ndarray:
    return np.maximum(np.random.default_rng(seed).normal(MEAN, SD, (paths, PERIODS)), 0.0)


def _first_call_seconds(cache_dir: str | None) -> float:
    env = dict(os.environ)
    if cache_dir is not None:
        env["NUMBA_CACHE_DIR"] = cache_dir
    out = subprocess.run(
        [sys.executable, "-c", _FIRST_CALL], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return float(out.stdout.strip().splitlines()[-1])


def run() -> list[dict]:
    figures: list[dict] = []
    with tempfile.TemporaryDirectory() as empty:
        cold = _first_call_seconds(empty)  # compiles every function from scratch
        warm = _first_call_seconds(empty)  # same cache directory, now filled
    figures.append({"name": "numba compile time (cold cache, fresh process)", "value": cold,
                    "unit": "s"})  # fmt: skip
    figures.append({"name": "engine first call with warm cache (fresh process)", "value": warm,
                    "unit": "s"})  # fmt: skip

    forecast = np.full((1, PERIODS), MEAN)
    small = _demand(8)
    simulate(small, forecast, _lanes(8))  # load / compile in this process

    big_paths = 100_000
    demand = _demand(big_paths)
    lanes = _lanes(big_paths)
    seconds = best_seconds(lambda: simulate(demand, forecast, lanes, seed=1), 3)
    figures.append({"name": "engine throughput (100,000 paths x 365 periods)",
                    "value": big_paths * PERIODS / seconds, "unit": "SKU-periods/s"})  # fmt: skip

    def with_draws() -> None:
        simulate(_demand(big_paths, seed=2), forecast, lanes, seed=1)

    seconds = best_seconds(with_draws, 2)
    figures.append({"name": "engine throughput incl. demand draws",
                    "value": big_paths * PERIODS / seconds, "unit": "SKU-periods/s"})  # fmt: skip

    one = _demand(1000)
    one_lanes = _lanes(1000)
    engine_seconds = best_seconds(lambda: simulate(one, forecast, one_lanes, seed=1), 20)
    figures.append({"name": "1 SKU x 1,000 paths x 365 periods (engine)",
                    "value": engine_seconds * 1000.0, "unit": "ms"})  # fmt: skip

    sample = 20
    python_seconds = best_seconds(
        lambda: simulate_reference(one[:sample], forecast, _lanes(sample), seed=1), 1
    ) * (1000 / sample)
    figures.append({"name": "1 SKU x 1,000 paths x 365 periods (plain Python loop)",
                    "value": python_seconds * 1000.0, "unit": "ms"})  # fmt: skip
    figures.append({"name": "plain Python loop / engine (same policy, same run)",
                    "value": python_seconds / engine_seconds, "unit": "x"})  # fmt: skip
    return figures


if __name__ == "__main__":
    for figure in run():
        print(f"{figure['name']:<60} {figure['value']:>14.6g} {figure['unit']}")
