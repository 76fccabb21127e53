"""Command line: ``python -m jitcore COMMAND ...``; each command lives in its own module.

Every user error prints a plain message and exits with status 2; there is never a traceback
unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from jitcore.budget import BUDGET_ENV, DEFAULT_BUDGET_MB, budget_mb, parse_budget_mb
from jitcore.errors import JitError

#: command name -> module in this package defining ``add_arguments(parser)`` and ``run(args) -> int``
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "Read a demand file and report what was understood."),
    "profile": ("profile", "Profile every SKU: demand class, ABC/XYZ, trend and seasonality."),
    "forecast": ("forecast", "Forecast one or every SKU of a demand file."),
    "scenario-template": ("scenario_template", "Print a complete default scenario as JSON."),
    "run": ("run", "Simulate a scenario on a demand file and print its KPIs."),
    "sweep": ("sweep", "Run a scenario for several values of one setting."),
    "plan": ("plan", "Size the buffers of a scenario and print them per SKU."),
    "calibrate": (
        "calibrate",
        "Compare each SKU's service target with what the simulation achieves.",
    ),
    "chain": ("chain", "Simulate a multi-stage chain and print its bullwhip per stage."),
}


_BUDGET_OPTION = {
    "metavar": "MB",
    "help": f"most memory a run may take, in megabytes (default {DEFAULT_BUDGET_MB}, "
    f"or {BUDGET_ENV})",
}


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(prog="python -m jitcore", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    parser.add_argument("--memory-budget-mb", **_BUDGET_OPTION)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(f"jitcore.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"jitcore.cli.{module_name}":
                raise
            continue
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command_parser)
        # also after the command; SUPPRESS keeps a value given before it
        command_parser.add_argument(
            "--memory-budget-mb", **_BUDGET_OPTION, default=argparse.SUPPRESS
        )
        modules[name] = module
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        if getattr(args, "memory_budget_mb", None) is not None:
            # the budget is read where runs start, in this process
            os.environ[BUDGET_ENV] = str(parse_budget_mb(args.memory_budget_mb))
        budget_mb()  # a bad value in the environment is reported before any work
        return int(modules[args.command].run(args))  # type: ignore[attr-defined]
    except BrokenPipeError:
        # Output piped into e.g. `head` that stopped reading: not an error of ours.
        sys.stderr.close()
        return 0
    except JitError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the command line never shows a traceback
        if args.debug:
            raise
        print(f"unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("hint: run again with --debug and report the output.", file=sys.stderr)
        return 1
