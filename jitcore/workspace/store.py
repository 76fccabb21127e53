"""The workspace store: workspaces, their data sets, named scenarios, the baseline mark and the
last active state, kept in one SQLite file (standard-library :mod:`sqlite3`).

Durability: the file runs in write-ahead-log mode with ``synchronous = FULL``, and every change is
its own short ``BEGIN IMMEDIATE`` transaction, so a change is on disk when its call returns and a
process killed at any moment loses only the change it was making. Several sessions and processes
may write at once: a writer waits up to ``busy_timeout`` seconds for another's transaction
instead of failing. A store keeps one connection and lets one thread at a time use it (a change
takes a few milliseconds), so one store is safe to share between the sessions of a server.

Failures a user can meet are :class:`~jitcore.errors.WorkspaceError` (message and fix). A file
that is not a database, fails SQLite's quick check or stays locked when the store is opened is
renamed aside (``workspace.db.corrupt-<UTC timestamp>``, with its ``-wal`` and ``-shm`` files)
and a fresh file is started; :attr:`WorkspaceStore.notice` then says what happened.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jitcore.errors import JitError, WorkspaceError
from jitcore.scenario import Scenario
from jitcore.workspace import schema
from jitcore.workspace.location import workspace_path

log = logging.getLogger(__name__)

#: Seconds a writer waits for another session's transaction before giving up.
BUSY_TIMEOUT = 5.0
#: Workspace ids: URL-safe, as :func:`new_workspace_id` makes them.
WORKSPACE_ID = re.compile(r"^[A-Za-z0-9_-]{4,40}$")
#: The longest name of a workspace or scenario (the scenario's own limit).
MAX_NAME = 80
DEFAULT_WORKSPACE_NAME = "My workspace"

_UNSET: Any = object()
#: The columns of a data set's record (all but its payload, which is read only when used).
_RECORD_COLUMNS = "id, workspace_id, name, filename, size, fingerprint, options, report, created"


def new_workspace_id() -> str:
    """A fresh random workspace id (64 bits, URL-safe): hard to guess, short enough for a URL."""
    return secrets.token_urlsafe(8)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def clean_name(name: str, what: str = "name") -> str:
    """``name`` stripped; a WorkspaceError when empty or longer than :data:`MAX_NAME`."""
    text = " ".join(str(name).split())
    if not text:
        raise WorkspaceError(f"The {what} is empty.", f"Type a {what}.")
    if len(text) > MAX_NAME:
        raise WorkspaceError(
            f"The {what} has {len(text)} characters; at most {MAX_NAME} fit.",
            f"Shorten the {what}.",
        )
    return text


# --- records -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class WorkspaceInfo:
    """One workspace: ``id`` (in the app's URL), its name and when it was made and last changed
    (ISO 8601, UTC)."""

    id: str
    name: str
    created: str
    updated: str


@dataclass(frozen=True)
class DataSetRecord:
    """A data set kept in a workspace. ``fingerprint`` is the SHA-256 of the original file's
    bytes; ``size`` their length in bytes; ``options`` the intake options (JSON data) it was read
    with; ``report`` the intake report (JSON data)."""

    id: int
    workspace_id: str
    name: str
    filename: str
    size: int
    fingerprint: str
    options: dict[str, Any]
    report: dict[str, Any]
    created: str


@dataclass(frozen=True)
class SavedScenario:
    """A named scenario of a workspace's library (its settings carry the same name)."""

    id: int
    name: str
    scenario: Scenario
    notes: str
    data_set_id: int | None
    created: str
    updated: str


@dataclass(frozen=True)
class ActiveState:
    """Where a workspace was left: the selected data set (None: the default sample), SKU,
    working scenario, the baseline in force and, when the baseline is a saved scenario, its name."""

    data_set_id: int | None = None
    sku: str | None = None
    working: Scenario | None = None
    baseline: Scenario | None = None
    baseline_name: str | None = None


def fingerprint(payload: bytes) -> str:
    """SHA-256 of a file's bytes, hex: the content identity of a data set or scenario file."""
    return hashlib.sha256(payload).hexdigest()


# --- the store ---------------------------------------------------------------------------------
class WorkspaceStore:
    """The workspace file at ``path`` (default: :func:`~jitcore.workspace.location.workspace_path`),
    created and migrated to :data:`~jitcore.workspace.schema.SCHEMA_VERSION` when opened."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, busy_timeout: float = BUSY_TIMEOUT
    ) -> None:
        self.path = workspace_path(path)
        self.busy_timeout = busy_timeout
        #: What happened to a damaged or locked file when the store was opened, else None.
        self.notice: str | None = None
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._open()

    # --- opening, checking, moving a bad file aside ----------------------------------------
    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(
                f"The folder for the workspace file cannot be made ({exc.strerror}).",
                f"Set JIT_WHATIF_WORKSPACE to a file in a folder you can write to "
                f"(now: {self.path}).",
            ) from None
        try:
            self._check_and_migrate()
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc):
                raise _cannot_open(exc, self.path) from None
            self._start_fresh("stayed locked by another program")
        except sqlite3.DatabaseError as exc:
            self._start_fresh(f"is damaged ({exc})")
        except _Damaged as exc:
            self._start_fresh(str(exc))

    def _check_and_migrate(self) -> None:
        connection = self._connect()
        try:
            found = schema.version(connection)
            if found > schema.SCHEMA_VERSION:
                raise WorkspaceError(
                    f"The workspace file {self.path} was written by a newer version of "
                    f"jit-whatif (format {found}; this one reads up to {schema.SCHEMA_VERSION}).",
                    "Update jit-whatif, or set JIT_WHATIF_WORKSPACE to another file.",
                )
            if found > 0:
                result = connection.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    lines = [line for line in str(result).splitlines() if "***" not in line]
                    raise _Damaged(f"failed SQLite's check ({(lines or [''])[0][:80]})")
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.info("workspace file %s runs in %s mode", self.path, mode)
            schema.migrate(connection)
        finally:
            connection.close()

    def _start_fresh(self, why: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                source = Path(f"{self.path}{suffix}")
                if source.exists():
                    os.replace(source, f"{aside}{suffix}")
        except OSError as exc:
            raise WorkspaceError(
                f"The workspace file {self.path} {why}, and it cannot be moved aside "
                f"({exc.strerror}).",
                "Close other programs using it, or set JIT_WHATIF_WORKSPACE to another file.",
            ) from None
        log.warning("workspace file %s %s; moved to %s", self.path, why, aside)
        self.notice = (
            f"The workspace file {why}. It was kept as {aside.name} next to it, and a fresh "
            "workspace file was started: saved scenarios and data sets from before are in "
            "that copy."
        )
        try:
            self._check_and_migrate()
        except sqlite3.Error as exc:
            raise _cannot_open(exc, self.path) from None

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        connection.execute("PRAGMA synchronous = FULL")
        connection.row_factory = sqlite3.Row
        return connection

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[sqlite3.Connection]:
        """One short transaction; SQLite's failures become WorkspaceErrors a user can act on."""
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = self._connect()
                connection = self._connection
                connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except sqlite3.Error as exc:
                self.close()
                raise _store_error(exc, self.path) from None
            try:
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as exc:
                _rollback(connection)
                if not isinstance(exc, sqlite3.OperationalError):
                    self.close()  # a damaged file: the next call connects afresh
                raise _store_error(exc, self.path) from None
            except BaseException:
                _rollback(connection)
                raise

    def schema_version(self) -> int:
        with self._transaction(write=False) as db:
            return schema.version(db)

    # --- workspaces ------------------------------------------------------------------------
    def create_workspace(self, name: str = DEFAULT_WORKSPACE_NAME, ws: str | None = None) -> str:
        """A new workspace; returns its id (``ws`` when given)."""
        ws = _check_id(ws or new_workspace_id())
        name = clean_name(name, "workspace name")
        with self._transaction(write=True) as db:
            if db.execute("SELECT 1 FROM workspaces WHERE id = ?", (ws,)).fetchone():
                raise WorkspaceError(f"A workspace with the id {ws} exists already.", "")
            now = _now()
            db.execute("INSERT INTO workspaces VALUES (?, ?, ?, ?)", (ws, name, now, now))
        return ws

    def workspace(self, ws: str) -> WorkspaceInfo | None:
        with self._transaction(write=False) as db:
            row = db.execute("SELECT * FROM workspaces WHERE id = ?", (ws,)).fetchone()
        return None if row is None else WorkspaceInfo(**dict(row))

    def workspaces(self) -> list[WorkspaceInfo]:
        """Every workspace, the most recently changed first."""
        with self._transaction(write=False) as db:
            rows = db.execute("SELECT * FROM workspaces ORDER BY updated DESC, id").fetchall()
        return [WorkspaceInfo(**dict(row)) for row in rows]

    def rename_workspace(self, ws: str, name: str) -> None:
        name = clean_name(name, "workspace name")
        with self._transaction(write=True) as db:
            self._touch(db, ws)
            db.execute("UPDATE workspaces SET name = ? WHERE id = ?", (name, ws))

    def delete_workspace(self, ws: str) -> None:
        """The workspace and everything in it (data sets, scenarios, state)."""
        with self._transaction(write=True) as db:
            db.execute("DELETE FROM workspaces WHERE id = ?", (ws,))

    def _touch(self, db: sqlite3.Connection, ws: str) -> None:
        """Mark ``ws`` changed now, making it first when it does not exist yet (a workspace is
        only written once something is saved in it)."""
        _check_id(ws)
        now = _now()
        db.execute(
            "INSERT INTO workspaces VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated = ?",
            (ws, DEFAULT_WORKSPACE_NAME, now, now, now),
        )

    # --- data sets -------------------------------------------------------------------------
    def add_data_set(
        self,
        ws: str,
        *,
        name: str,
        filename: str,
        payload: bytes,
        options: dict[str, Any] | None = None,
        report: dict[str, Any] | None = None,
    ) -> DataSetRecord:
        """Keep a data set's original bytes (zlib-compressed) with how it was read; the same
        bytes read the same way are kept once (the existing record is returned)."""
        options_text = json.dumps(options or {}, sort_keys=True, default=str)
        report_text = json.dumps(report or {}, default=str)
        digest = fingerprint(payload)
        with self._transaction(write=True) as db:
            self._touch(db, ws)
            row = db.execute(
                "SELECT id FROM data_sets WHERE workspace_id = ? AND fingerprint = ? "
                "AND options = ?",
                (ws, digest, options_text),
            ).fetchone()
            if row is None:
                cursor = db.execute(
                    "INSERT INTO data_sets (workspace_id, name, filename, payload, size, "
                    "fingerprint, options, report, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        ws,
                        name,
                        filename,
                        zlib.compress(payload, 6),
                        len(payload),
                        digest,
                        options_text,
                        report_text,
                        _now(),
                    ),
                )
                data_set_id = int(cursor.lastrowid or 0)
            else:
                data_set_id = int(row["id"])
            found = db.execute(
                f"SELECT {_RECORD_COLUMNS} FROM data_sets WHERE id = ?", (data_set_id,)
            ).fetchone()
        return _data_set(found)

    def data_sets(self, ws: str) -> list[DataSetRecord]:
        with self._transaction(write=False) as db:
            rows = db.execute(
                f"SELECT {_RECORD_COLUMNS} FROM data_sets WHERE workspace_id = ? ORDER BY id",
                (ws,),
            ).fetchall()
        return [_data_set(row) for row in rows]

    def data_set(self, data_set_id: int) -> tuple[DataSetRecord, bytes] | None:
        """A data set and its original bytes, or None when it is not kept."""
        with self._transaction(write=False) as db:
            row = db.execute("SELECT * FROM data_sets WHERE id = ?", (data_set_id,)).fetchone()
        if row is None:
            return None
        try:
            payload = zlib.decompress(row["payload"])
        except zlib.error:
            raise WorkspaceError(
                f"The kept copy of {row['filename']} is damaged.",
                "Load the file again on the Data page.",
            ) from None
        return _data_set(row), payload

    def delete_data_set(self, ws: str, data_set_id: int) -> None:
        with self._transaction(write=True) as db:
            self._touch(db, ws)
            db.execute("DELETE FROM data_sets WHERE id = ? AND workspace_id = ?", (data_set_id, ws))

    # --- the scenario library --------------------------------------------------------------
    def save_scenario(
        self,
        ws: str,
        name: str,
        scenario: Scenario,
        *,
        notes: str | None = None,
        data_set_id: int | None = _UNSET,
    ) -> SavedScenario:
        """Keep ``scenario`` under ``name`` (its own name set to it), replacing the settings of
        one of that name; notes and data set are kept unless given."""
        name = clean_name(name, "scenario name")
        settings = scenario.model_copy(update={"name": name}).to_json(indent=None)
        with self._transaction(write=True) as db:
            self._touch(db, ws)
            now = _now()
            row = _scenario_row(db, ws, name)
            if row is None:
                db.execute(
                    "INSERT INTO scenarios (workspace_id, name, settings, data_set_id, created, "
                    "updated, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        ws,
                        name,
                        settings,
                        None if data_set_id is _UNSET else data_set_id,
                        now,
                        now,
                        notes or "",
                    ),
                )
            else:
                db.execute(
                    "UPDATE scenarios SET settings = ?, updated = ?, notes = ?, data_set_id = ? "
                    "WHERE id = ?",
                    (
                        settings,
                        now,
                        row["notes"] if notes is None else notes,
                        row["data_set_id"] if data_set_id is _UNSET else data_set_id,
                        row["id"],
                    ),
                )
            saved = _scenario_row(db, ws, name)
        found = _saved(saved)
        assert found is not None
        return found

    def scenarios(self, ws: str) -> list[SavedScenario]:
        """The library of ``ws`` in the order the scenarios were first saved (rows whose
        settings no longer validate are left out, and logged)."""
        with self._transaction(write=False) as db:
            rows = db.execute(
                "SELECT * FROM scenarios WHERE workspace_id = ? ORDER BY id", (ws,)
            ).fetchall()
        return [saved for saved in map(_saved, rows) if saved is not None]

    def rename_scenario(self, ws: str, old: str, new: str) -> None:
        new = clean_name(new, "scenario name")
        with self._transaction(write=True) as db:
            row = _existing(db, ws, old)
            if new != old and _scenario_row(db, ws, new) is not None:
                raise WorkspaceError(
                    f"A scenario named {new!r} exists already.", "Pick another name."
                )
            self._touch(db, ws)
            settings = json.loads(row["settings"])
            settings["name"] = new
            db.execute(
                "UPDATE scenarios SET name = ?, settings = ?, updated = ? WHERE id = ?",
                (new, json.dumps(settings, ensure_ascii=False), _now(), row["id"]),
            )

    def duplicate_scenario(self, ws: str, name: str, new: str) -> SavedScenario:
        with self._transaction(write=False) as db:
            row = _existing(db, ws, name)
            if _scenario_row(db, ws, clean_name(new, "scenario name")) is not None:
                raise WorkspaceError(
                    f"A scenario named {new!r} exists already.", "Pick another name."
                )
        original = _saved(row)
        if original is None:
            raise WorkspaceError(f"The scenario {name!r} cannot be read.", "Delete it.")
        return self.save_scenario(
            ws, new, original.scenario, notes=original.notes, data_set_id=original.data_set_id
        )

    def set_notes(self, ws: str, name: str, notes: str) -> None:
        with self._transaction(write=True) as db:
            row = _existing(db, ws, name)
            self._touch(db, ws)
            db.execute(
                "UPDATE scenarios SET notes = ?, updated = ? WHERE id = ?",
                (notes, _now(), row["id"]),
            )

    def delete_scenario(self, ws: str, name: str) -> None:
        """Remove ``name`` from the library; when it was the baseline, there is none after."""
        with self._transaction(write=True) as db:
            row = _existing(db, ws, name)
            self._touch(db, ws)
            db.execute(
                "UPDATE active_state SET baseline = NULL WHERE workspace_id = ? "
                "AND baseline_scenario_id = ?",
                (ws, row["id"]),
            )
            db.execute("DELETE FROM scenarios WHERE id = ?", (row["id"],))

    # --- the active state ------------------------------------------------------------------
    def mark_baseline(self, ws: str, name: str | None) -> None:
        """Make the saved scenario ``name`` the baseline (it follows its renames and saves);
        None: no baseline."""
        with self._transaction(write=True) as db:
            self._touch(db, ws)
            mark = None if name is None else _existing(db, ws, name)["id"]
            _ensure_state(db, ws)
            db.execute(
                "UPDATE active_state SET baseline_scenario_id = ?, baseline = NULL "
                "WHERE workspace_id = ?",
                (mark, ws),
            )

    def set_active(
        self,
        ws: str,
        *,
        data_set_id: int | None = _UNSET,
        sku: str | None = _UNSET,
        working: Scenario | None = _UNSET,
        baseline: Scenario | None = _UNSET,
    ) -> None:
        """Record where the workspace is: only the parts given change. A ``baseline`` given here
        is one not saved by name (the mark is cleared); see :meth:`mark_baseline`."""
        changes: dict[str, Any] = {}
        if data_set_id is not _UNSET:
            changes["data_set_id"] = data_set_id
        if sku is not _UNSET:
            changes["sku"] = sku
        if working is not _UNSET:
            changes["working"] = None if working is None else working.to_json(indent=None)
        if baseline is not _UNSET:
            changes["baseline"] = None if baseline is None else baseline.to_json(indent=None)
            changes["baseline_scenario_id"] = None
        if not changes:
            return
        with self._transaction(write=True) as db:
            self._touch(db, ws)
            _ensure_state(db, ws)
            assignments = ", ".join(f"{column} = ?" for column in changes)
            db.execute(
                f"UPDATE active_state SET {assignments} WHERE workspace_id = ?",
                (*changes.values(), ws),
            )

    def active(self, ws: str) -> ActiveState:
        """Where ``ws`` was left (all None for a workspace never saved)."""
        with self._transaction(write=False) as db:
            row = db.execute(
                "SELECT a.*, s.settings AS marked, s.name AS marked_name FROM active_state a "
                "LEFT JOIN scenarios s ON s.id = a.baseline_scenario_id "
                "WHERE a.workspace_id = ?",
                (ws,),
            ).fetchone()
        if row is None:
            return ActiveState()
        marked = _scenario_or_none(row["marked"])
        return ActiveState(
            data_set_id=row["data_set_id"],
            sku=row["sku"],
            working=_scenario_or_none(row["working"]),
            baseline=marked if marked is not None else _scenario_or_none(row["baseline"]),
            baseline_name=row["marked_name"] if marked is not None else None,
        )


# --- helpers -----------------------------------------------------------------------------------
class _Damaged(Exception):
    """The file opened but is not a sound workspace file."""


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _cannot_open(exc: sqlite3.Error, path: Path) -> WorkspaceError:
    return WorkspaceError(
        f"The workspace file {path} cannot be opened ({exc}).",
        "Check that its folder is writable and the disk not full, or set "
        "JIT_WHATIF_WORKSPACE to another file.",
    )


def _rollback(connection: sqlite3.Connection) -> None:
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _store_error(exc: sqlite3.Error, path: Path) -> WorkspaceError:
    if _is_locked(exc):
        return WorkspaceError(
            "The workspace file is busy: another session kept it locked for more than "
            f"{BUSY_TIMEOUT:g} seconds, so this change was not saved.",
            "Try again in a moment; your settings in this window are kept.",
        )
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return WorkspaceError(
            f"The workspace file {path.name} is read-only, so this change was not saved.",
            "Make the file writable or set JIT_WHATIF_WORKSPACE to another file.",
        )
    if "full" in text:
        return WorkspaceError(
            "The disk is full, so this change was not saved.", "Free some space and try again."
        )
    return WorkspaceError(
        f"The workspace file could not be used ({exc}); this change was not saved.",
        "Restart the app: a damaged file is then kept aside and a fresh one started.",
    )


def _check_id(ws: str) -> str:
    if not isinstance(ws, str) or not WORKSPACE_ID.match(ws):
        raise WorkspaceError(
            "That is not a workspace id.", "Open a workspace from the list in the sidebar."
        )
    return ws


def _ensure_state(db: sqlite3.Connection, ws: str) -> None:
    db.execute("INSERT OR IGNORE INTO active_state (workspace_id) VALUES (?)", (ws,))


def _scenario_row(db: sqlite3.Connection, ws: str, name: str) -> sqlite3.Row | None:
    return db.execute(
        "SELECT * FROM scenarios WHERE workspace_id = ? AND name = ?", (ws, name)
    ).fetchone()


def _existing(db: sqlite3.Connection, ws: str, name: str) -> sqlite3.Row:
    row = _scenario_row(db, ws, name)
    if row is None:
        raise WorkspaceError(
            f"There is no saved scenario named {name!r}.", "Pick one from the library."
        )
    return row


def _scenario_or_none(text: str | None) -> Scenario | None:
    if text is None:
        return None
    try:
        return Scenario.from_json(text)
    except JitError as exc:
        log.warning("a kept scenario no longer validates: %s", exc)
        return None


def _saved(row: sqlite3.Row) -> SavedScenario | None:
    scenario = _scenario_or_none(row["settings"])
    if scenario is None:
        return None
    return SavedScenario(
        id=int(row["id"]),
        name=row["name"],
        scenario=scenario,
        notes=row["notes"],
        data_set_id=row["data_set_id"],
        created=row["created"],
        updated=row["updated"],
    )


def _data_set(row: sqlite3.Row) -> DataSetRecord:
    return DataSetRecord(
        id=int(row["id"]),
        workspace_id=row["workspace_id"],
        name=row["name"],
        filename=row["filename"],
        size=int(row["size"]),
        fingerprint=row["fingerprint"],
        options=json.loads(row["options"]),
        report=json.loads(row["report"]),
        created=row["created"],
    )
