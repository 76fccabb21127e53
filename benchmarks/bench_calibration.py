"""Calibration benchmark: the service the default scenario achieves against its target.

On the bundled samples (``sample_data/*.csv``, pooled) and on each extra data set — every
``--data PATH`` given, or else ``../shared/data/aus_retail_monthly_long.csv`` beside the
repository when it exists (152 real monthly series) — the default scenario is calibrated
(:func:`jitcore.calibration.calibrate`, Monte Carlo and replay) at cycle service targets 0.90
and 0.95 and fill-rate targets 0.95 and 0.98. Each data set is forecast once
(``forecast_all(demand, scenario.forecast)``) and every run reuses those forecasts.

Figures per data set, mode, target and Syntetos–Boylan class (n = items measured, of all
items when some had no simulated demand): the median achieved service (share) and the share of
items at or above target − 5 points; then the seconds taken to
forecast and to calibrate. Run it with ``python benchmarks/run.py calibration [--data PATH]``
or ``python benchmarks/bench_calibration.py [--data PATH ...]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jitcore.calibration import CalibrationTable, calibrate  # noqa: E402
from jitcore.demand import DemandData  # noqa: E402
from jitcore.forecast import forecast_all  # noqa: E402
from jitcore.intake import read_demand  # noqa: E402
from jitcore.scenario import Scenario  # noqa: E402

SAMPLES = ROOT / "sample_data"
SHARED = ROOT.parent / "shared" / "data" / "aus_retail_monthly_long.csv"

#: (buffers.method, its target setting, values)
TARGETS: tuple[tuple[str, str, tuple[float, ...]], ...] = (
    ("service_level", "cycle_service_level", (0.90, 0.95)),
    ("fill_rate", "fill_rate", (0.95, 0.98)),
)
MODE_LABELS = {"monte_carlo": "MC", "replay": "replay"}


def scenarios() -> list[Scenario]:
    """The default scenario at every benchmarked target."""
    out = []
    for method, setting, values in TARGETS:
        for value in values:
            base = Scenario().with_setting("buffers.method", method)
            out.append(base.with_setting(f"buffers.{setting}", value))
    return out


def _calibrate_all(demand: DemandData) -> tuple[list[CalibrationTable], float, float]:
    """Calibration tables of every target, the forecast seconds and the calibration seconds."""
    start = time.perf_counter()
    forecasts = forecast_all(demand, Scenario().forecast)
    forecast_seconds = time.perf_counter() - start
    start = time.perf_counter()
    tables = [calibrate(demand, s, forecasts=forecasts) for s in scenarios()]
    return tables, forecast_seconds, time.perf_counter() - start


def _pool(parts: Sequence[CalibrationTable]) -> CalibrationTable:
    return CalibrationTable(
        rows=tuple(row for part in parts for row in part.rows),
        modes=parts[0].modes,
        target=parts[0].target,
    )


def _figures(label: str, tables: Sequence[CalibrationTable]) -> list[dict]:
    figures = []
    for table in tables:
        target = table.target
        short = "CSL" if target.measure == "cycle_service_level" else "fill rate"
        for record in table.summary().to_dict("records"):
            head = (
                f"calibration {label} {MODE_LABELS[record['mode']]} {short} {target.value:.2f} "
                f"{record['demand_class']} (n={record['measured']}"
                + (f" of {record['items']})" if record["measured"] < record["items"] else ")")
            )
            figures.append(
                {
                    "name": f"{head}: median achieved",
                    "value": record["median_achieved"],
                    "unit": "share",
                }  # fmt: skip
            )
            figures.append(
                {
                    "name": f"{head}: share ≥ target − 5 pts",
                    "value": record["share_reaching"],
                    "unit": "share",
                }  # fmt: skip
            )
    return figures


def run(data: Sequence[str | Path] | None = None) -> list[dict]:
    """Figures for the pooled samples and each extra data set (see the module docstring)."""
    figures: list[dict] = []
    per_target: list[list[CalibrationTable]] = []
    forecast_seconds = calibrate_seconds = 0.0
    skus = 0
    for path in sorted(SAMPLES.glob("*.csv")):
        demand = read_demand(path)
        tables, f_s, c_s = _calibrate_all(demand)
        per_target.append(tables)
        forecast_seconds += f_s
        calibrate_seconds += c_s
        skus += len(demand.skus)
    pooled = [_pool([tables[i] for tables in per_target]) for i in range(len(per_target[0]))]
    figures += _figures("samples", pooled)
    figures.append(
        {
            "name": f"calibration samples ({skus} SKUs): forecast",
            "value": forecast_seconds,
            "unit": "s",
        }  # fmt: skip
    )
    figures.append(
        {
            "name": f"calibration samples ({skus} SKUs): 4 targets × 2 modes",
            "value": calibrate_seconds,
            "unit": "s",
        }  # fmt: skip
    )
    extra = [Path(p) for p in data] if data else ([SHARED] if SHARED.exists() else [])
    for path in extra:
        demand = read_demand(path)
        tables, f_s, c_s = _calibrate_all(demand)
        label = path.stem
        figures += _figures(label, tables)
        n = len(demand.skus)
        figures.append(
            {"name": f"calibration {label} ({n} SKUs): forecast", "value": f_s, "unit": "s"}
        )
        figures.append(
            {
                "name": f"calibration {label} ({n} SKUs): 4 targets × 2 modes",
                "value": c_s,
                "unit": "s",
            }  # fmt: skip
        )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", action="append", help="another demand file (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON list of figures")
    args = parser.parse_args(argv)
    figures = run(args.data)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for figure in figures:
            print(f"{figure['name']:<70} {figure['value']:>10.3g} {figure['unit']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
