"""The sidebar's scenario library and workspace: every change saved in the workspace file at
once, brought back by a new session on the same URL; scenario files load what they say."""

from __future__ import annotations

import json

from streamlit import config
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.testing.v1 import AppTest

from jitcore.scenario import Scenario
from jitcore.workspace import NamedScenario, ScenarioFile, WorkspaceStore, fingerprint
from jitcore.workspace.location import ENV_VAR
from jitcore.workspace.store import new_workspace_id
from tests.app.session import open_app
from tests.conftest import SAMPLE_DIR
from ui.samples import DEFAULT_SAMPLE, SAMPLES

LEAN = Scenario(name="Lean").with_setting("supply.lead_time", 3)


def _open(ws: str, page: str | None = None) -> AppTest:
    return open_app(page, query={"ws": ws})


def _store() -> WorkspaceStore:
    return WorkspaceStore()  # the test run's file (JIT_WHATIF_WORKSPACE, see tests/conftest.py)


def _save_as(at: AppTest, name: str) -> None:
    at.sidebar.text_input(key="_lib_save_name").set_value(name).run()
    at.sidebar.button(key="_lib_save").click().run()
    assert not at.exception


def _upload(at: AppTest, name: str, content: bytes) -> None:
    at.sidebar.file_uploader(key="_scenario_upload").set_value(
        (name, content, "application/json")
    ).run()
    assert not at.exception


def test_a_new_visit_gets_a_workspace_id_in_the_url() -> None:
    at = open_app()
    ws = at.query_params["ws"]
    ws = ws[0] if isinstance(ws, list) else ws
    assert len(ws) >= 8 and at.session_state["_workspace_id"] == ws


def test_save_as_and_the_library_actions_are_saved_at_once() -> None:
    ws = new_workspace_id()
    at = _open(ws)
    at.session_state["scenario"] = LEAN
    _save_as(at, "Today")
    assert [s.name for s in _store().scenarios(ws)] == ["Today"]
    assert at.session_state["scenario"].name == "Today"

    at.sidebar.selectbox(key="_lib_pick").set_value("Today").run()
    at.sidebar.button(key="_lib_duplicate").click().run()
    assert [s.name for s in _store().scenarios(ws)] == ["Today", "Today copy"]

    at.sidebar.selectbox(key="_lib_pick").set_value("Today copy").run()
    at.sidebar.text_input(key="_lib_rename_to").set_value("JIT").run()
    at.sidebar.button(key="_lib_rename").click().run()
    at.sidebar.button(key="_lib_mark").click().run()
    assert not at.exception
    active = _store().active(ws)
    assert active.baseline_name == "JIT" and active.baseline.supply.lead_time == 3
    assert any("baseline: **JIT**" in c.value for c in at.sidebar.caption)

    at.sidebar.selectbox(key="_lib_pick").set_value("Today").run()
    at.sidebar.button(key="_lib_delete").click().run()
    assert [s.name for s in _store().scenarios(ws)] == ["JIT"]
    at.sidebar.button(key="_lib_save").click().run()  # the working one is still named Today
    assert [s.name for s in _store().scenarios(ws)] == ["JIT", "Today"]


def test_a_new_session_on_the_same_url_gets_everything_back() -> None:
    ws = new_workspace_id()
    at = _open(ws, "pages/data.py")
    payload = (SAMPLE_DIR / "classic_monthly_long.csv").read_bytes()
    at.radio(key="_intake_source").set_value("upload").run()
    at.file_uploader(key="_intake_file").set_value(("my sales.csv", payload, "text/csv")).run()
    at.button(key="_intake_use").click().run()
    assert not at.exception, [e.value for e in at.exception]
    data = at.session_state["demand"]
    sku = data.skus[-1]
    at.sidebar.selectbox(key="_sku_widget").set_value(sku).run()
    at.session_state["scenario"] = LEAN
    _save_as(at, "Lean")
    at.sidebar.selectbox(key="_lib_pick").set_value("Lean").run()
    at.sidebar.button(key="_lib_mark").click().run()
    working = LEAN.model_copy(update={"name": "Lean"}).with_setting("supply.lead_time", 7)
    at.session_state["scenario"] = working
    _save_as(at, "Longer")
    assert not at.exception

    again = _open(ws)
    assert again.session_state["demand"] == data
    assert again.session_state["demand_source"].fingerprint == fingerprint(payload)
    assert again.session_state["sku"] == sku
    assert again.session_state["scenario"] == working.model_copy(update={"name": "Longer"})
    assert again.session_state["baseline_scenario"].name == "Lean"
    assert list(again.session_state["scenario_library"]) == ["Lean", "Longer"]
    assert any(sku in str(s.value) for s in again.sidebar.selectbox if s.key == "_sku_widget")


def test_two_workspaces_keep_their_own_library() -> None:
    one, two = _open(new_workspace_id()), _open(new_workspace_id())
    _save_as(one, "Only in one")
    two.run()
    assert "Only in one" not in two.session_state["scenario_library"]


def test_a_loaded_file_is_in_force_at_once_in_caption_download_and_page() -> None:
    at = _open(new_workspace_id(), "pages/supply_demand.py")
    at.slider(key="sd_lead_time").set_value(2).run()
    assert at.session_state["scenario"].supply.lead_time == 2
    loaded = Scenario(name="Three").with_setting("supply.lead_time", 3)
    _upload(at, "three.json", loaded.to_json().encode())
    assert at.session_state["scenario"] == loaded
    assert at.slider(key="sd_lead_time").value == 3
    assert any("Working scenario: **Three**" in c.value for c in at.sidebar.caption)
    download = next(
        b for b in at.sidebar.get("download_button") if "settings" in b.proto.label.lower()
    )
    # The download serves the loaded settings: its media id is the hash of what it serves.
    served = _calculate_file_id(
        loaded.to_json().encode(), "application/json", "three.scenario.json"
    )
    assert served in download.proto.url


def test_a_changed_file_with_the_same_name_and_size_is_read_again() -> None:
    at = _open(new_workspace_id())
    first = Scenario(name="Same").with_setting("supply.lead_time", 3).to_json().encode()
    second = first.replace(b'"lead_time": 3', b'"lead_time": 4')
    assert len(first) == len(second)
    _upload(at, "s.json", first)
    assert at.session_state["scenario"].supply.lead_time == 3
    _upload(at, "s.json", second)
    assert at.session_state["scenario"].supply.lead_time == 4


def test_a_library_file_imports_its_scenarios_and_baseline() -> None:
    ws = new_workspace_id()
    at = _open(ws)
    today = Scenario(name="Today").with_setting("supply.lead_time", 6)
    jit = Scenario(name="JIT").with_setting("supply.lead_time", 1)
    document = {
        "file_version": 2,
        "data": {"name": "other.csv", "fingerprint": "0" * 64},
        "baseline": "Today",
        "scenarios": [
            {"name": "Today", "notes": "as is", "settings": today.to_dict()},
            {"name": "JIT", "settings": jit.to_dict()},
        ],
    }
    _upload(at, "lib.json", json.dumps(document).encode())
    assert list(at.session_state["scenario_library"]) == ["Today", "JIT"]
    assert at.session_state["scenario"] == jit
    assert at.session_state["baseline_scenario"] == today
    assert _store().active(ws).baseline_name == "Today"
    assert any("made on other data" in i.value for i in at.sidebar.info)

    # The export carries both, the baseline mark and the fingerprint of the data in use.
    sample = (SAMPLE_DIR / SAMPLES[DEFAULT_SAMPLE]).read_bytes()
    expected = ScenarioFile(
        scenarios=(NamedScenario("Today", today, "as is"), NamedScenario("JIT", jit)),
        baseline="Today",
        data_name=at.session_state["demand"].name,
        data_fingerprint=fingerprint(sample),
    ).to_json()
    export = next(b for b in at.sidebar.get("download_button") if "library" in b.proto.label)
    assert _calculate_file_id(expected.encode(), "application/json", "scenarios.json") in (
        export.proto.url
    )


def test_a_bad_file_says_why_and_keeps_the_library() -> None:
    at = _open(new_workspace_id())
    _save_as(at, "Kept")
    _upload(at, "bad.json", b'{"file_version": 2, "scenarios": [{"name": "X"}]}')
    assert any("no 'settings'" in e.value for e in at.sidebar.error)
    assert list(at.session_state["scenario_library"]) == ["Kept"]


def test_the_workshop_presets_start_from_the_defaults_every_time() -> None:
    at = _open(new_workspace_id(), "pages/tradeoffs.py")
    at.session_state["scenario"] = Scenario().with_setting("supply.lead_time", 20)
    at.session_state["tradeoffs_prefs"] = {"_to_view": "compare"}
    at.run()
    tab_button = [b for b in at.button if "today vs JIT" in b.label]
    assert tab_button, [b.label for b in at.button]
    tab_button[0].click().run()
    first = (at.session_state["baseline_scenario"], at.session_state["scenario"])
    assert first[0].supply.lead_time == 4  # the default 2 raised to the preset's minimum 4
    [b for b in at.button if "today vs JIT" in b.label][0].click().run()
    assert (at.session_state["baseline_scenario"], at.session_state["scenario"]) == first
    assert list(at.session_state["scenario_library"]) == ["Today", "JIT"]


def test_workspace_rename_new_and_open() -> None:
    ws = new_workspace_id()
    at = _open(ws)
    _save_as(at, "Mine")
    at.sidebar.text_input(key="_ws_name").set_value("Client A").run()
    at.sidebar.button(key="_ws_rename").click().run()
    assert _store().workspace(ws).name == "Client A"
    at.sidebar.button(key="_ws_new").click().run()
    assert at.session_state["_workspace_id"] != ws
    assert at.session_state["scenario_library"] == {}
    at.sidebar.selectbox(key="_ws_pick").set_value(ws).run()
    at.sidebar.button(key="_ws_open").click().run()
    assert at.session_state["_workspace_id"] == ws
    assert list(at.session_state["scenario_library"]) == ["Mine"]
    at.sidebar.checkbox(key="_ws_confirm").check().run()
    at.sidebar.button(key="_ws_delete").click().run()
    assert not at.exception
    assert _store().workspace(ws) is None and at.session_state["_workspace_id"] != ws


def test_a_room_server_lists_no_other_workspaces_and_no_path() -> None:
    _save_as(_open(new_workspace_id()), "Someone else's")
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        at = _open(new_workspace_id())
        assert not [s for s in at.sidebar.selectbox if s.key == "_ws_pick"]
        assert not any(".db" in c.value for c in at.sidebar.caption)
    finally:
        config.set_option("server.address", before)
    at = _open(new_workspace_id())
    assert [s for s in at.sidebar.selectbox if s.key == "_ws_pick"]


def test_a_data_set_kept_in_the_workspace_can_be_used_again() -> None:
    ws = new_workspace_id()
    at = _open(ws)
    # Two samples loaded from Home: both kept in the workspace.
    for label in list(SAMPLES)[1:3]:
        at.selectbox(key="_home_sample_widget").set_value(label).run()
        next(b for b in at.button if b.label == "Load this sample").click().run()
    assert len(_store().data_sets(ws)) == 2
    second = at.session_state["demand"]
    first_id = _store().data_sets(ws)[0].id
    at.sidebar.selectbox(key="_ws_data").set_value(first_id).run()
    at.sidebar.button(key="_ws_use_data").click().run()
    assert not at.exception
    assert at.session_state["demand"] != second
    assert _store().active(ws).data_set_id == first_id


def test_a_loaded_file_shows_at_once_on_the_plan_page_after_an_edit_there() -> None:
    at = _open(new_workspace_id(), "pages/plan.py")
    widget = next(w for w in at.slider if w.key == "plan_lead_time")
    widget.set_value(5).run()
    assert at.session_state["scenario"].supply.lead_time == 5
    loaded = Scenario(name="Nine").with_setting("supply.lead_time", 9)
    _upload(at, "nine.json", loaded.to_json().encode())
    assert next(w for w in at.slider if w.key == "plan_lead_time").value == 9
    at.switch_page("pages/supply_demand.py")
    at.run()
    assert at.slider(key="sd_lead_time").value == 9


def test_a_damaged_workspace_file_is_kept_aside_and_the_app_works_on(tmp_path, monkeypatch) -> None:
    damaged = tmp_path / "workspace.db"
    damaged.write_bytes(b"not a database" * 100)
    monkeypatch.setenv(ENV_VAR, str(damaged))
    ws = new_workspace_id()
    at = _open(ws)
    assert any("kept as workspace.db.corrupt-" in w.value for w in at.sidebar.warning)
    assert list(tmp_path.glob("workspace.db.corrupt-*"))
    _save_as(at, "After")
    assert [s.name for s in WorkspaceStore(damaged).scenarios(ws)] == ["After"]


def test_a_workspace_file_that_cannot_be_used_leaves_the_app_working(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where a folder should be")
    monkeypatch.setenv(ENV_VAR, str(blocked / "workspace.db"))
    at = _open(new_workspace_id())
    assert any("cannot be made" in w.value for w in at.sidebar.warning)
    _save_as(at, "Session only")
    assert list(at.session_state["scenario_library"]) == ["Session only"]
