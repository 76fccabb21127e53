"""``python -m jitcore workspace``: where the workspace file is, what it holds, and a
workspace's scenario library exported as a scenario file (version 2)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jitcore.errors import JitError, WorkspaceError
from jitcore.workspace import NamedScenario, ScenarioFile, WorkspaceStore, workspace_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        metavar="PATH",
        default=None,
        help="the workspace file (default: $JIT_WHATIF_WORKSPACE, else the user's data folder)",
    )
    parser.add_argument(
        "action",
        choices=("path", "list", "export"),
        help="path: print where the file is; list: its workspaces; export: one workspace's "
        "scenarios as a scenario file",
    )
    parser.add_argument("id", nargs="?", help="the workspace to export (its ?ws= in the app)")
    parser.add_argument("--out", metavar="FILE", help="write the export here (default: stdout)")
    parser.add_argument("--json", action="store_true", help="list as JSON")


def run(args: argparse.Namespace) -> int:
    if args.action == "path":
        print(workspace_path(args.workspace))
        return 0
    path = workspace_path(args.workspace)
    if not path.exists():
        raise WorkspaceError(
            f"There is no workspace file at {path}.",
            "Open the app once, or give the file with --workspace PATH.",
        )
    store = WorkspaceStore(path)
    if store.notice:
        print(f"note: {store.notice}", file=sys.stderr)
    if args.action == "list":
        return _list(store, args.json)
    if not args.id:
        raise JitError("Say which workspace to export.", "List them with `workspace list`.")
    if store.workspace(args.id) is None:
        raise WorkspaceError(
            f"There is no workspace {args.id!r} in {path}.", "List them with `workspace list`."
        )
    text = _export(store, args.id)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise JitError(
                f"Cannot write {args.out} ({exc.strerror}).", "Pick a folder you can write to."
            ) from None
    else:
        sys.stdout.write(text + "\n")
    return 0


def _list(store: WorkspaceStore, as_json: bool) -> int:
    rows = [
        {
            "id": info.id,
            "name": info.name,
            "updated": info.updated,
            "scenarios": len(store.scenarios(info.id)),
            "data_sets": len(store.data_sets(info.id)),
        }
        for info in store.workspaces()
    ]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        print(
            f"{row['id']}  {row['name']}  (changed {row['updated'][:16]}, "
            f"{row['scenarios']} scenarios, {row['data_sets']} data sets)"
        )
    return 0


def _export(store: WorkspaceStore, ws: str) -> str:
    active = store.active(ws)
    data = None
    if active.data_set_id is not None:
        found = store.data_set(active.data_set_id)
        data = found[0] if found else None
    return ScenarioFile(
        scenarios=tuple(NamedScenario(s.name, s.scenario, s.notes) for s in store.scenarios(ws)),
        baseline=active.baseline_name,
        data_name=data.filename if data else None,
        data_fingerprint=data.fingerprint if data else None,
    ).to_json()
