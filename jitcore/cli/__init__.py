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

from pydantic import ValidationError

from jitcore.budget import BUDGET_ENV, DEFAULT_BUDGET_MB, budget_mb, parse_budget_mb
from jitcore.errors import JitError
from jitcore.executors import EXECUTOR_ENV, EXECUTORS, SCHEDULER_ENV, default_executor
from jitcore.formatting import excerpt
from jitcore.intake.options import (
    DEFAULT_MAX_ROWS,
    MAX_ROWS_ENV,
    default_max_rows,
    parse_max_rows,
)

#: command name -> module in this package defining ``add_arguments(parser)`` and ``run(args) -> int``
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "Read a demand file and report what was understood."),
    "profile": ("profile", "Profile every SKU: demand class, ABC/XYZ, trend and seasonality."),
    "forecast": ("forecast", "Forecast one or every SKU of a demand file."),
    "scenario-template": ("scenario_template", "Print a complete default scenario as JSON."),
    "run": ("run", "Simulate a scenario on a demand file and print its KPIs."),
    "sweep": ("sweep", "Run a scenario for several values of one setting."),
    "plan": ("plan", "Size the buffers of a scenario and print them per SKU."),
    "workspace": ("workspace", "Where the workspace file is, its workspaces, an export."),
    "calibrate": (
        "calibrate",
        "Compare each SKU's service target with what the simulation achieves.",
    ),
    "targets": (
        "targets",
        "Per-SKU service targets that reach a portfolio fill rate at least cost.",
    ),
    "report": ("report", "Write a scenario-vs-baseline report: Excel, HTML or PDF."),
    "chain": ("chain", "Simulate a multi-stage chain and print its bullwhip per stage."),
}


_BUDGET_OPTION = {
    "metavar": "MB",
    "help": f"most memory a run may take, in megabytes (default {DEFAULT_BUDGET_MB}, "
    f"or {BUDGET_ENV})",
}


#: Options every command takes, before or after its name: (flag, argparse keywords).
_GLOBAL_OPTIONS: tuple[tuple[str, dict[str, object]], ...] = (
    ("--memory-budget-mb", _BUDGET_OPTION),
    (
        "--max-rows",
        {
            "metavar": "N",
            "help": f"most rows read from a demand file (default {DEFAULT_MAX_ROWS:,}, "
            f"or {MAX_ROWS_ENV})",
        },
    ),
    (
        "--executor",
        {
            "choices": EXECUTORS,
            "help": "where runs of many SKUs compute their chunks: here (local) or on a "
            f"dask.distributed cluster (dask; or {EXECUTOR_ENV})",
        },
    ),
    (
        "--scheduler",
        {
            "metavar": "ADDRESS",
            "help": f"the dask scheduler, e.g. tcp://10.0.0.5:8786 (or {SCHEDULER_ENV})",
        },
    ),
)


#: Environment variables the global options set for the duration of one command.
_SETTING_ENVS = (BUDGET_ENV, MAX_ROWS_ENV, EXECUTOR_ENV, SCHEDULER_ENV)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(prog="python -m jitcore", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    for flag, keywords in _GLOBAL_OPTIONS:
        parser.add_argument(flag, **keywords)
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
        for flag, keywords in _GLOBAL_OPTIONS:
            command_parser.add_argument(flag, **keywords, default=argparse.SUPPRESS)
        modules[name] = module
    return parser, modules


def _user_error(exc: JitError) -> int:
    print(f"error: {exc.message}", file=sys.stderr)
    if exc.hint:
        print(f"hint: {exc.hint}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    # the settings below are read where runs start, in this process; restored afterwards so
    # a command run from Python leaves the environment as it found it
    saved = {name: os.environ.get(name) for name in _SETTING_ENVS}
    try:
        if getattr(args, "memory_budget_mb", None) is not None:
            os.environ[BUDGET_ENV] = str(parse_budget_mb(args.memory_budget_mb))
        if getattr(args, "max_rows", None) is not None:
            os.environ[MAX_ROWS_ENV] = str(parse_max_rows(args.max_rows))
        if getattr(args, "executor", None) is not None:
            os.environ[EXECUTOR_ENV] = args.executor
        if getattr(args, "scheduler", None) is not None:
            os.environ[SCHEDULER_ENV] = args.scheduler
        # a bad value in the environment is reported before any work
        budget_mb()
        default_max_rows()
        default_executor()
        return int(modules[args.command].run(args))  # type: ignore[attr-defined]
    except BrokenPipeError:
        # Output piped into e.g. `head` that stopped reading: not an error of ours.
        sys.stderr.close()
        return 0
    except JitError as exc:
        return _user_error(exc)
    except ValidationError as exc:  # a setting built from an argument, checked by its model
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first["loc"]) or "a setting"
        return _user_error(
            JitError(f"{name}: {first['msg']}.", "Check the value given on the command line.")
        )
    except OSError as exc:  # a path given that cannot be read or written
        where = f" {excerpt(str(exc.filename))}" if exc.filename else ""
        return _user_error(
            JitError(f"Cannot use the file{where}: {exc.strerror or exc}.", "Check the path.")
        )
    except (MemoryError, RecursionError):
        return _user_error(
            JitError(
                "The input is too large or too deeply nested to read.",
                f"Use a smaller file, or fewer SKUs, paths or periods ({BUDGET_ENV}).",
            )
        )
    except Exception as exc:  # noqa: BLE001 - the command line never shows a traceback
        if args.debug:
            raise
        print(f"unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("hint: run again with --debug and report the output.", file=sys.stderr)
        return 1
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
