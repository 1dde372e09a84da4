"""Remapping keys: ``keys.toml`` in the config folder maps binding ids to keys.

Example (``briefread --locate`` prints the config folder)::

    [keys]
    next_match = "j,down"
    previous_match = "k,up"
"""

from __future__ import annotations

import tomllib
from pathlib import Path

FILE_NAME = "keys.toml"


def load_keymap(path: Path) -> tuple[dict[str, str], list[str]]:
    """The binding-id → keys map in ``path`` and warnings about what was ignored.

    A missing file is no keymap; a broken one is a warning, never a failure to start.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: ignored ({exc}); fix the file or remove it"]
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return {}, [f'{path}: [keys] must be a table of binding id = "key"; ignored']
    keymap: dict[str, str] = {}
    warnings: list[str] = []
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[str(binding_id)] = keys.strip()
        else:
            warnings.append(f'{path}: {binding_id} must be a key such as "ctrl+n"; ignored')
    return keymap, warnings
