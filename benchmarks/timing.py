"""Wall-clock timing shared by the benchmarks: the best of several runs approximates an idle
machine."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_seconds(function: Callable[[], object], repeats: int) -> float:
    """The shortest of ``repeats`` wall-clock times of ``function()``, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best
