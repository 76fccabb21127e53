"""``python -m jitcore report FILE --scenario A.json [--baseline B.json] --out report.xlsx``.

Runs the scenario (and the baseline, on the same demand draws) on every SKU of the demand file
and writes the report in the format of ``--out``'s extension: ``.xlsx`` (the workbook: summary,
settings, KPIs per SKU and scenario, plan, per-period timeline, SKUs, intake), ``.html`` (one
self-contained page with the charts inside), ``.pdf`` (that page printed by Chromium) or
``.zip`` (the charts as PNG images, each titled with the chart, the SKU and the scenario).
``--sku`` picks the SKU of the charts (default: the one with the highest total demand).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from jitcore.cli.run import add_items_argument, load_scenario, with_items
from jitcore.errors import JitError
from jitcore.intake import read_demand
from jitcore.reports import write_file
from jitcore.reports.content import report_content
from jitcore.reports.report import FORMATS, check_format, report_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="demand file (CSV or Excel)")
    parser.add_argument("--scenario", type=Path, required=True, help="scenario JSON (the after)")
    parser.add_argument("--baseline", type=Path, help="baseline scenario JSON (the before)")
    add_items_argument(parser)
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help=f"report file; its extension sets the format: {', '.join('.' + f for f in FORMATS)}",
    )
    parser.add_argument("--sku", help="the SKU of the charts (default: highest total demand)")


def run(args: argparse.Namespace) -> int:
    fmt = check_format(args.out.suffix or "(none)")
    scenario = load_scenario(args.scenario)
    baseline = load_scenario(args.baseline) if args.baseline is not None else None
    if not args.file.exists():
        raise JitError(f"The demand file {args.file} does not exist.", "Check the path.")
    demand = read_demand(args.file)
    scenario = with_items(scenario, args.items, demand)
    if baseline is not None:
        baseline = with_items(baseline, args.items, demand)
    content = report_content(demand, scenario, baseline, sku=args.sku)
    report = report_file(content, fmt)
    write_file(args.out, report.data, what="the report")
    against = f" against {baseline.name}" if baseline is not None else ""
    print(
        f"Wrote the report ({FORMATS[fmt][0]}) of {scenario.name}{against} "
        f"({len(content.scenario.skus)} SKUs, charts for {content.sku}) to {args.out}."
    )
    return 0
