"""``python -m jitcore workspace``: path, list and export of a workspace's library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jitcore.cli import main
from jitcore.scenario import Scenario
from jitcore.workspace import WorkspaceStore, fingerprint, read_scenario_file
from jitcore.workspace.location import ENV_VAR


def test_path_follows_the_flag_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.db"))
    assert main(["workspace", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "env.db")
    assert main(["workspace", "--workspace", str(tmp_path / "flag.db"), "path"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "flag.db")


def test_list_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.db"
    store = WorkspaceStore(path)
    ws = store.create_workspace("Client A")
    record = store.add_data_set(ws, name="sales", filename="sales.csv", payload=b"d,s,q\n")
    store.set_active(ws, data_set_id=record.id)
    store.save_scenario(ws, "Today", Scenario(), notes="as is")
    store.save_scenario(ws, "JIT", Scenario().with_setting("supply.lead_time", 1))
    store.mark_baseline(ws, "Today")

    assert main(["workspace", "--workspace", str(path), "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["id"], row["name"], row["scenarios"], row["data_sets"]) == (ws, "Client A", 2, 1)

    out = tmp_path / "lib.json"
    assert main(["workspace", "--workspace", str(path), "export", ws, "--out", str(out)]) == 0
    exported = read_scenario_file(out.read_bytes())
    assert [s.name for s in exported.scenarios] == ["Today", "JIT"]
    assert exported.baseline == "Today" and exported.scenarios[0].notes == "as is"
    assert exported.scenarios[1].scenario.supply.lead_time == 1
    assert exported.data_fingerprint == fingerprint(b"d,s,q\n")


def test_a_missing_file_or_workspace_exits_2_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["workspace", "--workspace", str(tmp_path / "none.db"), "list"]) == 2
    assert "no workspace file" in capsys.readouterr().err
    WorkspaceStore(tmp_path / "w.db")
    assert main(["workspace", "--workspace", str(tmp_path / "w.db"), "export", "nope1"]) == 2
    assert "workspace list" in capsys.readouterr().err
