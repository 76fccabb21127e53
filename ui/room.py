"""The workshop room: an optional passcode in front of the whole app.

A consultant serving one app to a room (``--server.address 0.0.0.0``) sets
``JIT_WHATIF_PASSCODE``; every browser session then asks for it once before anything else is
drawn. Without the variable the app opens directly (one planner on their own machine); a
server listening beyond localhost without one logs a warning at its first session.
"""

from __future__ import annotations

import hmac
import logging
import os
import time

import streamlit as st

#: Environment variable holding the room passcode; empty or unset = no passcode.
PASSCODE_ENV = "JIT_WHATIF_PASSCODE"
#: Session key set once the passcode was given.
KEY_ADMITTED = "_room_admitted"
#: Seconds a wrong passcode waits before the answer (guessing many is slow).
WRONG_DELAY = 1.0
_LOCAL = {"127.0.0.1", "localhost", "::1"}

log = logging.getLogger("jit_whatif")
_warned: list[bool] = []


def passcode() -> str:
    """The room passcode, or '' without one."""
    return os.environ.get(PASSCODE_ENV, "").strip()


def listens_beyond_localhost() -> bool:
    address = str(st.get_option("server.address") or "")
    return address not in _LOCAL


def gate() -> None:
    """Ask for the passcode until it is given; stops the run of a session not admitted.

    Until then the only page is the gate itself (hidden navigation): no page of the app, not
    even its address, runs or is listed."""
    code = passcode()
    if not code:
        if listens_beyond_localhost() and not _warned:
            _warned.append(True)
            log.warning(
                "The app listens beyond localhost without a room passcode; set %s to ask "
                "every browser for one.",
                PASSCODE_ENV,
            )
        return
    if st.session_state.get(KEY_ADMITTED):
        return
    st.navigation([st.Page(_ask, title="jit-whatif", default=True)], position="hidden").run()
    st.stop()


def _ask() -> None:
    """The gate's page: the passcode form."""
    st.title("jit-whatif")
    st.markdown("This workshop room asks for a passcode. Your trainer or consultant has it.")
    column = st.columns([2, 3])[0]  # a field as wide as a passcode, not the page
    with column.form("_room_gate", clear_on_submit=True, border=False):
        given = st.text_input("Room passcode", type="password", max_chars=200)
        entered = st.form_submit_button("Enter the room", type="primary")
    if entered:
        if hmac.compare_digest(given.strip().encode(), passcode().encode()):
            st.session_state[KEY_ADMITTED] = True
            st.rerun()
        time.sleep(WRONG_DELAY)
        st.error("That passcode is not right. Check it with the person running the room.")
