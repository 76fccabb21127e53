"""Cold start: the first page is drawn without importing what only later pages need (SciPy's
special functions and optimisers, statsmodels), so a fresh server shows it within seconds.
``benchmarks/bench_load.py`` measures the time itself against a live server."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.conftest import ROOT

FIRST_RUN = f"""
import json, sys, time
from streamlit.testing.v1 import AppTest
started = time.perf_counter()
at = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=120).run()
lazy = ("scipy.special", "scipy.optimize", "scipy.stats", "statsmodels")
print(json.dumps({{"seconds": time.perf_counter() - started, "exception": bool(at.exception),
                   "loaded": sorted(m for m in sys.modules if m in lazy)}}))
"""


def test_the_first_page_imports_only_what_it_draws() -> None:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", FIRST_RUN], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["exception"] is False
    assert report["loaded"] == []
    assert time.perf_counter() - started < 60  # generous: the machine may be shared
