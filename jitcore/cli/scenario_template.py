"""``python -m jitcore scenario-template``: print a complete default scenario as JSON."""

from __future__ import annotations

import argparse
import sys

from jitcore.scenario import Scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        default=None,
        help="start from this replenishment policy (e.g. pout, kanban, reorder_point)",
    )


def run(args: argparse.Namespace) -> int:
    scenario = Scenario()
    if args.policy:
        scenario = scenario.with_setting("policy.kind", args.policy)
    sys.stdout.write(scenario.to_json(indent=2) + "\n")
    return 0
