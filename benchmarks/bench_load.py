"""A workshop room under load: N protocol-level sessions against a local app server.

Starts ``streamlit run app.py`` on a free local port, then opens ``SESSIONS`` WebSocket sessions
at once, each speaking Streamlit's own protocol (``BackMsg`` / ``ForwardMsg``, as a browser
tab does): it opens the Supply & demand page and moves its sliders ``MOVES`` times (every move
a new scenario, simulated). A rerun's time runs from the message that asks for it to the
server's "script finished" — over a local socket, the time the server spends on it.

Figures: rerun p50/p95 of one session alone and of ``SESSIONS`` sessions together, the
server's memory (RSS) when idle, at its peak and after every session closed, and cold start
to first render (process start to the first page's script finished).

Run alone: ``python benchmarks/bench_load.py [--sessions 8] [--moves 12]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.app_server import free_port, start_app, stop_app  # noqa: E402

SESSIONS = 8
MOVES = 12
PAGE = "supply_demand"
#: Sliders of the page moved by the sessions (labels start with these words).
SLIDERS = ("Cycle service level", "Lead time L", "Smoothing Ti")


class Server:
    """The app served on a free local port; its process for memory readings."""

    def __init__(self, script: Path = ROOT / "app.py") -> None:
        self.port = free_port()
        self.started = time.perf_counter()
        self.proc = start_app(
            self.port, script=script, env={"JIT_WHATIF_PASSCODE": None}, timeout=90
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self.up = time.perf_counter() - self.started
        self.process = psutil.Process(self.proc.pid)

    def rss_mb(self) -> float:
        return self.process.memory_info().rss / 2**20

    def stop(self) -> None:
        stop_app(self.proc, timeout=15)


class Session:
    """One browser tab, protocol level: asks for reruns and waits for them to finish."""

    def __init__(self, server: Server) -> None:
        self._stack = ExitStack()
        self.ws = self._stack.enter_context(
            connect(
                f"ws://127.0.0.1:{server.port}/_stcore/stream",
                subprotocols=["streamlit"],
                origin=server.url,
                max_size=None,
                open_timeout=60,
            )
        )
        self.sliders: dict[str, tuple[str, float, float, float]] = {}
        self.values: dict[str, float] = {}

    def rerun(self, *, page: str = PAGE, timeout: float = 120.0) -> float:
        """Seconds from asking for a rerun (with the sliders moved so far) to its end."""
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_name = page
        for widget_id, value in self.values.items():
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            state.double_array_value.data.append(value)
        started = time.perf_counter()
        self.ws.send(msg.SerializeToString())
        deadline = started + timeout
        while True:
            raw = self.ws.recv(timeout=max(deadline - time.perf_counter(), 0.1))
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "slider":
                    s = element.slider
                    if s.label.startswith(SLIDERS):
                        self.sliders[s.label] = (s.id, s.min, s.max, s.step or 1.0)
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the app asked for a rerun itself (a deep link): wait for its end
                return time.perf_counter() - started

    def move(self, rng: random.Random) -> float:
        """Move one slider of the page to another value and rerun."""
        label = rng.choice(sorted(self.sliders))
        widget_id, low, high, step = self.sliders[label]
        steps = max(int(round((high - low) / step)), 1)
        self.values[widget_id] = low + step * rng.randint(0, min(steps, 40))
        return self.rerun()

    def close(self) -> None:
        self._stack.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(round(share * (len(ordered) - 1))), len(ordered) - 1)]


def _settle(server: Server, seconds: float) -> float:
    """RSS after ``seconds`` of quiet (the lowest reading, in MB)."""
    readings = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        readings.append(server.rss_mb())
        time.sleep(0.5)
    return min(readings)


def bare_cold_start() -> float:
    """Cold start to first render of a one-line Streamlit app on this machine, for scale."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "bare.py"
        script.write_text('import streamlit as st\n\nst.write("ready")\n')
        server = Server(script)
        try:
            session = Session(server)
            session.rerun(page="")
            started = time.perf_counter() - server.started
            session.close()
        finally:
            server.stop()
    return started


def measure(sessions: int = SESSIONS, moves: int = MOVES) -> list[dict]:
    bare = bare_cold_start()
    server = Server()
    try:
        first = Session(server)
        first.rerun(page="")  # Home, the first render after a cold start
        cold_start = time.perf_counter() - server.started
        first.rerun()  # Supply & demand: imports and compiles what the page needs
        alone = [first.move(random.Random(0)) for _ in range(moves)]
        first.close()
        idle = _settle(server, 5.0)

        peak = [idle]
        times: list[float] = []
        lock = threading.Lock()
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak.append(server.rss_mb())
                time.sleep(0.2)

        def tab(index: int) -> None:
            session = Session(server)
            rng = random.Random(index + 1)
            session.rerun()
            own = [session.move(rng) for _ in range(moves)]
            session.close()
            with lock:
                times.extend(own)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        tabs = [threading.Thread(target=tab, args=(i,)) for i in range(sessions)]
        for thread in tabs:
            thread.start()
        for thread in tabs:
            thread.join()
        stop.set()
        sampler.join()
        after = _settle(server, 20.0)
    finally:
        server.stop()
    return [
        {"name": "load: cold start to server up", "value": server.up, "unit": "s"},
        {"name": "load: cold start to first render", "value": cold_start, "unit": "s"},
        {"name": "load: cold start of a bare Streamlit app", "value": bare, "unit": "s"},
        {"name": "load: rerun p50, one session", "value": statistics.median(alone), "unit": "s"},
        {"name": "load: rerun p95, one session", "value": _percentile(alone, 0.95), "unit": "s"},
        {
            "name": f"load: rerun p50, {sessions} sessions",
            "value": statistics.median(times),
            "unit": "s",
        },  # fmt: skip
        {
            "name": f"load: rerun p95, {sessions} sessions",
            "value": _percentile(times, 0.95),
            "unit": "s",
        },  # fmt: skip
        {"name": "load: server memory idle", "value": idle, "unit": "MB"},
        {"name": "load: server memory peak", "value": max(peak), "unit": "MB"},
        {"name": "load: server memory after sessions closed", "value": after, "unit": "MB"},
        {"name": "load: memory kept after close", "value": after - idle, "unit": "MB"},
    ]


def run() -> list[dict]:
    return measure()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--moves", type=int, default=MOVES)
    args = parser.parse_args()
    for figure in measure(args.sessions, args.moves):
        print(f"{figure['name']:<50} {figure['value']:>10.3f} {figure['unit']}")
