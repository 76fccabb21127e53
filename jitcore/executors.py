"""Where the chunks of a run are computed: here, one after another, or on a dask.distributed
cluster. Both give the same numbers: each chunk's random streams are keyed by its SKUs'
place among all SKUs, and the results are pooled from summed quantities.

A cluster is a scheduler and workers started apart (``dask scheduler``; ``dask worker
tcp://HOST:8786`` on each machine, from a checkout of this project or with it installed);
``DaskExecutor("tcp://HOST:8786")`` sends the chunks there. dask is imported only when a
cluster is used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from jitcore.errors import JitError

T = TypeVar("T")
R = TypeVar("R")

#: Environment variable with the address of the dask scheduler the app and the CLI use.
SCHEDULER_ENV = "JIT_WHATIF_DASK_SCHEDULER"
#: Environment variable naming the executor of runs of more than one chunk (local or dask;
#: empty: dask when a scheduler is set, else local).
EXECUTOR_ENV = "JIT_WHATIF_EXECUTOR"
#: Names accepted by :func:`executor_for` (the command line's ``--executor``).
EXECUTORS: tuple[str, ...] = ("local", "dask")

Progress = Callable[[int, int], None]


class Executor(Protocol):
    """Maps a function over tasks and returns the results in task order."""

    def map(
        self, fn: Callable[[T], R], tasks: Sequence[T], progress: Progress | None = None
    ) -> list[R]: ...


class LocalExecutor:
    """Chunks one after another in this process (the engine uses every core for each)."""

    def map(
        self, fn: Callable[[T], R], tasks: Sequence[T], progress: Progress | None = None
    ) -> list[R]:
        out = []
        for done, task in enumerate(tasks, start=1):
            out.append(fn(task))
            if progress is not None:
                progress(done, len(tasks))
        return out


class DaskExecutor:
    """Chunks on a dask.distributed cluster: its scheduler's ``address``, or a ``client``."""

    def __init__(self, address: str | None = None, *, client: Any = None) -> None:
        if client is None and not address:
            raise JitError(
                "The dask executor needs a scheduler address.",
                f"Give --scheduler tcp://HOST:8786 or set {SCHEDULER_ENV}.",
            )
        self.address = address
        self._client = client

    def _connect(self) -> Any:
        if self._client is None:
            self._client = _clients.get(self.address)
        if self._client is None:
            try:
                from distributed import Client
            except ImportError as exc:  # pragma: no cover - dask is in requirements.txt
                raise JitError(
                    "dask.distributed is not installed.", "pip install -r requirements.txt"
                ) from exc
            try:
                self._client = Client(self.address, timeout=10)
            except (OSError, TimeoutError, ValueError) as exc:
                raise JitError(
                    f"No dask scheduler answers at {str(self.address)[:80]!r}.",
                    "Start one with `dask scheduler` and workers with `dask worker ADDRESS`, "
                    "or check the address.",
                ) from exc
            _clients[self.address] = self._client
        return self._client

    def map(
        self, fn: Callable[[T], R], tasks: Sequence[T], progress: Progress | None = None
    ) -> list[R]:
        from distributed import as_completed

        client = self._connect()
        futures = client.map(fn, list(tasks), pure=False)
        order = {future.key: i for i, future in enumerate(futures)}
        out: list[Any] = [None] * len(futures)
        for done, future in enumerate(as_completed(futures), start=1):
            out[order[future.key]] = future.result()
            if progress is not None:
                progress(done, len(futures))
        return out


#: One client per scheduler address, kept for the next run (connecting takes a second).
_clients: dict[str | None, Any] = {}


def default_executor() -> Executor | None:
    """The executor set by ``JIT_WHATIF_EXECUTOR`` / ``JIT_WHATIF_DASK_SCHEDULER`` (the
    command line's ``--executor`` and ``--scheduler``); None means local."""
    name = os.environ.get(EXECUTOR_ENV, "").strip() or None
    return executor_for(name)


def where_runs_compute() -> str:
    """Where runs of several chunks compute under the current settings, in words."""
    try:
        executor = default_executor()
    except JitError:
        return "this machine (the executor setting is not valid)"
    if isinstance(executor, DaskExecutor):
        return f"the dask cluster at {str(executor.address)[:80]}"
    return "this machine"


def executor_for(name: str | None, scheduler: str | None = None) -> Executor | None:
    """The executor called ``name`` (``local``, ``dask`` or None for the default, which is
    local unless ``JIT_WHATIF_DASK_SCHEDULER`` names a scheduler); None means local."""
    if name is None:
        address = scheduler or os.environ.get(SCHEDULER_ENV, "").strip()
        return DaskExecutor(address) if address else None
    if name == "local":
        return None
    if name == "dask":
        return DaskExecutor(scheduler or os.environ.get(SCHEDULER_ENV, "").strip() or None)
    raise JitError(f"Unknown executor {str(name)[:40]!r}.", f"Use one of: {', '.join(EXECUTORS)}.")
