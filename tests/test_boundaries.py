"""The engine never imports the UI: importing every corpus module leaves textual unloaded."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_corpus_never_imports_textual() -> None:
    modules = sorted(p.stem for p in (ROOT / "corpus").glob("*.py") if p.stem != "__init__")
    assert "comparison" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('corpus.' + name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_no_source_file_mentions_nltk_download() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("corpus", "tui")
        for p in (ROOT / folder).rglob("*.py")
        if "nltk.download" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
