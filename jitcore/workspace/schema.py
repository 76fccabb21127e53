"""The layout of the workspace file and the migrations between its versions.

The version is SQLite's ``PRAGMA user_version`` (0 in a new, empty file). Each migration takes
the file one version up inside one transaction, so a file is always at a whole version:

* 0 → 1: workspaces, data sets (original bytes compressed, intake options, fingerprint, intake
  report), named scenarios and the last active state of each workspace;
* 1 → 2: notes on scenarios, and the baseline as a mark on a saved scenario.
"""

from __future__ import annotations

import sqlite3

#: The version this code writes (and the highest it reads).
SCHEMA_VERSION = 2

_V1 = """
CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE data_sets (
    id INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    filename TEXT NOT NULL,
    payload BLOB NOT NULL,
    size INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    options TEXT NOT NULL,
    report TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX data_sets_by_workspace ON data_sets(workspace_id, fingerprint);
CREATE TABLE scenarios (
    id INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    settings TEXT NOT NULL,
    data_set_id INTEGER REFERENCES data_sets(id) ON DELETE SET NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE TABLE active_state (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    data_set_id INTEGER REFERENCES data_sets(id) ON DELETE SET NULL,
    sku TEXT,
    working TEXT,
    baseline TEXT
);
"""

_V2 = """
ALTER TABLE scenarios ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE active_state ADD COLUMN baseline_scenario_id INTEGER
    REFERENCES scenarios(id) ON DELETE SET NULL;
"""

#: ``MIGRATIONS[v]`` takes a file from version ``v`` to ``v + 1``.
MIGRATIONS: dict[int, str] = {0: _V1, 1: _V2}


def version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the file up to ``target``, one version per transaction; returns the version it
    had. A connection in autocommit mode (``isolation_level=None``) is expected."""
    start = version(connection)
    current = start
    while current < target:
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            current = version(connection)
            if current < target:
                for statement in _statements(MIGRATIONS[current]):
                    connection.execute(statement)
                current += 1
                connection.execute(f"PRAGMA user_version = {current}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return start


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
