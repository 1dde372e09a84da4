"""The library: stories, highlights that survive reopening, the comparison cache, the file."""

from __future__ import annotations

import dataclasses
import pickle
import sqlite3
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest

import corpus
import corpus.library as library_module
from corpus.article import Article
from corpus.cache import content_key
from corpus.comparison import Comparison, compare
from corpus.errors import BriefreadError
from corpus.library import Library, default_path, story_sources
from corpus.settings import Settings

ROOT = Path(__file__).resolve().parents[2]

WIRE = (
    "KESTRELFORD, May 9 (NWS) — The Kestrelford water board voted 5-1 on Thursday to build a "
    "$74 million desalination plant on the Ossery estuary. The plant would supply 38,000 homes "
    "from the summer of 2029, board chair Anneli Varga said after the vote.\n\n"
    '"We cannot keep praying for rain," Varga said. Two farmers\' groups said they would '
    "challenge the decision in court because the intake pipe crosses their grazing land."
)
COPY = (
    "The Kestrelford water board voted 5-1 on Thursday to build a $74 million desalination "
    "plant on the Ossery estuary. The plant would supply 38,000 homes from the summer of 2029, "
    "board chair Anneli Varga said after the vote.\n\n"
    '"We cannot keep praying for rain," Varga said. Tickets for the Ossery regatta go on sale '
    "next week at the harbour office."
)
OTHER = (
    "A late frost damaged most of the apricot orchards around Hallam Vale this week, growers "
    "said. The regional farm office expects the harvest to fall by about a third."
)


@pytest.fixture(autouse=True)
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("BRIEFREAD_DATA_DIR", str(folder))
    return folder


def story(prefix: str = "") -> list[Article]:
    return [
        Article(source=f"{prefix}wire.txt", text=WIRE, outlet="Northwater Wire", id="wire"),
        Article(source=f"{prefix}copy.txt", text=COPY, outlet="Ossery Echo", id="copy"),
        Article(source=f"{prefix}other.txt", text=OTHER, outlet="Vale Courier", id="other"),
    ]


@pytest.fixture(scope="module")
def compared() -> Comparison:
    return compare(story())


# The file


def test_opening_creates_the_folder_and_a_wal_database(data_dir: Path) -> None:
    assert not data_dir.exists()
    with Library.open() as lib:
        assert lib.path == data_dir / "library.sqlite3" == default_path()
        assert lib.stats().stories == 0
    raw = sqlite3.connect(data_dir / "library.sqlite3")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("SELECT version FROM schema_version").fetchall() == [(1,)]


def test_corrupt_file_gives_one_line_error_and_is_kept(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "library.sqlite3"
    junk = b"These are my notes, not a database.\n" * 40
    path.write_bytes(junk)
    with pytest.raises(BriefreadError) as caught:
        Library.open()
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message and "move the file aside" in message
    assert path.read_bytes() == junk


def test_version_0_database_is_upgraded_keeping_its_stories(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "library.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE stories (id INTEGER PRIMARY KEY, sources TEXT UNIQUE, opened TEXT)")
    raw.execute("INSERT INTO stories VALUES (1, '[\"b.txt\"]', '2025-02-01T10:00:00+00:00')")
    raw.execute("INSERT INTO stories VALUES (2, '[\"a.txt\", \"c.txt\"]', '2025-01-01T09:00:00')")
    raw.commit()
    raw.close()
    with Library.open() as lib:
        got = lib.stories()
        assert [s.sources for s in got] == [("b.txt",), ("a.txt", "c.txt")]
        assert [s.id for s in got] == [1, 2] and got[0].article_count == 0
        lib.add_highlight(story()[0], 0, 11)
        new_id = lib.record_story(["a.txt", "c.txt"], story())
        assert new_id == 2 and lib.last_story() == lib.stories()[0]
        assert lib.stories()[0].article_count == 3
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT version FROM schema_version").fetchall() == [(1,)]


def test_empty_file_becomes_a_library(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "library.sqlite3").write_bytes(b"")
    with Library.open() as lib:
        assert lib.stories() == []


def test_library_from_a_newer_briefread_is_refused(data_dir: Path) -> None:
    with Library.open():
        pass
    raw = sqlite3.connect(data_dir / "library.sqlite3")
    raw.execute("UPDATE schema_version SET version = 7")
    raw.commit()
    raw.close()
    with pytest.raises(BriefreadError, match="newer briefread"):
        Library.open()


def test_two_processes_writing_at_once_lose_nothing(data_dir: Path) -> None:
    with Library.open():  # created up front, so both writers find version 1
        pass
    script = (
        "import sys\n"
        "from corpus.article import Article\n"
        "from corpus.library import Library\n"
        "first = int(sys.argv[1])\n"
        "art = Article(source='x.txt', text='x' * 1000, id='x')\n"
        "with Library.open() as lib:\n"
        "    for i in range(first, first + 200):\n"
        "        lib.add_highlight(art, i, i + 3, note=str(i))\n"
        "        if i % 50 == 0:\n"
        "            lib.record_story([f'story-{i}.txt'], [art])\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(first)], cwd=ROOT, stderr=subprocess.PIPE
        )
        for first in (0, 500)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    art = Article(source="elsewhere/x.txt", text="x" * 1000, id="x")
    with Library.open() as lib:
        found = lib.highlights_for([art])
        assert len(found) == 400
        assert {h.start for h in found} == set(range(200)) | set(range(500, 700))
        assert all(h.note == str(h.start) for h in found)
        assert lib.stats().stories == 8


def test_threads_may_share_one_library() -> None:
    art = Article(source="t.txt", text="t" * 500, id="t")
    with Library.open() as lib:

        def write(first: int) -> None:
            for i in range(first, first + 50):
                lib.add_highlight(art, i, i + 1)

        threads = [threading.Thread(target=write, args=(n,)) for n in (0, 100)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(lib.highlights_for([art])) == 100


# Stories


def test_stories_round_trip_newest_first() -> None:
    arts = story()
    with Library.open() as lib:
        assert lib.last_story() is None
        first = lib.record_story(["wire.txt", "copy.txt"], arts[:2])
        second = lib.record_story(["other.txt"], arts[2:])
        assert [s.id for s in lib.stories()] == [second, first]
        again = lib.record_story(["wire.txt", "copy.txt"], arts)
        assert again == first
    with Library.open() as lib:
        got = lib.stories()
        assert [s.id for s in got] == [first, second]
        top = got[0]
        assert top.sources == ("wire.txt", "copy.txt") and top.article_count == 3
        assert top.outlets == ("Northwater Wire", "Ossery Echo", "Vale Courier")
        assert top.opened > got[1].opened
        assert lib.last_story() == top


def test_order_of_sources_makes_a_different_story() -> None:
    with Library.open() as lib:
        a = lib.record_story(["a.txt", "b.txt"], story()[:2])
        b = lib.record_story(["b.txt", "a.txt"], story()[:2])
        assert a != b and lib.stats().stories == 2


def test_story_sources_reopen_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    given = ["notes/a.md", "https://example.test/x", "sample:wire", str(tmp_path / "b.txt")]
    assert story_sources(given) == (
        str(tmp_path / "notes" / "a.md"),
        "https://example.test/x",
        "sample:wire",
        str(tmp_path / "b.txt"),
    )
    assert story_sources(["a.txt", "-"]) is None
    assert story_sources([]) is None


# Highlights


def test_highlights_survive_reopening() -> None:
    arts = story()
    with Library.open() as lib:
        made = lib.add_highlight(arts[1], 4, 39, note="check the vote count", tag="claim")
        lib.add_highlight(arts[0], 0, 11)
        assert made.text == COPY[4:39] and made.article == "copy" and made.created
    with Library.open() as lib:
        got = lib.highlights_for(arts)
    assert [(h.article, h.start, h.end) for h in got] == [("wire", 0, 11), ("copy", 4, 39)]
    assert got[1] == made


def test_highlights_follow_the_text_not_the_path() -> None:
    with Library.open() as lib:
        lib.add_highlight(story()[0], 15, 20, note="date")
    moved = [
        dataclasses.replace(a, source=f"archive/{a.source}", id=f"n{k}")
        for k, a in enumerate(story())
    ]
    edited = dataclasses.replace(moved[0], text=WIRE + " Correction appended.")
    with Library.open() as lib:
        found = lib.highlights_for(moved)
        assert [(h.article, h.start, h.end, h.note) for h in found] == [("n0", 15, 20, "date")]
        assert found[0].text == WIRE[15:20]
        assert lib.highlights_for([edited, *moved[1:]]) == []


def test_highlight_again_remove_and_update_note() -> None:
    art = story()[2]
    with Library.open() as lib:
        first = lib.add_highlight(art, 2, 12, note="one")
        second = lib.add_highlight(art, 2, 12, note="two", tag="t")
        assert second.created == first.created and second.note == "two"
        assert lib.stats().highlights == 1
        updated = lib.update_note(art, 2, 12, "three")
        assert updated is not None and (updated.note, updated.tag) == ("three", "t")
        assert lib.update_note(art, 3, 12, "nothing there") is None
        assert lib.remove_highlight(art, 2, 12) is True
        assert lib.remove_highlight(art, 2, 12) is False
        assert lib.highlights_for([art]) == []
        with pytest.raises(ValueError):
            lib.add_highlight(art, 5, len(OTHER) + 1)


def test_articles_with_the_same_text_share_highlights() -> None:
    twin = dataclasses.replace(story()[0], source="mirror.txt", id="mirror")
    with Library.open() as lib:
        lib.add_highlight(story()[0], 0, 5)
        assert [h.article for h in lib.highlights_for([story()[0], twin])] == ["wire", "mirror"]


def test_content_key_depends_on_text_only() -> None:
    a, moved = story()[0], dataclasses.replace(story()[0], source="b", id="b", outlet="X")
    assert content_key(a) == content_key(moved) and len(content_key(a)) == 32
    assert content_key(a) != content_key(dataclasses.replace(a, text=a.text + "."))


# Comparison cache


def test_cache_hit_returns_an_equal_comparison(compared: Comparison) -> None:
    assert compared.matches  # the fixture story shares text
    with Library.open() as lib:
        assert lib.cached_comparison(story(), Settings()) is None
        lib.store_comparison(compared)
    with Library.open() as lib:
        assert lib.cached_comparison(story(), Settings()) == compared
        stats = lib.stats()
        assert (stats.hits, stats.misses, stats.comparisons) == (1, 0, 1)


def test_cache_hit_for_moved_files_is_what_compare_gives(compared: Comparison) -> None:
    moved = [
        dataclasses.replace(a, source=f"new/{a.source}", id=f"m{k}") for k, a in enumerate(story())
    ]
    with Library.open() as lib:
        lib.store_comparison(compared)
        hit = lib.cached_comparison(moved, Settings())
    assert hit is not None and hit == compare(moved)


@pytest.mark.parametrize("change", ["settings", "text", "order", "outlet", "version"])
def test_cache_misses_when_anything_that_matters_changes(
    change: str, compared: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    arts, settings = story(), Settings()
    if change == "settings":
        settings = Settings(verbatim_min=0.9)
    elif change == "text":
        arts[2] = dataclasses.replace(arts[2], text=OTHER.replace("third", "quarter"))
    elif change == "order":
        arts.reverse()
    elif change == "outlet":
        arts[0] = dataclasses.replace(arts[0], outlet="Ossery Echo")
    with Library.open() as lib:
        lib.store_comparison(compared)
        if change == "version":
            monkeypatch.setattr(corpus, "__version__", "99.0")
        assert lib.cached_comparison(arts, settings) is None
        assert lib.stats().misses == 1


def test_detected_languages_still_hit() -> None:
    arts = [dataclasses.replace(a, language=None) for a in story()]
    result = compare(arts)
    assert result.articles[0].language == "en"
    named = [dataclasses.replace(a, language="en") for a in arts]
    with Library.open() as lib:
        lib.store_comparison(result, arts)
        assert lib.cached_comparison(arts, Settings()) == result
        lib.store_comparison(result)  # without the given articles: detected again
        assert lib.cached_comparison(arts, Settings()) == result
        assert lib.cached_comparison(named, Settings()) == compare(named)
        french = [dataclasses.replace(named[0], language="fr"), *named[1:]]
        assert lib.cached_comparison(french, Settings()) is None


def test_a_language_given_against_detection_is_not_reused_for_none() -> None:
    forced = [dataclasses.replace(a, language="es") for a in story()]
    with Library.open() as lib:
        lib.store_comparison(compare(forced))
        assert lib.cached_comparison(forced, Settings()) is not None
        unnamed = [dataclasses.replace(a, language=None) for a in story()]
        assert lib.cached_comparison(unnamed, Settings()) is None


@pytest.mark.parametrize(
    "data",
    [b"BRC1 not compressed", b"garbage", b"BRC1" + zlib.compress(pickle.dumps({"not": "one"}))],
    ids=["damaged", "unknown-format", "not-a-comparison"],
)
def test_entry_that_fails_to_load_is_a_miss_and_deleted(
    data: bytes, compared: Comparison, data_dir: Path
) -> None:
    with Library.open() as lib:
        lib.store_comparison(compared)
    raw = sqlite3.connect(data_dir / "library.sqlite3")
    raw.execute("UPDATE comparisons SET data = ?", (data,))
    raw.commit()
    raw.close()
    with Library.open() as lib:
        assert lib.cached_comparison(story(), Settings()) is None
        assert lib.stats().comparisons == 0


def test_cache_keeps_the_most_recently_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "CACHE_ENTRIES", 2)
    arts = story()
    results = {m: compare(arts, Settings(passage_gap=m)) for m in (1, 2, 3)}
    with Library.open() as lib:
        lib.store_comparison(results[1])
        lib.store_comparison(results[2])
        assert lib.cached_comparison(arts, Settings(passage_gap=1)) == results[1]
        lib.store_comparison(results[3])
        assert lib.stats().comparisons == 2
        assert lib.cached_comparison(arts, Settings(passage_gap=2)) is None
        assert lib.cached_comparison(arts, Settings(passage_gap=1)) == results[1]
        assert lib.cached_comparison(arts, Settings(passage_gap=3)) == results[3]


def test_a_failed_write_leaves_nothing_behind(
    compared: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(library_module, "_evict", broken)
    with Library.open() as lib:
        with pytest.raises(RuntimeError):
            lib.store_comparison(compared)
        assert lib.stats().comparisons == 0
        lib.add_highlight(story()[0], 0, 3)  # the library is still usable
        assert lib.stats().highlights == 1
