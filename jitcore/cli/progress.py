"""The status line commands print on stderr while they forecast many SKUs, with the time left
(``jitcore.progress.ProgressClock``); only to a terminal, so logs and pipes stay clean."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from jitcore.demand import DemandData
from jitcore.forecast import ForecastResult, ForecastSettings, forecast_all
from jitcore.progress import ProgressClock


def stderr_progress(total: int, *, quiet: bool = False) -> Callable[[int, int, str], None]:
    """A ``progress(done, total, sku)`` callback that rewrites one stderr line (nothing when
    stderr is not a terminal or ``quiet``) and ends it when the run is done."""
    show = sys.stderr.isatty() and not quiet
    clock = ProgressClock(total)

    def report(done: int, count: int, sku: str) -> None:
        if not show:
            return
        print(f"\r{clock.text(done, sku[:40]):<78}", end="", file=sys.stderr, flush=True)
        if done >= count:
            print(file=sys.stderr)

    return report


def forecast_with_progress(
    demand: DemandData,
    settings: ForecastSettings,
    skus: Sequence[str] | None = None,
    *,
    quiet: bool = False,
) -> dict[str, ForecastResult] | None:
    """``forecast_all`` with the status line: what ``run``, ``plan`` and ``calibrate`` hand to
    the pipeline so the long part of a command says how long it still takes. None when a SKU
    asked for is not in the data (the pipeline then says so, as without this step)."""
    wanted = demand.skus if not skus else tuple(skus)
    known = set(demand.skus)
    if any(sku not in known for sku in wanted):
        return None
    return forecast_all(demand, settings, stderr_progress(len(wanted), quiet=quiet), skus=wanted)
