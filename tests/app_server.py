"""The app served by ``streamlit run`` on a free local port, for the browser tests and the load
benchmark: started, waited for until its health check answers, stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A local TCP port nobody listens on (the system picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    port: int,
    *,
    script: Path = ROOT / "app.py",
    env: Mapping[str, str | None] | None = None,
    timeout: float = 60.0,
) -> subprocess.Popen:
    """``streamlit run script`` on ``port``, once its health check answers 200 (RuntimeError
    when it has not after ``timeout`` seconds or the process ended). ``env`` adds variables to
    this process's environment; a ``None`` value removes one."""
    environment = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/_stcore/health", timeout=2
            ) as response:
                if response.status == 200:
                    return proc
        except OSError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            stop_app(proc)
            raise RuntimeError("the app server did not start")
        time.sleep(0.1)


def stop_app(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Ask the server to end; kill it when it has not after ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def app_server(env: Mapping[str, str | None] | None = None) -> Iterator[str]:
    """The app on a free port for the length of the block; yields its address."""
    port = free_port()
    proc = start_app(port, env=env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_app(proc)
