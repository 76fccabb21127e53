"""``python -m jitcore calibrate FILE [--scenario S.json] [--sku SKU] [--json]``.

Runs the scenario (the default one without ``--scenario``) in Monte Carlo and in replay of the
history on the same forecasts and prints, per SKU, the service target of the buffers, the
service achieved in each mode, the gap in points (achieved − target), a flag where the gap
exceeds 3 points and the likely reasons; then per mode and demand class the number of items,
the median achieved service and the shares within 5 points of the target and at or above
target − 5 points (:mod:`jitcore.calibration`). ``--json`` prints ``{"target": {"measure",
"value"}, "modes": [...], "per_sku": [{"sku", "demand_class", "demand_model",
"sigma_source", "flagged", "monte_carlo": {"achieved", "gap_points", "flagged", "reasons"},
"replay": {...}}], "summary": [{"mode", "demand_class", "items", "measured", "median_achieved",
"share_within_5", "share_reaching"}]}``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from jitcore.calibration import FLAG_POINTS, CalibrationTable, calibrate
from jitcore.cli.plan import read_demand_file
from jitcore.cli.progress import forecast_with_progress
from jitcore.cli.run import add_items_argument, load_scenario, with_items

MODE_LABELS = {"monte_carlo": "Monte Carlo", "replay": "replay"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="demand file (CSV or Excel)")
    parser.add_argument("--scenario", type=Path, help="scenario JSON (see scenario-template)")
    add_items_argument(parser)
    parser.add_argument("--sku", action="append", help="only this SKU (repeat for several)")
    parser.add_argument("--json", action="store_true", help="print the calibration as JSON")


def _number(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def to_dict(table: CalibrationTable) -> dict[str, Any]:
    """The JSON object of a calibration (NaN as None)."""
    per_sku = []
    for row in table.rows:
        entry: dict[str, Any] = {
            "sku": row.sku,
            "demand_class": row.demand_class,
            "demand_model": row.demand_model,
            "sigma_source": row.sigma_source,
            "flagged": row.flagged,
        }
        for item in row.modes:
            entry[item.mode] = {
                "achieved": _number(item.achieved),
                "gap_points": _number(item.gap_points),
                "flagged": item.flagged,
                "reasons": list(item.reasons),
            }
        per_sku.append(entry)
    summary = [
        {key: (_number(v) if isinstance(v, float) else v) for key, v in record.items()}
        for record in table.summary().to_dict("records")
    ]
    return {
        "target": table.target.to_dict(),
        "modes": list(table.modes),
        "flag_points": FLAG_POINTS,
        "per_sku": per_sku,
        "summary": summary,
    }


def _pct(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{value:.1%}"


def _points(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{value:+.1f}"


def _print(table: CalibrationTable) -> None:
    measure = table.target.measure.replace("_", " ")
    print(f"Target: {measure} {table.target.value:.1%}; gap = achieved − target in points, "
          f"⚑ where |gap| > {FLAG_POINTS:g}")  # fmt: skip
    width = max([len(row.sku) for row in table.rows] + [5])
    header = f"{'SKU':<{width}}  {'class':<12}"
    for mode in table.modes:
        label = MODE_LABELS[mode]
        header += f"  {label + ' achieved':>20}  {'gap':>6}"
    print(header + "  reasons")
    for row in table.rows:
        line = f"{row.sku:<{width}}  {row.demand_class:<12}"
        reasons: list[str] = []
        for item in row.modes:
            flag = "⚑" if item.flagged else " "
            line += f"  {_pct(item.achieved):>20}  {_points(item.gap_points):>6}{flag}"
            reasons += [r for r in item.reasons if r not in reasons]
        print(f"{line}  {'; '.join(reasons)}".rstrip())
    print()
    print("Per demand class")
    header = f"{'mode':<12} {'class':<12} {'items':>5} {'measured':>8} {'median achieved':>16} "
    print(header + f"{'within 5 pts':>13} {'≥ target − 5':>13}")
    for r in table.summary().to_dict("records"):
        print(
            f"{MODE_LABELS[r['mode']]:<12} {r['demand_class']:<12} {r['items']:>5} {r['measured']:>8} "
            f"{_pct(r['median_achieved']):>16} {_pct(r['share_within_5']):>13} "
            f"{_pct(r['share_reaching']):>13}"
        )


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    demand = read_demand_file(args.file)
    scenario = with_items(scenario, args.items, demand)
    forecasts = forecast_with_progress(demand, scenario.forecast, args.sku, quiet=args.json)
    table = calibrate(demand, scenario, forecasts=forecasts, skus=args.sku)
    if args.json:
        sys.stdout.write(json.dumps(to_dict(table), indent=2, ensure_ascii=False) + "\n")
    else:
        _print(table)
    return 0
