"""The workspace store: round trips, migrations, damaged and locked files, concurrent writers
and a writer killed mid-loop. Every test uses its own file in a temporary folder."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest

from jitcore.errors import WorkspaceError
from jitcore.scenario import Scenario
from jitcore.workspace import SCHEMA_VERSION, WorkspaceStore, fingerprint, workspace_path
from jitcore.workspace import schema as schema_module
from jitcore.workspace.location import ENV_VAR
from tests.conftest import ROOT

LEAN = Scenario().with_setting("supply.lead_time", 1).with_setting("policy.kind", "kanban")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.db"


@pytest.fixture
def store(path: Path) -> WorkspaceStore:
    return WorkspaceStore(path)


# --- where the file lives ----------------------------------------------------------------------
def test_the_file_follows_flag_then_environment_then_data_directory(tmp_path: Path) -> None:
    env = {"HOME": "/home/ana", ENV_VAR: str(tmp_path / "env.db")}
    assert workspace_path(tmp_path / "flag.db", env) == tmp_path / "flag.db"
    assert workspace_path(None, env) == tmp_path / "env.db"
    plain = {"HOME": "/home/ana"}
    linux = Path("/home/ana/.local/share/jit-whatif/workspace.db")
    assert workspace_path(None, plain, "linux") == linux
    xdg = {"HOME": "/home/ana", "XDG_DATA_HOME": "/data/ana"}
    assert workspace_path(None, xdg, "linux") == Path("/data/ana/jit-whatif/workspace.db")
    # The base-directory specification: a relative XDG_DATA_HOME is ignored.
    assert workspace_path(None, {**plain, "XDG_DATA_HOME": "rel"}, "linux") == linux
    mac = Path("/home/ana/Library/Application Support/jit-whatif/workspace.db")
    assert workspace_path(None, plain, "darwin") == mac
    win = {"HOME": "/home/ana", "LOCALAPPDATA": "/appdata"}
    assert workspace_path(None, win, "win32") == Path("/appdata/jit-whatif/workspace.db")


def test_the_test_suite_never_uses_the_users_file() -> None:
    assert "jit-whatif-tests-" in os.environ[ENV_VAR]


# --- round trips -------------------------------------------------------------------------------
def test_everything_saved_comes_back_from_a_new_store(store: WorkspaceStore, path: Path) -> None:
    ws = store.create_workspace("Workshop Monday")
    payload = b"date,sku,qty\n2024-01-01,A,5\n" * 1000
    options = {"layout": "long", "today": "2026-12-04"}
    report = {"decisions": ["Read as text in UTF-8."], "excluded": {"totals rows": 1}}
    record = store.add_data_set(
        ws, name="sales", filename="sales.csv", payload=payload, options=options, report=report
    )
    store.save_scenario(ws, "Today", Scenario(), notes="as the plant runs now")
    store.save_scenario(ws, "JIT", LEAN, data_set_id=record.id)
    store.mark_baseline(ws, "Today")
    store.set_active(ws, data_set_id=record.id, sku="A", working=LEAN)

    again = WorkspaceStore(path)
    assert again.workspace(ws).name == "Workshop Monday"
    kept, original = again.data_set(record.id)
    assert original == payload
    assert kept.fingerprint == fingerprint(payload) and kept.size == len(payload)
    assert (kept.options, kept.report, kept.filename) == (options, report, "sales.csv")
    library = again.scenarios(ws)
    assert [s.name for s in library] == ["Today", "JIT"]
    assert library[0].notes == "as the plant runs now"
    assert library[1].scenario == LEAN.model_copy(update={"name": "JIT"})
    assert library[1].data_set_id == record.id
    active = again.active(ws)
    assert (active.data_set_id, active.sku, active.working) == (record.id, "A", LEAN)
    assert active.baseline_name == "Today" and active.baseline == Scenario(name="Today")


def test_the_payload_is_kept_compressed(store: WorkspaceStore, path: Path) -> None:
    ws = store.create_workspace()
    payload = b"2024-01-01,A,5\n" * 20_000
    store.add_data_set(ws, name="a", filename="a.csv", payload=payload)
    with sqlite3.connect(path) as db:
        stored = db.execute("SELECT payload FROM data_sets").fetchone()[0]
    assert len(stored) < len(payload) / 50 and zlib.decompress(stored) == payload


def test_the_same_file_read_the_same_way_is_kept_once(store: WorkspaceStore) -> None:
    ws = store.create_workspace()
    first = store.add_data_set(ws, name="a", filename="a.csv", payload=b"x", options={"a": 1})
    same = store.add_data_set(ws, name="a", filename="a.csv", payload=b"x", options={"a": 1})
    other = store.add_data_set(ws, name="a", filename="a.csv", payload=b"x", options={"a": 2})
    assert first.id == same.id != other.id
    assert len(store.data_sets(ws)) == 2


def test_the_baseline_mark_follows_renames_and_saves_and_goes_with_a_delete(
    store: WorkspaceStore,
) -> None:
    ws = store.create_workspace()
    store.save_scenario(ws, "Today", Scenario())
    store.mark_baseline(ws, "Today")
    store.rename_scenario(ws, "Today", "As is")
    assert store.active(ws).baseline_name == "As is"
    store.save_scenario(ws, "As is", LEAN)
    assert store.active(ws).baseline == LEAN.model_copy(update={"name": "As is"})
    store.delete_scenario(ws, "As is")
    assert store.active(ws).baseline is None


def test_a_baseline_not_saved_by_name_is_kept_too(store: WorkspaceStore) -> None:
    ws = store.create_workspace()
    store.save_scenario(ws, "Today", Scenario())
    store.mark_baseline(ws, "Today")
    store.set_active(ws, baseline=LEAN)
    active = store.active(ws)
    assert active.baseline == LEAN and active.baseline_name is None


def test_rename_duplicate_and_notes(store: WorkspaceStore) -> None:
    ws = store.create_workspace()
    store.save_scenario(ws, "A", LEAN, notes="first")
    copy = store.duplicate_scenario(ws, "A", "A copy")
    assert copy.scenario == LEAN.model_copy(update={"name": "A copy"}) and copy.notes == "first"
    store.set_notes(ws, "A copy", "changed")
    with pytest.raises(WorkspaceError, match="exists already"):
        store.rename_scenario(ws, "A", "A copy")
    with pytest.raises(WorkspaceError, match="no saved scenario"):
        store.delete_scenario(ws, "missing")
    with pytest.raises(WorkspaceError, match="empty"):
        store.save_scenario(ws, "   ", LEAN)
    assert [(s.name, s.notes) for s in store.scenarios(ws)] == [
        ("A", "first"),
        ("A copy", "changed"),
    ]


def test_workspaces_are_separate_and_deleting_one_removes_its_contents(
    store: WorkspaceStore, path: Path
) -> None:
    one, two = store.create_workspace("One"), store.create_workspace("Two")
    store.save_scenario(one, "Mine", LEAN)
    store.add_data_set(one, name="a", filename="a.csv", payload=b"x")
    store.set_active(one, sku="A")
    assert store.scenarios(two) == []
    store.rename_workspace(two, "Second")
    assert {w.name for w in store.workspaces()} == {"One", "Second"}
    store.delete_workspace(one)
    assert store.workspace(one) is None and store.scenarios(one) == []
    with sqlite3.connect(path) as db:
        counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in
                  ("scenarios", "data_sets", "active_state")]  # fmt: skip
    assert counts == [0, 0, 0]


def test_a_workspace_is_written_by_its_first_save(store: WorkspaceStore) -> None:
    ws = "fresh-id-1234"
    assert store.workspace(ws) is None
    store.set_active(ws, sku="B")
    assert store.workspace(ws).name == "My workspace"
    assert store.active(ws).sku == "B"


def test_a_bad_workspace_id_is_refused(store: WorkspaceStore) -> None:
    with pytest.raises(WorkspaceError, match="not a workspace id"):
        store.set_active("../../etc", sku="A")


# --- versions and migrations -------------------------------------------------------------------
def test_a_new_file_is_at_the_current_version_in_wal_mode(
    store: WorkspaceStore, path: Path
) -> None:
    assert store.schema_version() == SCHEMA_VERSION == 2
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_empty_version_0_file_is_migrated(path: Path) -> None:
    path.write_bytes(b"")
    store = WorkspaceStore(path)
    assert store.schema_version() == 2 and store.notice is None


def test_a_version_1_file_keeps_its_contents_through_the_migration(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    schema_module.migrate(db, target=1)
    now = "2026-01-01T00:00:00.000+00:00"
    db.execute("INSERT INTO workspaces VALUES ('old-ws-1', 'Old', ?, ?)", (now, now))
    db.execute(
        "INSERT INTO scenarios (workspace_id, name, settings, created, updated) "
        "VALUES ('old-ws-1', 'Kept', ?, ?, ?)",
        (LEAN.model_copy(update={"name": "Kept"}).to_json(), now, now),
    )
    db.execute(
        "INSERT INTO active_state (workspace_id, sku, baseline) VALUES ('old-ws-1', 'A', ?)",
        (Scenario().to_json(),),
    )
    assert schema_module.version(db) == 1
    db.close()

    store = WorkspaceStore(path)
    assert store.schema_version() == 2
    (kept,) = store.scenarios("old-ws-1")
    assert kept.name == "Kept" and kept.notes == "" and kept.scenario.supply.lead_time == 1
    active = store.active("old-ws-1")
    assert active.sku == "A" and active.baseline == Scenario() and active.baseline_name is None
    store.mark_baseline("old-ws-1", "Kept")
    assert store.active("old-ws-1").baseline_name == "Kept"


def test_a_file_from_a_newer_version_is_refused_and_left_alone(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="newer version"):
        WorkspaceStore(path)
    assert path.read_bytes() == before


# --- damaged and locked files ------------------------------------------------------------------
def _aside(path: Path) -> list[Path]:
    """The copies kept aside (not counting their -wal and -shm files)."""
    return sorted(p for p in path.parent.glob(f"{path.name}.corrupt-*") if p.name[-4] != "-")


def test_a_file_that_is_not_a_database_is_kept_aside_and_a_fresh_one_starts(path: Path) -> None:
    garbage = b"this is not sqlite at all" * 100
    path.write_bytes(garbage)
    store = WorkspaceStore(path)
    assert store.notice and "kept as workspace.db.corrupt-" in store.notice
    (aside,) = _aside(path)
    assert aside.read_bytes() == garbage
    ws = store.create_workspace()
    store.save_scenario(ws, "After", LEAN)
    assert [s.name for s in WorkspaceStore(path).scenarios(ws)] == ["After"]


def test_a_database_with_damaged_pages_is_kept_aside(path: Path) -> None:
    store = WorkspaceStore(path)
    ws = store.create_workspace()
    for i in range(200):
        store.save_scenario(ws, f"S{i}", LEAN, notes="x" * 500)
    store.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(path.read_bytes())
    page = 4096
    raw[page : len(raw) - page] = os.urandom(len(raw) - 2 * page)  # keep the header page
    path.write_bytes(bytes(raw))
    fresh = WorkspaceStore(path)
    assert fresh.notice and len(_aside(path)) == 1
    assert fresh.scenarios(ws) == [] and fresh.schema_version() == 2


def test_a_file_locked_by_another_program_is_kept_aside(path: Path) -> None:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # rollback-journal mode: nobody else may even read
    try:
        store = WorkspaceStore(path, busy_timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.notice and "locked" in store.notice and len(_aside(path)) == 1
    assert store.schema_version() == 2


def test_a_save_blocked_too_long_says_so_and_the_next_one_works(path: Path) -> None:
    store = WorkspaceStore(path, busy_timeout=0.2)
    ws = store.create_workspace()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(WorkspaceError, match="busy") as caught:
        store.save_scenario(ws, "Blocked", LEAN)
    assert "Try again" in caught.value.hint
    holder.execute("ROLLBACK")
    holder.close()
    store.save_scenario(ws, "Later", LEAN)
    assert [s.name for s in store.scenarios(ws)] == ["Later"]


# --- concurrent writers ------------------------------------------------------------------------
def test_threads_saving_at_once_never_clash(path: Path) -> None:
    shared = WorkspaceStore(path)
    ws = shared.create_workspace()
    errors: list[BaseException] = []

    def save(worker: int) -> None:
        # Half the threads share one store, half open their own (as separate servers would).
        store = shared if worker % 2 else WorkspaceStore(path)
        try:
            for i in range(25):
                store.save_scenario(ws, f"T{worker}-{i}", LEAN)
                store.set_active(ws, sku=f"{worker}-{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(shared.scenarios(ws)) == 8 * 25


_WRITER = """
import sys
from jitcore.scenario import Scenario
from jitcore.workspace import WorkspaceStore
store = WorkspaceStore(sys.argv[1])
ws, prefix, count = sys.argv[2], sys.argv[3], int(sys.argv[4])
for i in range(count):
    store.save_scenario(ws, f"{prefix}-{i}", Scenario().with_setting("supply.lead_time", i % 50))
    print(f"{prefix}-{i}", flush=True)
"""


def _writer(path: Path, ws: str, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), ws, prefix, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_processes_saving_at_once_never_clash(store: WorkspaceStore, path: Path) -> None:
    ws = store.create_workspace()
    writers = [_writer(path, ws, f"P{n}", 30) for n in range(4)]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    assert len(store.scenarios(ws)) == 4 * 30


def test_kill_9_in_the_middle_of_100_saves_loses_nothing_committed(
    store: WorkspaceStore, path: Path
) -> None:
    ws = store.create_workspace()
    writer = _writer(path, ws, "K", 100)
    committed = []
    assert writer.stdout is not None
    for line in writer.stdout:
        committed.append(line.strip())
        if len(committed) == 40:
            os.kill(writer.pid, signal.SIGKILL)
            break
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    # Names printed after the kill was sent were committed too; read whatever is left.
    committed += [line.strip() for line in writer.stdout.read().splitlines()]

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    saved = {s.name for s in WorkspaceStore(path).scenarios(ws)}
    assert set(committed) <= saved
    assert 40 <= len(saved) < 100
    lead_times = {s.name: s.scenario.supply.lead_time for s in WorkspaceStore(path).scenarios(ws)}
    assert all(lead_times[f"K-{i}"] == i % 50 for i in range(40))


def test_a_saved_scenario_is_plain_json_in_the_file(store: WorkspaceStore, path: Path) -> None:
    ws = store.create_workspace()
    store.save_scenario(ws, "Readable", LEAN)
    with sqlite3.connect(path) as db:
        text = db.execute("SELECT settings FROM scenarios").fetchone()[0]
    assert json.loads(text)["supply"]["lead_time"] == 1
