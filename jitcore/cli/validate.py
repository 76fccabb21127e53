"""``python -m jitcore validate FILE``: read a demand file and report what was understood.

Exit status 0 when the file is usable, 2 when it is not. ``--json`` prints one JSON object:
``ok``, ``file``, ``layout``, ``frequency``, ``skus`` (count), ``periods``, ``start``, ``end``
(ISO dates), ``total_quantity`` (after cleaning), ``columns`` (role -> column), ``excluded``
(reason -> count), ``decisions``, ``warnings`` and ``errors`` (plain-language strings).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from jitcore.demand import FREQUENCY_NAMES, DemandData
from jitcore.errors import IntakeError
from jitcore.intake import LAYOUT_NAMES, IntakeOptions, read_demand


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="CSV, TSV, TXT or XLSX file with demand history")
    parser.add_argument(
        "--sheet", help="sheet name of an Excel workbook (default: the first sheet with data)"
    )
    parser.add_argument("--date-col", metavar="COLUMN", help="header of the date column")
    parser.add_argument("--sku-col", metavar="COLUMN", help="header of the SKU column")
    parser.add_argument("--qty-col", metavar="COLUMN", help="header of the quantity column")
    parser.add_argument(
        "--freq",
        choices=["D", "W", "M"],
        type=str.upper,
        help="sum into days, weeks or months (default: as detected)",
    )
    parser.add_argument(
        "--layout", choices=list(LAYOUT_NAMES), help="force a layout (default: detected)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def _options(args: argparse.Namespace) -> IntakeOptions:
    return IntakeOptions(
        sheet=args.sheet,
        layout=args.layout,
        date_column=args.date_col,
        sku_column=args.sku_col,
        quantity_column=args.qty_col,
        frequency=args.freq,
    )


def summary(data: DemandData) -> dict[str, Any]:
    """The JSON-ready summary of a successful read."""
    report = data.report
    return {
        "ok": True,
        "file": report.source,
        "layout": report.layout,
        "frequency": data.frequency,
        "skus": len(data.skus),
        "periods": data.periods,
        "start": data.start.date().isoformat(),
        "end": data.end.date().isoformat(),
        "total_quantity": round(data.total, 6),
        "columns": dict(report.columns),
        "excluded": dict(report.excluded),
        "decisions": list(report.decisions),
        "warnings": list(report.warnings),
        "errors": [],
    }


def failure(file: str, exc: IntakeError) -> dict[str, Any]:
    message = exc.message + (f" {exc.hint}" if exc.hint else "")
    return {
        "ok": False,
        "file": file,
        "layout": None,
        "frequency": None,
        "skus": 0,
        "periods": 0,
        "start": None,
        "end": None,
        "total_quantity": None,
        "columns": {},
        "excluded": {},
        "decisions": [],
        "warnings": [],
        "errors": [message],
    }


def _text(result: dict[str, Any]) -> str:
    if not result["ok"]:
        return f"{result['file']}: NOT usable\n" + "".join(
            f"  error: {error}\n" for error in result["errors"]
        )
    lines = [
        f"{result['file']}: usable",
        f"  layout:     {LAYOUT_NAMES[result['layout']]}",
        f"  frequency:  {FREQUENCY_NAMES[result['frequency']]}",
        f"  SKUs:       {result['skus']:,}",
        f"  periods:    {result['periods']:,} ({result['start']} to {result['end']})",
        f"  total:      {result['total_quantity']:,.10g} units",
        "  columns:    " + ", ".join(f"{k} = {v}" for k, v in result["columns"].items()),
    ]
    if result["excluded"]:
        lines.append(
            "  left out:   " + ", ".join(f"{k}: {v:,}" for k, v in result["excluded"].items())
        )
    lines.append("decisions:")
    lines += [f"  - {line}" for line in result["decisions"]]
    if result["warnings"]:
        lines.append("warnings:")
        lines += [f"  ! {line}" for line in result["warnings"]]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    try:
        data = read_demand(args.file, options=_options(args))
        result = summary(data)
    except IntakeError as exc:
        result = failure(args.file, exc)
    except ValueError as exc:  # invalid option values (pydantic)
        result = failure(args.file, IntakeError(f"Invalid option: {exc}", ""))
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        stream = sys.stdout if result["ok"] else sys.stderr
        stream.write(_text(result))
    return 0 if result["ok"] else 2
