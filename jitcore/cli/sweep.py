"""``python -m jitcore sweep FILE --param NAME --values V1,V2,... [--scenario S.json] [--sku SKU]
[--json]``.

Runs the scenario (the default one without ``--scenario``) once per value of one setting, all
values in one simulation on the same demand draws (common random numbers), and prints per value
the KPIs of ``run`` with the same key names: a table (one row per value, the totals over the
SKUs) or with ``--json`` one object ``{"param": NAME, "values": [...], "results": [{"value": V,
"kpis": {...}, "per_sku": [...], ...}]}``. ``NAME`` is a dotted setting of the scenario
template, e.g. ``buffers.cycle_service_level``, ``supply.lead_time`` or ``policy.kind``; each
value is read as JSON (numbers, ``true``, ``null``) or else as text (``kanban``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from jitcore.cli.run import TABLE, add_items_argument, load_scenario, with_items
from jitcore.errors import JitError, ScenarioError
from jitcore.formatting import excerpt, pattern
from jitcore.intake import read_demand
from jitcore.jsontext import load_json
from jitcore.pipeline import run_sweep


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="demand file (CSV or Excel)")
    parser.add_argument(
        "--param", required=True, help="dotted setting to sweep, e.g. supply.lead_time"
    )
    parser.add_argument(
        "--values", required=True, help="comma-separated values, e.g. 0.9,0.95,0.99"
    )
    parser.add_argument("--scenario", type=Path, help="scenario JSON (see scenario-template)")
    add_items_argument(parser)
    parser.add_argument(
        "--sku", action="append", help="simulate only this SKU (repeat for several)"
    )
    parser.add_argument("--json", action="store_true", help="print the KPIs as JSON")


_NUMBER = re.compile(r"[-+]?[0-9.]+([eE][-+]?[0-9]+)?")


def parse_values(text: str) -> list[Any]:
    """``"0.9, 0.95,kanban"`` → ``[0.9, 0.95, "kanban"]``: each item as JSON, else as text."""
    values: list[Any] = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        try:
            values.append(load_json(item, what="value", error=ScenarioError))
        except ScenarioError:
            if _NUMBER.fullmatch(item):  # a number too long to be a setting
                raise ScenarioError(
                    f"The value {excerpt(item)} is not a number a setting can take.",
                    "Give values of at most 40 digits, e.g. --values 100,200,400.",
                ) from None
            values.append(item)
    if not values:
        raise ScenarioError(
            "No values to sweep.", "Give values separated by commas, e.g. --values 1,2,4."
        )
    return values


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    values = parse_values(args.values)
    for value in values:  # a bad name or value fails before the data is read
        scenario.with_setting(args.param, value)
    if not args.file.exists():
        raise JitError(f"The demand file {args.file} does not exist.", "Check the path.")
    demand = read_demand(args.file)
    scenario = with_items(scenario, args.items, demand)
    sweep = run_sweep(demand, scenario, args.param, values, skus=args.sku)
    if args.json:
        results = [
            {"value": value, **result.summary()}
            for value, result in zip(sweep.values, sweep.results, strict=True)
        ]
        payload = {"param": args.param, "values": list(sweep.values), "results": results}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return 0
    first = sweep.results[0]
    print(
        f"{scenario.name}: {args.param} swept over {len(values)} value(s) on "
        f"{demand.name or args.file.name}, {len(first.skus)} SKU(s), {first.paths} path(s) × "
        f"{len(first.dates)} periods; totals over the SKUs"
    )
    width = max([len(str(v)) for v in values] + [len(args.param.split(".")[-1])])
    header = f"{args.param.split('.')[-1]:<{width}}  " + "  ".join(
        f"{label:>12}" for _, label, _ in TABLE
    )
    print(header)
    for value, result in zip(sweep.values, sweep.results, strict=True):
        kpis = result.summary()["kpis"]
        cells = "  ".join(f"{pattern(kpis[key], spec):>12}" for key, _, spec in TABLE)
        print(f"{str(value):<{width}}  {cells}")
    return 0
