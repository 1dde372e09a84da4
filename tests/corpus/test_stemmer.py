"""nltk's stemmer is imported without numpy, which nltk's package imports pull in where it is
installed (a tenth of a second for modules the stemmer never uses)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from corpus.features import stemmer_for
stemmer = stemmer_for("en")
print(stemmer.stem("running"), "numpy" in sys.modules)
import numpy
print(numpy.FAKE)
"""


def _run(tmp_path: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")


def _fake_numpy(folder: Path) -> None:
    (folder / "numpy").mkdir()
    (folder / "numpy" / "__init__.py").write_text("FAKE = 'fake numpy'\n", encoding="utf-8")


def test_the_stemmer_is_imported_without_numpy_which_stays_importable(tmp_path: Path) -> None:
    _fake_numpy(tmp_path)
    lines = _run(tmp_path)
    assert lines[0] == "run False"  # stemmed by nltk; numpy not imported for it
    assert lines[1] == "fake numpy"  # and importable afterwards


def test_an_nltk_that_needs_numpy_is_imported_again_with_it(tmp_path: Path) -> None:
    """Its modules imported before the one that failed are imported again too: those that
    took numpy as absent see it now."""
    _fake_numpy(tmp_path)
    package = tmp_path / "nltk"
    (package / "stem").mkdir(parents=True)
    (package / "__init__.py").write_text("from nltk import helper\n", encoding="utf-8")
    (package / "helper.py").write_text(
        "try:\n    import numpy\nexcept ImportError:\n    numpy = None\n", encoding="utf-8"
    )
    (package / "stem" / "__init__.py").write_text("", encoding="utf-8")
    (package / "stem" / "snowball.py").write_text(
        "import numpy\n"
        "from nltk import helper\n"
        "class SnowballStemmer:\n"
        "    def __init__(self, language):\n"
        "        self.language = language\n"
        "    def stem(self, word):\n"
        "        return word[:3] + ('+' if helper.numpy else '-')\n",
        encoding="utf-8",
    )
    lines = _run(tmp_path)
    assert lines[0] == "run+ True"
    assert lines[1] == "fake numpy"
