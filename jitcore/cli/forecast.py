"""``python -m jitcore forecast FILE``: forecast one or every SKU of a demand file.

Without ``--sku`` every SKU is forecast. ``--json`` prints a list with one object per SKU: sku,
method, parameters, forecast (list of {date, mean, lower, upper}), accuracy (mae, rmse, mase,
bias), candidates (each method's backtest metrics) and the forecast-error σ by step.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

from jitcore.cli.progress import stderr_progress
from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult, ForecastSettings, forecast_all, forecast_sku
from jitcore.forecast.registry import METHODS
from jitcore.forecast.settings import MAX_HORIZON, MetricName
from jitcore.formatting import excerpt, significant

INTAKE_FLAGS = {
    "sheet": "sheet",
    "date_col": "date_column",
    "sku_col": "sku_column",
    "qty_col": "quantity_column",
    "freq": "frequency",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="demand file (CSV, TSV, TXT or XLSX)")
    parser.add_argument("--sku", help="forecast only this SKU (default: every SKU)")
    parser.add_argument(
        "--method",
        default="auto",
        choices=["auto", *METHODS],
        help="method, or auto: the best in the backtest (default: auto)",
    )
    parser.add_argument("--horizon", type=int, default=12, help="periods ahead (default 12)")
    parser.add_argument(
        "--metric",
        default="mase",
        choices=list(MetricName.__args__),  # type: ignore[attr-defined]
        help="what the automatic choice minimises in the backtest (default mase)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    intake = parser.add_argument_group("reading the file (as for validate)")
    intake.add_argument("--sheet", help="Excel sheet name")
    intake.add_argument("--date-col", help="column holding the dates")
    intake.add_argument("--sku-col", help="column holding the SKU codes")
    intake.add_argument("--qty-col", help="column holding the quantities")
    intake.add_argument("--freq", choices=["D", "W", "M"], help="daily, weekly or monthly")


def read_file(args: argparse.Namespace) -> DemandData:
    """Read the file with the intake options given on the command line (when the reader
    accepts options; the plain reader otherwise)."""
    from jitcore import intake

    given = {
        field: getattr(args, flag)
        for flag, field in INTAKE_FLAGS.items()
        if getattr(args, flag, None) is not None
    }
    options_class = getattr(intake, "IntakeOptions", None)
    if options_class is not None:
        return intake.read_demand(args.file, options=options_class(**given))
    return intake.read_demand(args.file)


def _number(value: float) -> float | None:
    return None if value is None or not math.isfinite(float(value)) else float(value)


def result_to_dict(result: ForecastResult) -> dict[str, Any]:
    """The JSON object for one SKU (NaN becomes null, dates are ISO strings)."""
    accuracy = result.accuracy
    candidates = []
    for method, row in result.candidates.iterrows():
        entry: dict[str, Any] = {"method": str(method)}
        for column in ("mase", "rmsse", "mae", "rmse", "mape", "smape", "bias"):
            entry[column] = _number(row[column])
        entry["tracking_signal"] = _number(row["tracking_signal"])
        entry["value_added_pct"] = _number(row["value_added_pct"])
        entry["rank"] = int(row["rank"])
        entry["chosen"] = bool(row["chosen"])
        candidates.append(entry)
    return {
        "sku": result.sku,
        "method": result.method,
        "description": result.description,
        "parameters": {k: _number(v) for k, v in result.parameters.items()},
        "demand_class": result.demand_class,
        "selection_metric": result.selection_metric,
        "forecast": [
            {
                "date": date.date().isoformat(),
                "mean": _number(row["mean"]),
                "lower": _number(row["lower"]),
                "upper": _number(row["upper"]),
            }
            for date, row in result.forecast.iterrows()
        ],
        "interval_level": result.interval_level,
        "accuracy": {
            "mae": _number(accuracy.mae) if accuracy else None,
            "rmse": _number(accuracy.rmse) if accuracy else None,
            "mase": _number(accuracy.mase) if accuracy else None,
            "bias": _number(accuracy.bias) if accuracy else None,
        },
        "error_sd": [_number(v) for v in result.error_sd],
        "candidates": candidates,
        "notes": list(result.notes),
    }


def _print_summary(results: dict[str, ForecastResult]) -> None:
    header = f"{'SKU':<28} {'method':<30} {'MASE':>7} {'MAE':>10} {'bias':>10} {'next':>10}"
    print(header)
    print("-" * len(header))
    for sku, result in results.items():
        accuracy = result.accuracy
        print(
            f"{sku[:28]:<28} {result.label[:30]:<30} "
            f"{significant(accuracy.mase if accuracy else math.nan):>7} "
            f"{significant(accuracy.mae if accuracy else math.nan, 4):>10} "
            f"{significant(accuracy.bias if accuracy else math.nan, 4):>10} "
            f"{significant(float(result.forecast['mean'].iloc[0]), 4):>10}"
        )


def _print_one(result: ForecastResult) -> None:
    print(f"SKU {result.sku}: {result.label} ({result.description})")
    print(f"demand class: {result.demand_class}; chosen by backtest {result.selection_metric}")
    for note in result.notes:
        print(f"note: {note}")
    print()
    print(f"{'method':<32} {'rank':>4} {'MASE':>7} {'MAE':>10} {'bias':>10} {'FVA %':>7}")
    for method, row in result.candidates.iterrows():
        mark = "*" if row["chosen"] else " "
        print(
            f"{mark}{METHODS[str(method)].label[:31]:<31} {int(row['rank']):>4} "
            f"{significant(row['mase']):>7} {significant(row['mae'], 4):>10} {significant(row['bias'], 4):>10} "
            f"{significant(row['value_added_pct'], 3):>7}"
        )
    print()
    level = round(100 * result.interval_level)
    print(f"{'date':<12} {'mean':>12} {f'{level}% lower':>12} {f'{level}% upper':>12} {'σ':>10}")
    for (date, row), sd in zip(result.forecast.iterrows(), result.error_sd, strict=True):
        print(
            f"{date.date().isoformat():<12} {row['mean']:>12.4g} {row['lower']:>12.4g} "
            f"{row['upper']:>12.4g} {sd:>10.4g}"
        )


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.horizon <= MAX_HORIZON:
        raise JitError(
            f"The horizon must be from 1 to {MAX_HORIZON} periods; {excerpt(args.horizon)} was "
            "given.",
            "Use --horizon 12, for example.",
        )
    demand = read_file(args)
    settings = ForecastSettings(method=args.method, horizon=args.horizon, metric=args.metric)
    if args.sku is not None:
        if args.sku not in demand.skus:
            raise JitError(
                f"SKU {args.sku!r} is not in {args.file}.",
                "Known SKUs: "
                + ", ".join(demand.skus[:20])
                + ("…" if len(demand.skus) > 20 else ""),
            )
        series = demand.series(args.sku)
        results = {args.sku: forecast_sku(series, settings, frequency=demand.frequency)}
    else:
        progress = stderr_progress(len(demand.skus), quiet=args.json)
        results = forecast_all(demand, settings, progress=progress)
    if args.json:
        print(json.dumps([result_to_dict(r) for r in results.values()], indent=2))
    elif len(results) == 1:
        _print_one(next(iter(results.values())))
    else:
        _print_summary(results)
    return 0
