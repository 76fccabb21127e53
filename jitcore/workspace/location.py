"""Where the workspace file lives: one SQLite file in the user's data directory.

Order of precedence (the first that is set wins):

1. a path given by the caller (the ``--workspace PATH`` flag of the command line);
2. the environment variable ``JIT_WHATIF_WORKSPACE`` (a file path);
3. the platform's per-user data directory, as the freedesktop.org base-directory
   specification and the usual macOS and Windows conventions put it:
   ``$XDG_DATA_HOME/jit-whatif/workspace.db`` (``~/.local/share`` when ``XDG_DATA_HOME`` is unset
   or not absolute), ``~/Library/Application Support/jit-whatif/workspace.db`` on macOS and
   ``%LOCALAPPDATA%\\jit-whatif\\workspace.db`` on Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

#: Environment variable naming the workspace file.
ENV_VAR = "JIT_WHATIF_WORKSPACE"
APP_DIR = "jit-whatif"
FILE_NAME = "workspace.db"


def data_directory(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """The per-user data directory of the app (not created here)."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path(env.get("HOME") or Path.home())
    if platform.startswith("win"):
        base = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "")
        # The specification says a relative XDG_DATA_HOME is invalid and must be ignored.
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / APP_DIR


def workspace_path(
    given: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> Path:
    """The workspace file to use: ``given``, else ``$JIT_WHATIF_WORKSPACE``, else the data
    directory's ``workspace.db``."""
    env = os.environ if environ is None else environ
    if given:
        return Path(given).expanduser()
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR]).expanduser()
    return data_directory(env, platform) / FILE_NAME
