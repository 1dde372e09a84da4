"""Where briefread keeps the user's files: data (the library), config, and exports.

Nothing here creates a folder; whoever first writes into one creates it. The environment
variables ``BRIEFREAD_DATA_DIR`` and ``BRIEFREAD_CONFIG_DIR`` override the platform's folders
(design.md §4; tests use them).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "briefread"
DATA_ENV = "BRIEFREAD_DATA_DIR"
CONFIG_ENV = "BRIEFREAD_CONFIG_DIR"


def data_dir() -> Path:
    """The folder for the library: ``$BRIEFREAD_DATA_DIR``, else the platform's user data folder."""
    return _override(DATA_ENV) or Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    """The folder for settings: ``$BRIEFREAD_CONFIG_DIR``, else the user config folder."""
    return _override(CONFIG_ENV) or Path(platformdirs.user_config_dir(APP, appauthor=False))


def documents_dir() -> Path:
    """The default folder for exports: ``briefread`` inside the user's documents folder."""
    return Path(platformdirs.user_documents_dir()) / APP


def _override(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().absolute() if value else None
