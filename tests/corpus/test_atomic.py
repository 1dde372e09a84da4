"""An export killed mid-write leaves the old file (or none), never part of one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from corpus import atomic
from corpus.atomic import write_atomic

# The child exports the sample story as HTML through the real CLI, but its disk flush hangs:
# it says so on stdout and waits, so the parent can kill it exactly mid-write.
CHILD = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = slow_fsync
from tui.cli import main
sys.exit(main(["compare", "--format", "html", "-o", sys.argv[1]]))
"""


def _kill_mid_write(target: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL


def test_killed_export_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "story.html"
    target.write_text("<p>the export from yesterday</p>", encoding="utf-8")
    _kill_mid_write(target)
    assert target.read_text(encoding="utf-8") == "<p>the export from yesterday</p>"


def test_killed_first_export_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "story.html"
    _kill_mid_write(target)
    assert not target.exists()
    leftovers = list(tmp_path.glob(".story.html.*.part"))
    assert len(leftovers) == 1  # the temporary file, hidden, never under the export's name


def test_the_next_write_clears_what_a_killed_one_left(tmp_path: Path, monkeypatch: object) -> None:
    target = tmp_path / "notes.md"
    stale = tmp_path / ".notes.md.abc123.part"
    stale.write_text("half", encoding="utf-8")
    old = time.time() - atomic.STALE_SECONDS - 5
    os.utime(stale, (old, old))
    fresh = tmp_path / ".notes.md.def456.part"  # a write in progress elsewhere: left alone
    fresh.write_text("busy", encoding="utf-8")
    write_atomic(target, "# Notes\n")
    assert target.read_text(encoding="utf-8") == "# Notes\n"
    assert not stale.exists() and fresh.exists()


def test_a_new_export_gets_ordinary_permissions_and_a_replaced_one_keeps_its_own(
    tmp_path: Path,
) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        write_atomic(fresh, "x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        private = tmp_path / "private.md"
        private.write_text("old", encoding="utf-8")
        private.chmod(0o600)
        write_atomic(private, "new")
        assert private.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)
