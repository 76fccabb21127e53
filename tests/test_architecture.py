"""The core library stays pure: no streamlit import anywhere in jitcore."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT


def test_jitcore_source_never_imports_streamlit() -> None:
    offenders = []
    for path in (ROOT / "jitcore").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "streamlit" for name in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_importing_jitcore_does_not_load_streamlit() -> None:
    code = "import sys, jitcore, jitcore.cli; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
