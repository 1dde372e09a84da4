"""nltk's Snowball stemmer is imported alone, without nltk's package imports (nearly all of
nltk, and numpy where it is installed: 0.3 s for modules the stemmer never uses), and stems
as nltk imported as usual does. Each case runs in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LIGHT = """
import sys
from corpus.features import stemmer_for
stemmer = stemmer_for("en")
print(stemmer.stem("running"))
print(sorted({m.split(".")[1] for m in sys.modules if m.startswith("nltk.")}))
print("nltk" in sys.modules, "numpy" in sys.modules)
import nltk
from nltk.stem import SnowballStemmer
from nltk.corpus import stopwords
print(type(stopwords).__name__, SnowballStemmer is type(stemmer))
"""

STEMS = """
import json, sys
if sys.argv[1] == "usual":
    import nltk
from corpus.features import stemmer_for
words = sys.stdin.read().split()
print(json.dumps({l: [stemmer_for(l).stem(w) for w in words] for l in sys.argv[2:]}))
"""


def _run(code: str, *args: str, path: Path | None = None, stdin: str = "") -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": f"{path}:{ROOT}" if path else str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")


def _fake_numpy(folder: Path) -> None:
    (folder / "numpy").mkdir()
    (folder / "numpy" / "__init__.py").write_text("FAKE = 'fake numpy'\n", encoding="utf-8")


def test_the_stemmer_is_imported_alone_and_nltk_stays_importable(tmp_path: Path) -> None:
    _fake_numpy(tmp_path)
    lines = _run(LIGHT, path=tmp_path)
    assert lines[0] == "run"
    assert lines[1] == "['redos', 'stem', 'termsec']"  # not nltk.corpus, nltk.translate, …
    assert lines[2] == "False False"  # neither nltk's package code nor numpy ran for it
    assert lines[3] == "LazyCorpusLoader True"  # the real nltk afterwards, the same stemmer


def test_stems_are_those_of_nltk_imported_as_usual() -> None:
    words = " ".join(
        (ROOT / "corpus" / "sample" / name).read_text(encoding="utf-8")
        for name in sorted(p.name for p in (ROOT / "corpus" / "sample").iterdir() if p.is_file())
    ).lower()
    words += " running regulators announced anunciaron gobiernos ministerios hearings agreed"
    languages = ["en", "es", "fr", "de"]
    alone = json.loads(_run(STEMS, "alone", *languages, stdin=words)[0])
    usual = json.loads(_run(STEMS, "usual", *languages, stdin=words)[0])
    assert alone == usual
    assert alone["en"][-2:] == ["hear", "agre"]  # stemmed, not the words given back


def test_an_nltk_of_another_layout_is_imported_as_usual(tmp_path: Path) -> None:
    """Its stemmer module needs what nltk's package code defines: imported alone it fails,
    and the usual import, from scratch, gives the stemmer."""
    package = tmp_path / "nltk"
    (package / "stem").mkdir(parents=True)
    (package / "__init__.py").write_text("SUFFIX = '+'\n", encoding="utf-8")
    (package / "stem" / "__init__.py").write_text("", encoding="utf-8")
    (package / "stem" / "snowball.py").write_text(
        "from nltk import SUFFIX\n"
        "class SnowballStemmer:\n"
        "    def __init__(self, language):\n"
        "        self.language = language\n"
        "    def stem(self, word):\n"
        "        return word[:3] + SUFFIX\n",
        encoding="utf-8",
    )
    code = "from corpus.features import stemmer_for\nprint(stemmer_for('en').stem('running'))\n"
    assert _run(code, path=tmp_path)[0] == "run+"


def test_stopword_lists_are_imported_when_the_stemmer_asks_for_them() -> None:
    code = (
        "from corpus.features import stemmer_for\n"
        "stemmer_for('en')\n"
        "import nltk.corpus, nltk.stem.snowball as snowball\n"
        "class Lists:\n"
        "    def words(self, language):\n"
        "        return ['the', language]\n"
        "nltk.corpus.stopwords = Lists()\n"
        "print(snowball.SnowballStemmer('english', ignore_stopwords=True).stopwords == "
        "{'the', 'english'})\n"
    )
    assert _run(code)[0] == "True"
