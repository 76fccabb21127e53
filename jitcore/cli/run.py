"""``python -m jitcore run FILE [--scenario S.json] [--items ITEMS.csv] [--sku SKU] [--json] [--timeline OUT.csv]``.

Reads the demand file, simulates the scenario (the default one without ``--scenario``) and
prints the KPIs: a table per SKU and the total, or with ``--json`` one object
``{"kpis": {...}, "per_sku": [{"sku": ..., ...}], ...}``; each SKU's object also holds its
service ``target`` (its own from the item master or the optimised targets, else the scenario's:
``{"measure": "cycle_service_level" | "fill_rate", "value": 0.95}``, null
when safety stock is set in days of cover or fixed units) and the ``gap`` achieved − target
(a share; null without a target). ``--timeline`` writes the per-period
table (sku, path, period, date, demand, forecast, orders, receipts, on_hand, backorders,
lost_sales, inventory_position, defects) of the recorded paths to a CSV file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jitcore.calibration import sku_service_target
from jitcore.cli.progress import forecast_with_progress
from jitcore.demand import DemandData
from jitcore.errors import JitError, ScenarioError
from jitcore.formatting import pattern
from jitcore.intake import read_demand
from jitcore.items import apply_items, read_items
from jitcore.jsontext import MAX_JSON_BYTES
from jitcore.pipeline import run_scenario
from jitcore.reports import write_csv
from jitcore.scenario import Scenario
from jitcore.vocabulary import KPIS

#: KPIs shown in the plain-text table, with their column headers and formats.
TABLE: tuple[tuple[str, str, str], ...] = tuple(
    (name, KPIS[name].column, spec)
    for name, spec in (
        ("fill_rate", "{:.1%}"),
        ("cycle_service_level", "{:.1%}"),
        ("stockout_periods", "{:.1f}"),
        ("average_on_hand", "{:,.0f}"),
        ("inventory_turns", "{:.1f}"),
        ("orders_placed", "{:.1f}"),
        ("bullwhip", "{:.2f}"),
        ("total_cost", "{:,.0f}"),
    )
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="demand file (CSV or Excel)")
    parser.add_argument("--scenario", type=Path, help="scenario JSON (see scenario-template)")
    add_items_argument(parser)
    parser.add_argument(
        "--sku", action="append", help="simulate only this SKU (repeat for several)"
    )
    parser.add_argument("--json", action="store_true", help="print the KPIs as JSON")
    parser.add_argument("--timeline", type=Path, help="write the per-period table to this CSV")


def load_scenario(path: Path | None) -> Scenario:
    if path is None:
        return Scenario()
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:  # refused before it is read
            raise ScenarioError(
                f"The scenario file {path} is {size / 2**20:,.1f} MB; at most "
                f"{MAX_JSON_BYTES // 2**20} MB is read.",
                "Check that this is the right file.",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(
            f"Cannot read the scenario file {path}: {exc.strerror or exc}.",
            "Check the path, or print a template with `python -m jitcore scenario-template`.",
        ) from None
    # bytes: UTF-8 with or without BOM, UTF-16 and UTF-32 are read, as in the app
    return Scenario.from_json(data)


def add_items_argument(parser: argparse.ArgumentParser) -> None:
    """``--items FILE``: an item master whose per-SKU attributes join the scenario."""
    parser.add_argument(
        "--items",
        type=Path,
        help="item master (CSV or Excel: SKU, unit cost, lead time, MOQ, supplier, …); its "
        "values replace the scenario's for the SKUs it lists. The demand file itself reads its "
        "price or value column",
    )


def with_items(scenario: Scenario, path: Path | None, demand: DemandData) -> Scenario:
    """``scenario`` with the item master at ``path`` applied (unchanged without one); its
    notes (e.g. SKUs left out) go to stderr so JSON output stays clean."""
    if path is None:
        return scenario
    if not path.exists():
        raise JitError(f"The item master {path} does not exist.", "Check the path.")
    # the demand file itself: its price or value column, with the SKU and quantity it read
    columns = demand.report.columns if path.name == demand.report.source else {}
    master = read_items(
        path,
        skus=demand.skus,
        frequency=demand.frequency,
        sku_column=columns.get("sku"),
        quantity_column=columns.get("quantity"),
    )
    for note in master.notes[1:]:
        print(f"items: {note}", file=sys.stderr)
    return apply_items(scenario, master.items)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    if not args.file.exists():
        raise JitError(f"The demand file {args.file} does not exist.", "Check the path.")
    demand = read_demand(args.file)
    scenario = with_items(scenario, args.items, demand)
    forecasts = forecast_with_progress(demand, scenario.forecast, args.sku, quiet=args.json)
    result = run_scenario(demand, scenario, forecasts=forecasts, skus=args.sku)
    if args.timeline is not None:
        write_csv(result.timeline.to_frame(), args.timeline, what="the timeline")
    summary = result.summary()
    if args.json:
        for row in summary["per_sku"]:
            target = sku_service_target(scenario, row["sku"])
            achieved = None if target is None else row[target.measure]
            row["target"] = None if target is None else target.to_dict()
            row["gap"] = None if achieved is None else achieved - target.value
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
        return 0
    sim = scenario.simulation
    print(
        f"{scenario.name}: {scenario.policy.kind} on {demand.name or args.file.name}, "
        f"{sim.mode.replace('_', ' ')}, {result.paths} path(s) × {len(result.dates)} periods"
    )
    width = max([len(s) for s in result.skus] + [5])
    header = f"{'SKU':<{width}}  " + "  ".join(f"{label:>12}" for _, label, _ in TABLE)
    print(header)
    rows = [(row["sku"], row) for row in summary["per_sku"]] + [("TOTAL", summary["kpis"])]
    for name, values in rows:
        cells = "  ".join(f"{pattern(values[key], spec):>12}" for key, _, spec in TABLE)
        print(f"{name:<{width}}  {cells}")
    return 0
