"""``python -m jitcore targets FILE [--scenario S.json] [--items ITEMS.csv] [--fill-rate 0.98 |
--stock-budget 50000] [--sku SKU] [--csv OUT.csv] [--json]``.

Sweeps each SKU's service target, chooses a target per SKU by marginal analysis
(:mod:`jitcore.portfolio.targets`) and prints them with the pooled fill rate, total cost and
stock value against one target for all; ``--csv`` writes the per-SKU table
(:func:`jitcore.reports.targets_csv`), ``--json`` prints ``{"goal", "optimised", "one_target",
"one_target_value", "saving", "per_sku": [...]}``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from jitcore.cli.plan import read_demand_file
from jitcore.cli.run import add_items_argument, load_scenario, with_items
from jitcore.portfolio import TargetSettings, optimise_targets, sku_frontiers
from jitcore.reports import targets_csv
from jitcore.reports.cells import write_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="demand file (CSV or Excel)")
    parser.add_argument("--scenario", type=Path, help="scenario JSON (see scenario-template)")
    add_items_argument(parser)
    goal = parser.add_mutually_exclusive_group()
    goal.add_argument("--fill-rate", type=float, default=0.98,
                      help="pooled fill rate to reach, e.g. 0.98 (default)")  # fmt: skip
    goal.add_argument("--stock-budget", type=float,
                      help="instead: the best pooled fill rate within this stock value")  # fmt: skip
    parser.add_argument("--sku", action="append", help="only this SKU (repeat for several)")
    parser.add_argument("--csv", type=Path, help="write the per-SKU targets to this CSV")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _clean(values: dict) -> dict:
    return {
        k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in values.items()
    }


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    demand = read_demand_file(args.file)
    scenario = with_items(scenario, args.items, demand)
    if args.stock_budget is not None:
        settings = TargetSettings(goal="stock_budget", stock_budget=args.stock_budget)
    else:
        settings = TargetSettings(fill_rate=args.fill_rate)
    frontiers = sku_frontiers(demand, scenario, settings, skus=args.sku)
    plan = optimise_targets(frontiers, settings)
    if args.csv is not None:
        write_file(args.csv, targets_csv(plan), what="the targets")
    one = plan.one_target
    if args.json:
        payload = {
            "goal": settings.goal,
            "measure": frontiers.measure,
            "optimised": _clean(plan.optimised),
            "one_target": None if one is None else _clean(one),
            "one_target_value": plan.uniform_target,
            "saving": None if math.isnan(plan.saving) else plan.saving,
            "notes": list(plan.notes),
            "per_sku": [_clean(r) for r in plan.frame().to_dict("records")],
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return 0
    c = scenario.costs.currency
    best = plan.optimised
    measure = frontiers.measure.replace("_", " ")
    print(f"Per-SKU {measure} targets: pooled fill rate {best['fill_rate']:.2%}, total cost "
          f"{c}{best['total_cost']:,.0f}, stock value {c}{best['stock_value']:,.0f}")  # fmt: skip
    if one is not None:
        print(f"One target for all ({plan.uniform_target:.2%}): pooled fill rate "
              f"{one['fill_rate']:.2%}, total cost {c}{one['total_cost']:,.0f}, stock value "
              f"{c}{one['stock_value']:,.0f}; saving {c}{plan.saving:,.0f}")  # fmt: skip
    for note in plan.notes:
        print(note)
    width = max([len(s) for s in frontiers.skus] + [5])
    print(f"{'SKU':<{width}}  {'target':>8}  {'fill rate':>9}  {'total cost':>11}")
    for row in plan.frame().to_dict("records"):
        cost = f"{c}{row['total_cost']:,.0f}"
        print(f"{row['sku']:<{width}}  {row['target']:>8.1%}  {row['fill_rate']:>9.1%}  "
              f"{cost:>11}")  # fmt: skip
    if args.csv is not None:
        print(f"Wrote the targets of {len(frontiers.skus)} SKU(s) to {args.csv}.")
    return 0
