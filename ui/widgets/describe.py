"""Plain-language names of the settings, from the core (:mod:`jitcore.changes`), where reports
use them too."""

from jitcore.changes import LABELS, describe_changes, same

__all__ = ["LABELS", "describe_changes", "same"]
