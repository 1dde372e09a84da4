"""Writing a file so that a crash or a kill leaves the old file or none, never half of one."""

from __future__ import annotations

import os
import secrets
import stat
import time
from pathlib import Path

STALE_SECONDS = 60.0
"""A temporary file of an earlier write older than this was left by a killed process."""


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over.

    Temporary files that an earlier, killed write of the same ``path`` left behind are removed.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    _remove_stale(path)
    tmp = (path.parent or Path(".")) / f".{path.name}.{secrets.token_hex(6)}.part"
    # Created like any new file (the umask applies), or with the mode of the file it replaces.
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(path: Path) -> None:
    now = time.time()
    for leftover in (path.parent or Path(".")).glob(f".{path.name}.*.part"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            continue  # another writer's file, or already gone: not ours to worry about
