"""The stderr progress bar of ``briefread compare``: drawn on a terminal only, never too often."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from tui.progress_line import ProgressLine

ROOT = Path(__file__).resolve().parents[2]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_written_when_the_stream_is_not_a_terminal() -> None:
    out = io.StringIO()
    with ProgressLine(out) as bar:
        for done in range(0, 101, 10):
            bar("score", done, 100)
    assert out.getvalue() == ""


def test_a_terminal_gets_the_bar_and_a_final_newline() -> None:
    out = FakeTerminal()
    with ProgressLine(out, width=10) as bar:
        bar("segment", 0, 4)
        bar("segment", 4, 4)
    text = out.getvalue()
    assert text.endswith("\n")
    assert text.count("\n") == 1
    last = text.rstrip("\n").split("\r")[-1]
    assert "Reading articles" in last
    assert "100%" in last
    assert "4 / 4" in last
    assert "━" * 10 in last


def test_redraws_are_throttled_but_stage_edges_always_drawn() -> None:
    out = FakeTerminal()
    clock = Clock()
    bar = ProgressLine(out, interval=0.1, clock=clock)
    for done in range(1000):  # a thousand reports within 0.01 s: only the first is drawn
        clock.now = done * 1e-5
        bar("score", done, 1000)
    assert bar.writes == 1
    clock.now = 0.5
    bar("score", 500, 1000)  # time has passed: drawn
    bar("score", 1000, 1000)  # the end of a stage: drawn at once
    bar("relate", 0, 10)  # a new stage: drawn at once
    assert bar.writes == 4
    bar.close()
    assert out.getvalue().endswith("\n")


def test_counts_are_shown_as_given() -> None:
    line = ProgressLine(FakeTerminal(), width=20).render("score", 31204, 60001)
    assert "52%" in line
    assert "31,204 / 60,001" in line
    assert ProgressLine(FakeTerminal()).render("index", 0, 0).count("100%") == 1


def test_compare_on_a_pipe_prints_no_progress(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "compare", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Scoring pairs" not in result.stderr
    assert "\r" not in result.stderr


def test_compare_on_a_terminal_draws_the_bar_on_stderr(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "compare", "-o", str(tmp_path / "out.json"),
         "--format", "json"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT,
        env=_env(tmp_path),
    )  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(master)
    err = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert "Scoring pairs" in err
    assert "Relating articles" in err
    assert (tmp_path / "out.json").exists()


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["BRIEFREAD_DATA_DIR"] = str(home / "data")
    env["BRIEFREAD_CONFIG_DIR"] = str(home / "config")
    return env
