"""The workspace: what a user made, kept between sessions and server restarts.

* :mod:`~jitcore.workspace.location` — where the file lives (``JIT_WHATIF_WORKSPACE``, the
  per-user data directory);
* :mod:`~jitcore.workspace.schema` — the tables and the migrations between format versions;
* :mod:`~jitcore.workspace.store` — :class:`WorkspaceStore`: workspaces, data sets, the scenario
  library, the baseline mark and the last active state, each change saved as it happens;
* :mod:`~jitcore.workspace.exchange` — scenario files to share (several scenarios, the
  baseline and the data's fingerprint; single-scenario files of version 1 still load).
"""

from jitcore.workspace.exchange import NamedScenario, ScenarioFile, read_scenario_file
from jitcore.workspace.location import ENV_VAR, workspace_path
from jitcore.workspace.schema import SCHEMA_VERSION
from jitcore.workspace.store import (
    ActiveState,
    DataSetRecord,
    SavedScenario,
    WorkspaceInfo,
    WorkspaceStore,
    fingerprint,
    new_workspace_id,
)

__all__ = [
    "ENV_VAR",
    "SCHEMA_VERSION",
    "ActiveState",
    "DataSetRecord",
    "NamedScenario",
    "SavedScenario",
    "ScenarioFile",
    "WorkspaceInfo",
    "WorkspaceStore",
    "fingerprint",
    "new_workspace_id",
    "read_scenario_file",
    "workspace_path",
]
