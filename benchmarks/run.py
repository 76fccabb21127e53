"""Run every benchmark and print its figures: ``python benchmarks/run.py [--json] [NAME ...]``.

Each ``benchmarks/bench_*.py`` module defines ``run() -> list[dict]`` returning figures
``{"name": str, "value": float, "unit": str}``. ``--data PATH`` (repeatable) hands extra demand
files to the benchmarks whose ``run`` takes ``data`` (calibration).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON list of figures")
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. engine forecast)")
    parser.add_argument(
        "--data", action="append", help="extra demand file for benchmarks that take data"
    )
    args = parser.parse_args()
    figures: list[dict] = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if args.names and name not in args.names:
            continue
        module = importlib.import_module(path.stem)
        takes_data = "data" in inspect.signature(module.run).parameters
        for figure in module.run(data=args.data) if takes_data else module.run():
            figures.append(figure)
            if not args.json:
                print(f"{figure['name']:<60} {figure['value']:>14.6g} {figure['unit']}", flush=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
