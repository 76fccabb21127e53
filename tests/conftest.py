"""Shared fixtures: paths to bundled sample data. Every test run keeps its workspace (saved
scenarios and data sets) in a file of its own temporary folder, never the user's."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from jitcore.scenario import Scenario
from jitcore.workspace.location import ENV_VAR

# Property tests check results, not speed: on a loaded 2-core machine one example can take
# several times its usual time, which is no failure (speed is measured in benchmarks/).
settings.register_profile("jit-whatif", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jit-whatif")

# Set at import, before any app or server started by a test looks the file up.
os.environ[ENV_VAR] = str(Path(tempfile.mkdtemp(prefix="jit-whatif-tests-")) / "workspace.db")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"


def scenario_file(folder: Path, *changes: Mapping[str, Mapping[str, object]]) -> str:
    """Path of ``folder/scenario.json``: the default scenario with each change (section name →
    settings of that section) applied in order."""
    data = Scenario().to_dict()
    for change in changes:
        for section, values in change.items():
            data[section].update(values)
    path = folder / "scenario.json"
    path.write_text(json.dumps(data))
    return str(path)


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR
