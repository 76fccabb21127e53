"""``python -m jitcore profile FILE``: the demand profile of every SKU, as a table or a CSV."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

from jitcore.intake import read_demand
from jitcore.profile import INTERMITTENT_WARNING, profile_demand
from jitcore.reports import write_csv


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="demand file (CSV or Excel)")
    parser.add_argument("--csv", type=Path, help="also write the full table to this CSV file")


def run(args: argparse.Namespace) -> int:
    profile = profile_demand(read_demand(args.file))
    table = profile.table
    if args.csv:
        write_csv(table, args.csv, what="the profile")
    shown = table[
        ["sku", "demand_class", "abc", "xyz", "adi", "cv2", "zero_share", "mean", "cv"]
        + ["trend_strength", "seasonal_strength"]
    ].copy()
    shown["adi"] = shown["adi"].map(lambda v: "inf" if math.isinf(v) else f"{v:.2f}")
    shown["zero_share"] = shown["zero_share"].map(lambda v: f"{v:.0%}")
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(shown.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    for note in profile.notes:
        print(f"note: {note}")
    if profile.flagged:
        print(f"\nIntermittent or lumpy: {', '.join(profile.flagged)}.", file=sys.stdout)
        print(INTERMITTENT_WARNING)
    return 0
