"""``python -m jitcore plan FILE [--scenario S.json] [--sku SKU] [--json | --csv OUT]``.

Reads the demand file, sizes the buffers of the scenario (the default one without
``--scenario``) exactly as a run does, and prints one row per SKU: safety stock, reorder point
s, order-up-to level S, EOQ, kanban cards (units, cards), the cycle service level and fill
rate the formulas expect, the demand model and where σ came from. ``--json`` prints
``{"scenario": ..., "mode": ..., "per_sku": [{"sku": ..., "safety_stock": ..., ...}]}`` with
every field of the plan; ``--csv`` writes every field to a file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from jitcore.buffers import BufferTable, SkuBuffer
from jitcore.cli.progress import forecast_with_progress
from jitcore.cli.run import add_items_argument, load_scenario, with_items
from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.intake import read_demand
from jitcore.pipeline import plan_scenario
from jitcore.reports import write_csv
from jitcore.scenario import Scenario

#: Plan fields the buffer rewrite adds; read with a default so the command works either way.
DESCRIPTIONS: tuple[str, ...] = ("demand_model", "sigma_source", "model_reason")

#: Columns of the plain-text table: field, label, format.
TABLE: tuple[tuple[str, str, str], ...] = (
    ("safety_stock", "safety stock", "{:,.1f}"),
    ("reorder_point", "reorder pt s", "{:,.1f}"),
    ("order_up_to", "order-up-to S", "{:,.1f}"),
    ("eoq", "EOQ", "{:,.1f}"),
    ("kanban_cards", "kanban cards", "{:,.0f}"),
    ("expected_cycle_service_level", "expected CSL", "{:.1%}"),
    ("expected_fill_rate", "expected fill", "{:.1%}"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="demand file (CSV or Excel)")
    parser.add_argument("--scenario", type=Path, help="scenario JSON (see scenario-template)")
    add_items_argument(parser)
    parser.add_argument("--sku", action="append", help="only this SKU (repeat for several)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the plan as JSON")
    out.add_argument("--csv", type=Path, help="write every field of the plan to this CSV")


def read_demand_file(path: Path) -> DemandData:
    """The demand file read as ``run`` reads it; a missing file is a plain error."""
    if not path.exists():
        raise JitError(f"The demand file {path} does not exist.", "Check the path.")
    return read_demand(path)


def buffer_plan(
    demand: DemandData, scenario: Scenario, skus: list[str] | None = None
) -> BufferTable:
    """The buffers a run of ``scenario`` uses (:func:`~jitcore.pipeline.plan_scenario`)."""
    forecasts = forecast_with_progress(demand, scenario.forecast, skus)
    return plan_scenario(demand, scenario, forecasts=forecasts, skus=skus)


def row_dict(row: SkuBuffer) -> dict[str, Any]:
    """Every field of one SKU's plan (NaN as None) with the model descriptions ('' if absent)."""
    values: dict[str, Any] = {}
    for key, value in asdict(row).items():
        values[key] = None if isinstance(value, float) and not math.isfinite(value) else value
    for key in DESCRIPTIONS:
        values[key] = str(getattr(row, key, "") or "")
    return values


def _plain(value: Any) -> Any:
    """JSON for plan fields that are not plain numbers or text (arrays, numpy scalars)."""
    return value.tolist() if hasattr(value, "tolist") else str(value)


def _format(value: Any, pattern: str) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return pattern.format(value)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    demand = read_demand_file(args.file)
    scenario = with_items(scenario, args.items, demand)
    plan = buffer_plan(demand, scenario, args.sku)
    rows = [row_dict(row) for row in plan.rows]
    if args.csv is not None:
        write_csv(pd.DataFrame(rows), args.csv, what="the plan")
        print(f"Wrote the plan of {len(rows)} SKU(s) to {args.csv}.")
        return 0
    if args.json:
        payload = {
            "scenario": scenario.name,
            "mode": scenario.simulation.mode,
            "policy": scenario.policy.kind,
            "buffer_method": scenario.buffers.method,
            "per_sku": rows,
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=_plain) + "\n")
        return 0
    print(
        f"{scenario.name}: {scenario.policy.kind}, safety stock by "
        f"{scenario.buffers.method.replace('_', ' ')}, on {demand.name or args.file.name}; "
        "units, lead time and review in periods of the data"
    )
    width = max([len(r["sku"]) for r in rows] + [5])
    model_width = max([len(r["demand_model"]) for r in rows] + [len("demand model")])
    header = (
        f"{'SKU':<{width}}  "
        + "  ".join(f"{label:>13}" for _, label, _ in TABLE)
        + f"  {'demand model':<{model_width}}  σ source"
    )
    print(header)
    for row in rows:
        cells = "  ".join(f"{_format(row[key], pattern):>13}" for key, _, pattern in TABLE)
        print(
            f"{row['sku']:<{width}}  {cells}  {row['demand_model'] or '—':<{model_width}}  "
            f"{row['sigma_source'] or '—'}"
        )
    return 0
