"""The one exception type a user can cause, with a plain-language message and a hint to fix it."""

from __future__ import annotations


class JitError(ValueError):
    """An error caused by the user's data or settings, never by a bug.

    ``message`` says what is wrong in words a planner understands; ``hint`` says how to fix it.
    The app shows both instead of a traceback, the command line prints them and exits with 2.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        # a message quotes user values; whatever the caller did, it stays readable
        self.message = _shortened(message)
        self.hint = _shortened(hint)
        super().__init__(f"{self.message} {self.hint}".strip())

    def __reduce__(self):
        # rebuilt from message and hint when it crosses a process (forecast workers, dask)
        return (type(self), (self.message, self.hint))


#: Longest message or hint kept, in characters.
MAX_MESSAGE_CHARS = 2000


def _shortened(text: str) -> str:
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    return f"{text[: MAX_MESSAGE_CHARS - 40]}… ({len(text):,} characters in all)"


class IntakeError(JitError):
    """A demand file that cannot be read or understood."""


class ScenarioError(JitError):
    """Scenario settings that are invalid or cannot be loaded."""


class WorkspaceError(JitError):
    """The workspace file (the saved data sets and scenarios) cannot be opened or written."""
