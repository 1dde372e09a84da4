"""The wheel is self-contained: styles and the sample story travel inside it."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_styles_and_sample_story(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("briefread-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tui/styles/app.tcss" in names
    samples = {n for n in names if n.startswith("corpus/sample/")}
    assert {"corpus/sample/gold.json", "corpus/sample/wire.md"} <= samples
    assert len([n for n in samples if n.endswith(".md")]) >= 6
    assert "tui/cli.py" in names and "corpus/comparison.py" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "briefread = tui.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
