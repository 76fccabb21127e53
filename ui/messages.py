"""User errors shown in the app: the message and its fix, never a traceback.

:func:`guarded` is the error boundary of one part of the app (the sidebar, a page, a chart):
a user error inside shows its message, anything else a short notice while the traceback goes
to the server log only; either way the parts drawn before and after keep working.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from jitcore.errors import JitError
from jitcore.formatting import plain

#: Set to 1 to let unexpected errors through the boundaries (tracebacks, for development).
DEBUG_ENV = "JIT_WHATIF_DEBUG"
#: Where unexpected errors of the app are logged (the terminal running the server).
log = logging.getLogger("jit_whatif")


def show_error(exc: JitError) -> None:
    """A user error as a message with its fix, in the current container."""
    st.error(f"**{plain(exc.message)}**" + (f"\n\n{plain(exc.hint)}" if exc.hint else ""))


@contextmanager
def guarded(part: str, where: Any = None) -> Iterator[None]:
    """Run one part of the app (``part`` names it: "The sidebar", "This chart") so that its
    failure stays inside it; the message goes to ``where`` (a container, e.g. ``st.sidebar``;
    default: where the part was). Streamlit's own reruns and stops are not errors and pass
    through (they are BaseExceptions)."""
    try:
        yield
    except JitError as exc:
        if where is None:
            show_error(exc)
        else:
            with where:
                show_error(exc)
    except Exception:  # noqa: BLE001 - a bug here must not take the rest of the app down
        if os.environ.get(DEBUG_ENV) == "1":  # development and tests: bugs must surface
            raise
        log.exception("%s failed", part)
        (where or st).error(
            f"{part} could not be shown because of an unexpected error; the rest of the app "
            "works. Reloading the page usually helps; the details are in the server's log.",
            icon=":material/error:",
        )
