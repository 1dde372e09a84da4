"""The real ``briefread`` in a real terminal (tmux): opens fixture articles, keys, the screen."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
BRIEFREAD = Path(sys.executable).parent / "briefread"
pytestmark = pytest.mark.skipif(
    TMUX is None or not BRIEFREAD.exists(), reason="needs tmux and the installed briefread command"
)

WIRE = """---
title: Ferry fares frozen
outlet: Harbour Wire
published: 2026-05-02T08:00:00Z
---
LOWMOUTH, May 2 (HW) — The Lowmouth ferry board voted on Friday to freeze fares on all nine
island routes until the end of 2027, citing a 14% rise in passenger numbers.

The board said the freeze would cost about $3.1 million a year, to be covered by a grant from
the regional transport fund.

Commuters from Skerry Island, who pay the highest fares, had campaigned for the freeze since
January.
"""
COPY = """---
title: Island fares stay put
outlet: Skerry Gazette
published: 2026-05-02T11:00:00Z
---
Good news for islanders this weekend.

LOWMOUTH, May 2 (HW) — The Lowmouth ferry board voted on Friday to freeze fares on all nine
island routes until the end of 2027, citing a 14% rise in passenger numbers.

The board said the freeze would cost about $3.1 million a year, to be covered by a grant from
the regional transport fund.
"""


def _screen(session: str) -> str:
    assert TMUX is not None
    out = subprocess.run(
        [TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    )
    return out.stdout


def _until(session: str, test: Callable[[str], bool], seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if test(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"screen never showed what was expected:\n{screen}")


def test_briefread_in_tmux(tmp_path: Path) -> None:
    assert TMUX is not None
    (tmp_path / "wire.md").write_text(WIRE, encoding="utf-8")
    (tmp_path / "copy.md").write_text(COPY, encoding="utf-8")
    session = f"briefread-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "BRIEFREAD_DATA_DIR": str(tmp_path / "data"),
        "BRIEFREAD_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
    }
    # Through env(1): a tmux server that is already running gives new sessions its own
    # environment, not this process's, and the test must never touch the user's library.
    command = " ".join(
        shlex.quote(x)
        for x in (
            "env",
            f"BRIEFREAD_DATA_DIR={tmp_path / 'data'}",
            f"BRIEFREAD_CONFIG_DIR={tmp_path / 'config'}",
            "TERM=xterm-256color",
            str(BRIEFREAD),
            str(tmp_path / "wire.md"),
            str(tmp_path / "copy.md"),
        )
    )
    subprocess.run(
        [TMUX, "new-session", "-d", "-s", session, "-x", "120", "-y", "36", command],
        env=env,
        check=True,
    )
    try:
        screen = _until(session, lambda s: "matched sentence pairs" in s)
        assert "Harbour Wire" in screen and "Skerry Gazette" in screen
        assert "syndicated" in screen
        subprocess.run([TMUX, "send-keys", "-t", session, "n"], check=True)
        screen = _until(session, lambda s: "sentence 1:" in s)
        assert "verbatim" in screen and "in 2 of 2 sources" in screen
        subprocess.run([TMUX, "send-keys", "-t", session, "u"], check=True)
        screen = _until(session, lambda s: "found in no other article" in s)
        subprocess.run([TMUX, "send-keys", "-t", session, "q"], check=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            alive = subprocess.run(
                [TMUX, "has-session", "-t", session], capture_output=True, check=False
            )
            if alive.returncode != 0:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("briefread did not quit on q")
        assert (tmp_path / "data" / "library.sqlite3").exists()  # its own library, not the user's
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True, check=False)
