"""Forecasting many SKUs in worker processes.

The SKUs go in chunks to a pool of worker processes and come back in SKU order. The numbers
are identical to a run in one process: a SKU's forecast depends only on its own history and
the settings, never on which worker made it or in what order (tested).

- Workers: ``JIT_WHATIF_FORECAST_WORKERS`` if set, else the machine's cores up to
  ``MAX_WORKERS``; at most one per ``MIN_SKUS_PER_WORKER`` SKUs (a worker takes ~1-2 s to
  start: importing numpy and pandas and loading the compiled smoothing code from numba's
  cache), so small data sets run here, in this process.
- The pool is started on first use and kept for the next run (the app forecasts again when
  a setting changes). Processes are started by *spawn*, not fork: forking a threaded server
  (Streamlit) can copy a lock another thread holds.
- If the pool cannot start or a worker dies, the remaining chunks run in this process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context, parent_process
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Environment variable with the number of forecasting worker processes (1 = none).
WORKERS_ENV = "JIT_WHATIF_FORECAST_WORKERS"
#: Most workers used by default (the benchmark machine has 2 cores).
MAX_WORKERS = 2
#: Fewest SKUs per worker worth starting a process for.
MIN_SKUS_PER_WORKER = 24
#: SKUs sent to a worker at a time: small enough for a smooth progress bar and an even load,
#: large enough that the hand-over costs little next to the forecasts (~0.05 s per SKU).
CHUNK_SKUS = 6

_pools: dict[int, ProcessPoolExecutor] = {}
_lock = threading.Lock()


def worker_count(skus: int, requested: int | None = None) -> int:
    """How many worker processes forecast ``skus`` SKUs (1 = in this process, always inside a
    worker: pools do not nest)."""
    if parent_process() is not None:
        return 1
    if requested is None:
        text = os.environ.get(WORKERS_ENV, "").strip()
        requested = int(text) if text.isdigit() else min(os.cpu_count() or 1, MAX_WORKERS)
    return max(1, min(int(requested), skus // MIN_SKUS_PER_WORKER))


def _pool(workers: int) -> ProcessPoolExecutor:
    with _lock:
        pool = _pools.get(workers)
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
            _pools[workers] = pool
        return pool


def _drop_pool(workers: int) -> None:
    with _lock:
        pool = _pools.pop(workers, None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def shutdown_workers() -> None:
    """Stop the kept worker processes (the next run starts new ones)."""
    for workers in list(_pools):
        with _lock:
            pool = _pools.pop(workers, None)
        if pool is not None:
            pool.shutdown(wait=True)


def map_in_workers(
    function: Callable[[T], R],
    tasks: Sequence[T],
    workers: int,
    on_result: Callable[[int, R], None] | None = None,
) -> list[R]:
    """``[function(task) for task in tasks]`` over ``workers`` processes (``function`` must be
    importable: a module-level function). ``on_result(index, result)`` is called in this
    process as each task finishes, in completion order. Exceptions raised by ``function``
    propagate; a pool that breaks leaves the unfinished tasks to this process."""
    results: list[R | None] = [None] * len(tasks)
    finished = [False] * len(tasks)

    def take(index: int, value: R) -> None:
        results[index] = value
        finished[index] = True
        if on_result is not None:
            on_result(index, value)

    if workers > 1 and len(tasks) > 1:
        try:
            pool = _pool(workers)
            futures: dict[Future, int] = {
                pool.submit(function, task): i for i, task in enumerate(tasks)
            }
            for future in as_completed(futures):
                take(futures[future], future.result())
        except (BrokenProcessPool, OSError, RuntimeError):
            _drop_pool(workers)  # the unfinished tasks run below
    for i, task in enumerate(tasks):
        if not finished[i]:
            take(i, function(task))
    return results  # type: ignore[return-value]
