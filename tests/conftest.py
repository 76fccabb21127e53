"""Shared fixtures: paths to bundled sample data. Every test run keeps its workspace (saved
scenarios and data sets) in a file of its own temporary folder, never the user's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from jitcore.workspace.location import ENV_VAR

# Set at import, before any app or server started by a test looks the file up.
os.environ[ENV_VAR] = str(Path(tempfile.mkdtemp(prefix="jit-whatif-tests-")) / "workspace.db")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR
