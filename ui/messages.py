"""User errors shown in the app: the message and its fix, never a traceback."""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from jitcore.formatting import plain


def show_error(exc: JitError) -> None:
    """A user error as a message with its fix, in the current container."""
    st.error(f"**{plain(exc.message)}**" + (f"\n\n{plain(exc.hint)}" if exc.hint else ""))
