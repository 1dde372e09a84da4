"""The command line and the library: --list, --locate, the compare cache, reopening a story."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import corpus.comparison
from corpus.article import Article
from corpus.comparison import Comparison, Progress
from corpus.library import Library
from corpus.load import load_sources, sample_sources
from corpus.settings import Settings
from tui import cli
from tui.cli import main

FIRST = (
    "---\noutlet: Pell River Wire\n---\n"
    "The Pell River ferry will stop running on 30 June after 61 years, the county transport "
    "office said on Monday. Its last operator, Hesketh Marine, said repairs to the ramp at "
    "Corwen Landing would cost 2.3 million pounds.\n\nCommuters will be offered a free bus."
)
SECOND = (
    "---\noutlet: Corwen Weekly\n---\n"
    "The Pell River ferry will stop running on 30 June after 61 years, the county transport "
    "office said on Monday. Its last operator, Hesketh Marine, said repairs to the ramp at "
    "Corwen Landing would cost 2.3 million pounds.\n\nThe Corwen bakery fair returns in August."
)


@pytest.fixture(autouse=True)
def folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("BRIEFREAD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFREAD_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture
def story_files(tmp_path: Path) -> list[str]:
    paths = [tmp_path / "first.md", tmp_path / "second.md"]
    for path, text in zip(paths, (FIRST, SECOND), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


@pytest.fixture
def compare_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts real comparisons (cache misses) made through ``corpus.comparison.compare``."""
    calls: list[int] = []
    real = corpus.comparison.compare

    def counting(
        articles: list[Article], settings: Settings | None = None, progress: Progress | None = None
    ) -> Comparison:
        calls.append(len(articles))
        return real(articles, settings, progress)

    monkeypatch.setattr(corpus.comparison, "compare", counting)
    return calls


def test_locate_prints_the_folders_and_creates_nothing(
    folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--locate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split(None, 2)[2] == str(folders / "data")
    assert out[1].split(None, 2)[2] == str(folders / "config")
    assert out[2].split(None, 1)[1] == str(folders / "data" / "library.sqlite3")
    assert out[3].startswith("exports") and out[3].endswith("briefread")
    assert sorted(p.name for p in folders.iterdir()) == []


def test_list_before_any_story(folders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list"]) == 0
    assert "No stories yet" in capsys.readouterr().out
    assert not (folders / "data").exists()


def test_second_compare_comes_from_the_cache(
    story_files: list[str], compare_calls: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", *story_files]) == 0
    first = capsys.readouterr().out
    assert main(["compare", *story_files]) == 0
    second = capsys.readouterr().out
    assert compare_calls == [2]
    assert second == first and "Pell River Wire" in first
    with Library.open() as lib:
        stats = lib.stats()
    assert (stats.comparisons, stats.stories) == (1, 1)


@pytest.mark.parametrize("compressing", ["works", "fails"])
def test_compare_stores_its_comparison_compressed_while_it_renders(
    story_files: list[str], monkeypatch: pytest.MonkeyPatch, compressing: str
) -> None:
    """The entry is compressed in a thread while the output renders; should that fail, it is
    encoded again when stored. Either way the library holds what ``compare`` gives."""
    import corpus.cache

    threads: list[str] = []
    compress = corpus.cache.compress

    def spy(pickled: bytes) -> bytes:
        threads.append(threading.current_thread().name)
        if compressing == "fails" and threads[-1] == "briefread-cache":
            raise MemoryError
        return compress(pickled)

    monkeypatch.setattr(corpus.cache, "compress", spy)
    assert main(["compare", *story_files]) == 0
    assert threads[0] == "briefread-cache"  # then, where it failed, here again
    assert threads[1:] == ([] if compressing == "works" else [threading.current_thread().name])
    articles = load_sources(story_files, warn=print)
    with Library.open() as lib:
        stored = lib.cached_comparison(articles, Settings())
    assert stored is not None
    fresh = corpus.comparison.compare(articles)
    assert stored.matches == fresh.matches and stored.passages == fresh.passages


def test_list_shows_stories_newest_first(
    story_files: list[str], compare_calls: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", *story_files]) == 0
    assert main(["compare", story_files[1]]) == 0
    capsys.readouterr()
    assert main(["--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert " 1 article " in lines[0] and lines[0].endswith("second.md")
    assert "2 articles" in lines[1] and "first.md, " in lines[1]


def test_compare_carries_on_when_the_library_is_unreadable(
    folders: Path, story_files: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (folders / "data").mkdir()
    broken = folders / "data" / "library.sqlite3"
    broken.write_bytes(b"scribbles, not a database\n" * 30)
    assert main(["compare", *story_files]) == 0
    captured = capsys.readouterr()
    assert "Pell River Wire" in captured.out
    warnings = [line for line in captured.err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and str(broken) in warnings[0]
    assert broken.read_bytes() == b"scribbles, not a database\n" * 30
    assert main(["--list"]) == 2  # asked for directly, the problem is an error
    assert "move the file aside" in capsys.readouterr().err


def test_reader_reopens_the_last_story_else_the_sample(
    story_files: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    memory = cli._Memory()
    try:
        first = cli.reader_articles([], 100.0, memory)
        assert [a.source for a in first] == sample_sources()
        given = cli.reader_articles(story_files, 100.0, memory)
        assert [a.outlet for a in given] == ["Pell River Wire", "Corwen Weekly"]
        again = cli.reader_articles([], 100.0, memory)
        assert [a.source for a in again] == story_files
        for path in story_files:
            Path(path).unlink()
        fallback = cli.reader_articles([], 100.0, memory)
        assert [a.source for a in fallback] == sample_sources()
        assert "could not be reopened" in capsys.readouterr().err
    finally:
        memory.close()
