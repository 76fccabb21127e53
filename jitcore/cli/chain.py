"""``python -m jitcore chain [--stages N] [--lead-time L] [--policy P] [--forecast F]
[--window p] [--information local|shared|vmi] [--paths N] [--periods N] [--seed S] [--json]``.

Simulates a serial chain of alike stages (retailer → … → factory) on i.i.d. normal end-customer
demand and prints each stage's bullwhip (against its incoming orders), amplification (against
end demand), stock, fill rate and cost, then the chain's totals; with ``--json`` one object
``{"stages": [{"name", "exposure", "bullwhip", "amplification", "average_on_hand",
"fill_rate", "total_cost", ...}, ...], "chain": {...}, "settings": {...}}``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

from jitcore.chain import run_chain, uniform_chain
from jitcore.formatting import fixed, percent, significant

POLICIES = ("order_up_to", "pout", "kanban")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stages", type=int, default=4, help="stages from the retailer up, 1-4")
    parser.add_argument(
        "--lead-time", type=int, default=2, help="lead time of every stage in periods, 0-12"
    )
    parser.add_argument(
        "--policy", choices=POLICIES, default="order_up_to", help="how stages order"
    )
    parser.add_argument(
        "--forecast", choices=("moving_average", "exponential"), default="moving_average"
    )
    parser.add_argument("--window", type=int, default=4, help="moving average window p, 1-52")
    parser.add_argument("--alpha", type=float, default=0.2, help="exponential smoothing constant")
    parser.add_argument(
        "--smoothing-periods", type=float, default=4.0, help="POUT controller Ti in periods"
    )
    parser.add_argument(
        "--information", choices=("local", "shared", "vmi", "shared_vmi"), default="local"
    )
    parser.add_argument("--mean", type=float, default=100.0, help="mean end demand per period")
    parser.add_argument("--sd", type=float, default=10.0, help="standard deviation of end demand")
    parser.add_argument("--paths", type=int, default=200, help="demand paths, 1-20000")
    parser.add_argument(
        "--periods", type=int, default=260, help="periods simulated, warm-up included"
    )
    parser.add_argument(
        "--warmup", type=int, help="first periods left out of the KPIs; default a fifth of the run"
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed")
    parser.add_argument("--json", action="store_true", help="print the KPIs as JSON")


def _finite(value: object) -> object:
    """The output with every NaN or infinity as null (no variance to divide by): valid JSON."""
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def run(args: argparse.Namespace) -> int:
    settings = uniform_chain(
        args.stages,
        lead_time=args.lead_time,
        policy=args.policy,
        forecast=args.forecast,
        window=args.window,
        alpha=args.alpha,
        smoothing_periods=args.smoothing_periods,
        information=args.information,
        demand={"mean": args.mean, "sd": args.sd},
        paths=args.paths,
        periods=args.periods,
        warmup=args.periods // 5 if args.warmup is None else args.warmup,
        seed=args.seed,
        timeline_paths=0,
    )
    result = run_chain(settings)
    if args.json:
        out = {**result.to_dict(), "settings": settings.model_dump(mode="json")}
        sys.stdout.write(json.dumps(_finite(out), indent=2, allow_nan=False) + "\n")
        return 0
    print(
        f"{len(settings.stages)}-stage chain, {args.policy.replace('_', ' ')}, {args.information} "
        f"information, {settings.paths} path(s) × {settings.periods - settings.warmup} periods"
    )
    header = ("stage", "exposure", "bullwhip", "amplification", "on hand", "fill rate", "cost")
    print("  ".join(f"{h:>13}" for h in header))
    rows = [
        (k.name, str(k.exposure), significant(k.bullwhip), significant(k.amplification),
         fixed(k.average_on_hand), percent(k.fill_rate), fixed(k.total_cost))
        for k in result.stages
    ]  # fmt: skip
    c = result.chain
    rows.append(("CHAIN", "", "", significant(c.amplification), fixed(c.average_on_hand),
                 percent(c.fill_rate), fixed(c.total_cost)))  # fmt: skip
    for row in rows:
        print("  ".join(f"{cell:>13}" for cell in row))
    return 0
