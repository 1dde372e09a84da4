"""load_sources: every kind of source, warnings instead of tracebacks, ids."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import corpus.load
from corpus.article import Article
from corpus.errors import SourceError
from corpus.load import load_sources, sample_sources
from tests.corpus.loopback import respond, serve

FIXTURES = Path(__file__).parent.parent / "fixtures"
PAGE = (FIXTURES / "news_page.html").read_bytes()
FIRST_PARAGRAPH = "The passenger ferry linking Vell Harbour with the island of Orrin"

MARKDOWN_STORY = """---
title: "Ferry back in service"
Outlet: Island Times
link: https://islandtimes.example/orrin-ferry
date: 2024-03-14T10:05:00Z
lang: en
---

# Ferry back in service

The **Orrin Star** is back after a [four-month refit](https://port.example/refit).

* six crossings a day
"""

PLAIN_STORY = "Ferry returns to Orrin\n\nThe ferry sails again on Monday, officials said.\n"


class Warnings(list[str]):
    """Collects warnings; each must be one line naming its source."""

    def __call__(self, message: str) -> None:
        assert "\n" not in message
        assert "Traceback" not in message
        self.append(message)


@pytest.fixture
def warn() -> Warnings:
    return Warnings()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory to write sources into, so they can be named by relative paths."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_markdown_with_front_matter(folder: Path, warn: Warnings) -> None:
    (folder / "island.md").write_text(MARKDOWN_STORY, encoding="utf-8")
    (article,) = load_sources(["island.md"], warn=warn)
    assert warn == []
    assert article.source == "island.md"
    assert article.id == "island"
    assert article.text == (
        "Ferry back in service\n\nThe Orrin Star is back after a four-month refit.\n\n"
        "* six crossings a day"
    )
    assert article.title == "Ferry back in service"
    assert article.outlet == "Island Times"
    assert article.url == "https://islandtimes.example/orrin-ferry"
    assert article.published == "2024-03-14T10:05:00Z"
    assert article.language == "en"


def test_plain_text_keeps_its_first_line_and_has_no_title(folder: Path, warn: Warnings) -> None:
    (folder / "plain.txt").write_text("\n\n" + PLAIN_STORY + "\n  \n", encoding="utf-8")
    (article,) = load_sources(["plain.txt"], warn=warn)
    assert article.text == PLAIN_STORY.strip()
    assert article.title is None
    assert article.outlet is None


def test_legacy_encoded_text_file(folder: Path, warn: Warnings) -> None:
    text = "Le ferry reprend du service lundi, a annoncé l’autorité portuaire à Vell."
    (folder / "gazette.txt").write_bytes(text.encode("cp1252"))
    (folder / "ribao.txt").write_bytes(
        "连接维尔港和奥林岛的客运渡轮将于周一恢复航行。".encode("gb18030")
    )
    gazette, ribao = load_sources(["gazette.txt", "ribao.txt"], warn=warn)
    assert gazette.text == text
    assert ribao.text == "连接维尔港和奥林岛的客运渡轮将于周一恢复航行。"


def test_saved_html_page(folder: Path, warn: Warnings) -> None:
    (folder / "Ferry Page.HTM").write_bytes(PAGE)
    (article,) = load_sources(["Ferry Page.HTM"], warn=warn)
    assert article.id == "ferry-page"
    assert FIRST_PARAGRAPH in article.text
    assert "Brightwater Mattresses" not in article.text
    assert article.outlet == "The Vell Courier"
    assert article.language == "en-GB"


def test_legacy_html_uses_its_meta_charset(folder: Path, warn: Warnings) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><article><p>Le café « Lumière » a rouvert ses portes mardi, après des "
        "travaux qui ont duré tout l’hiver.</p></article></body></html>"
    )
    (folder / "cafe.html").write_bytes(page.encode("cp1252"))
    (article,) = load_sources(["cafe.html"], warn=warn)
    assert article.text.startswith("Le café « Lumière » a rouvert ses portes mardi")


def test_unknown_extension_is_sniffed(folder: Path, warn: Warnings) -> None:
    (folder / "page.php").write_bytes(PAGE)
    (folder / "notes.eml").write_text(PLAIN_STORY, encoding="utf-8")
    page, notes = load_sources(["page.php", "notes.eml"], warn=warn)
    assert FIRST_PARAGRAPH in page.text and "Cookie settings" not in page.text
    assert notes.text == PLAIN_STORY.strip()


def test_csv_and_jsonl_rows(folder: Path, warn: Warnings) -> None:
    shutil.copy(FIXTURES / "export_headlines.csv", folder / "Headlines.csv")
    shutil.copy(FIXTURES / "export.jsonl", folder / "feed.ndjson")
    articles = load_sources(["Headlines.csv", "feed.ndjson"], warn=warn)
    assert [(a.id, a.source) for a in articles] == [
        ("headlines-1", "Headlines.csv#row-1"),
        ("headlines-2", "Headlines.csv#row-2"),
        ("feed-1", "feed.ndjson#row-1"),
        ("feed-3", "feed.ndjson#row-3"),
        ("feed-7", "feed.ndjson#row-7"),
    ]
    assert len(warn) == 3 and all(w.startswith("feed.ndjson") for w in warn)


def test_csv_without_text_column_is_a_warning(folder: Path, warn: Warnings) -> None:
    shutil.copy(FIXTURES / "export_no_text.csv", folder / "meta.csv")
    (folder / "plain.txt").write_text(PLAIN_STORY, encoding="utf-8")
    articles = load_sources(["meta.csv", "plain.txt"], warn=warn)
    assert [a.source for a in articles] == ["plain.txt"]
    assert len(warn) == 1 and warn[0].startswith("meta.csv: no text column")


@pytest.mark.parametrize("spelling", ["stories", "stories/", "./stories"])
def test_directory_in_name_order_with_the_users_spelling(
    folder: Path, warn: Warnings, spelling: str
) -> None:
    stories = folder / "stories"
    stories.mkdir()
    (stories / "b-courier.html").write_bytes(PAGE)
    (stories / "a-island.md").write_text(MARKDOWN_STORY, encoding="utf-8")
    (stories / "c-plain.TXT").write_text(PLAIN_STORY, encoding="utf-8")
    (stories / ".hidden.txt").write_text(PLAIN_STORY, encoding="utf-8")
    (stories / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (stories / "notes.docx").write_bytes(b"PK\x03\x04")
    (stories / "nested").mkdir()
    (stories / "nested" / "deep.txt").write_text(PLAIN_STORY, encoding="utf-8")
    articles = load_sources([spelling], warn=warn)
    assert warn == []
    assert [a.source for a in articles] == [
        os.path.join(spelling, name) for name in ("a-island.md", "b-courier.html", "c-plain.TXT")
    ]
    assert [a.id for a in articles] == ["a-island", "b-courier", "c-plain"]


def test_directory_without_supported_files(folder: Path, warn: Warnings) -> None:
    (folder / "pictures").mkdir()
    (folder / "pictures" / "ferry.jpg").write_bytes(b"\xff\xd8\xff")
    assert load_sources(["pictures"], warn=warn) == []
    assert len(warn) == 1
    assert warn[0].startswith("pictures: no supported files in this directory")


def test_a_bad_file_in_a_directory_does_not_stop_the_others(folder: Path, warn: Warnings) -> None:
    (folder / "mixed").mkdir()
    (folder / "mixed" / "a.txt").write_bytes(b"")
    (folder / "mixed" / "b.md").write_bytes(b"  \n<!-- nothing yet -->\n")
    (folder / "mixed" / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "mixed" / "d.txt").write_text(PLAIN_STORY, encoding="utf-8")
    articles = load_sources(["mixed"], warn=warn)
    assert [a.source for a in articles] == [os.path.join("mixed", "d.txt")]
    assert warn == [
        f"{os.path.join('mixed', 'a.txt')}: is empty",
        f"{os.path.join('mixed', 'b.md')}: no article text, skipped",
        f"{os.path.join('mixed', 'c.txt')}: looks like an image, not text",
    ]


def test_every_failure_is_one_warning_and_the_rest_loads(
    folder: Path, warn: Warnings, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "good.txt").write_text(PLAIN_STORY, encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "blank.md").write_text("---\ntitle: Only metadata\n---\n\n  \n", encoding="utf-8")
    (folder / "locked.txt").write_text(PLAIN_STORY, encoding="utf-8")
    real_open = open

    def open_denying_locked(path: str, *args: object, **kwargs: object) -> object:
        if os.path.basename(path) == "locked.txt":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(corpus.load, "open", open_denying_locked, raising=False)
    articles = load_sources(
        ["missing.txt", "report.pdf", "good.txt", "blank.md", "locked.txt", "ftp://x.example/a"],
        warn=warn,
    )
    assert [a.source for a in articles] == ["good.txt"]
    assert warn == [
        "missing.txt: no such file or directory",
        "report.pdf: PDF is not supported; save the article as text or HTML",
        "blank.md: no article text, skipped",
        "locked.txt: permission denied",
        "ftp://x.example/a: only http and https URLs are supported",
    ]


def test_files_over_the_size_limit(folder: Path, warn: Warnings) -> None:
    (folder / "big.txt").write_text("Ferry news. " * 20_000, encoding="utf-8")  # 240,000 bytes
    assert load_sources(["big.txt"], warn=warn, max_bytes=100_000) == []
    assert warn == ["big.txt: is 0.24 MB, over the 0.1 MB limit (raise it with --max-size)"]
    assert len(load_sources(["big.txt"], warn=warn, max_bytes=240_000)) == 1


def test_size_message_never_shows_equal_sizes(folder: Path, warn: Warnings) -> None:
    (folder / "edge.txt").write_text("x" * 1_000_001, encoding="utf-8")
    load_sources(["edge.txt"], warn=warn, max_bytes=1_000_000)
    assert warn == ["edge.txt: is 1.000001 MB, over the 1 MB limit (raise it with --max-size)"]


def test_stdin_html_and_text(warn: Warnings) -> None:
    (page,) = load_sources(["-"], warn=warn, stdin=io.BytesIO(PAGE))
    assert page.source == "-" and page.id == "stdin"
    assert FIRST_PARAGRAPH in page.text and "Share on Chirper" not in page.text
    (text,) = load_sources(["-"], warn=warn, stdin=io.BytesIO(MARKDOWN_STORY.encode("utf-16")))
    assert text.title == "Ferry back in service"
    assert text.text.startswith("Ferry back in service\n\nThe Orrin Star")


def test_stdin_limits(warn: Warnings) -> None:
    assert load_sources(["-"], warn=warn, stdin=io.BytesIO(b"")) == []
    assert load_sources(["-"], warn=warn, stdin=io.BytesIO(b"x" * 50), max_bytes=10) == []
    assert warn == ["-: is empty", "-: is over the 0.00001 MB limit (raise it with --max-size)"]


class FakeWeb:
    """A fetch function answering from a table, recording how it was called."""

    def __init__(self, pages: dict[str, tuple[bytes, str, str]]) -> None:
        self.pages = pages
        self.calls: list[tuple[str, int]] = []

    def __call__(self, url: str, *, max_bytes: int) -> tuple[bytes, str, str]:
        self.calls.append((url, max_bytes))
        if url not in self.pages:
            raise SourceError(url, "HTTP 404 Not Found")
        return self.pages[url]


def test_urls_through_an_injected_fetch(warn: Warnings) -> None:
    web = FakeWeb(
        {
            "https://courier.example/news/ferry-returns.html": (
                PAGE,
                "text/html; charset=utf-8",
                "https://courier.example/news/ferry-returns.html",
            ),
            "http://short.example/x1": (
                PLAIN_STORY.encode("cp1252"),
                "text/plain; charset=windows-1252",
                "https://www.islandtimes.example/",
            ),
            "https://data.example/export": (
                (FIXTURES / "export_headlines.csv").read_bytes(),
                "text/csv",
                "https://data.example/export",
            ),
        }
    )
    articles = load_sources(
        [
            "https://courier.example/news/ferry-returns.html",
            "https://courier.example/gone",
            "http://short.example/x1",
            "https://data.example/export",
        ],
        warn=warn,
        fetch=web,
        max_bytes=5_000_000,
    )
    assert warn == ["https://courier.example/gone: HTTP 404 Not Found"]
    assert all(max_bytes == 5_000_000 for _, max_bytes in web.calls)
    page, plain, row1, row2 = articles
    assert page.source == "https://courier.example/news/ferry-returns.html"
    assert page.id == "ferry-returns"
    assert page.url == "https://courier.example/news/harbour-ferry-returns"  # the canonical link
    assert FIRST_PARAGRAPH in page.text
    assert plain.source == "http://short.example/x1"
    assert plain.id == "islandtimes-example"  # the final URL has no path: its host
    assert plain.url == "https://www.islandtimes.example/"
    assert plain.text == PLAIN_STORY.strip()
    assert (row1.source, row1.id) == ("https://data.example/export#row-1", "export-1")
    assert row2.id == "export-2"


def test_a_url_from_a_loopback_server(warn: Warnings) -> None:
    routes = {"/story": respond(200, PAGE, "text/html")}
    with serve(routes) as base:
        (article,) = load_sources([f"{base}/story", f"{base}/nothing"], warn=warn)
    assert article.source == f"{base}/story"
    assert FIRST_PARAGRAPH in article.text
    assert warn == [f"{base}/nothing: HTTP 404 Not Found"]


def test_ids_are_unique_slugs(folder: Path, warn: Warnings) -> None:
    for name in ("one", "two"):
        (folder / name).mkdir()
        (folder / name / "Story.txt").write_text(f"{name} story.", encoding="utf-8")
    (folder / "story-2.md").write_text("Another story.", encoding="utf-8")
    (folder / "Café Story!.txt").write_text("Café story.", encoding="utf-8")
    (folder / "新闻.txt").write_text("新闻。", encoding="utf-8")
    long_name = "a-very-long-file-name-that-goes-on-and-on-about-the-ferry.txt"
    (folder / long_name).write_text("Long.", encoding="utf-8")
    sources = ["one", "two", "story-2.md", "one/Story.txt", "Café Story!.txt", "新闻.txt"]
    articles = load_sources([*sources, long_name], warn=warn)
    assert [a.id for a in articles] == [
        "story",
        "story-3",  # "story-2" is another article's own name
        "story-2",
        "story-4",
        "cafe-story",
        "article",
        "a-very-long-file-name-that-goes-on-and",
    ]
    assert len({a.id for a in articles}) == len(articles)


def test_sample_sources_match_the_bundled_files() -> None:
    folder = resources.files("corpus") / "sample"
    names = sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".md"))
    assert sample_sources() == [f"sample:{name}" for name in names]


def test_sample_sources_from_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "wire.md").write_text("---\noutlet: Wire\n---\nWire copy.", encoding="utf-8")
    (tmp_path / "blog.md").write_text("Blog post.", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".draft.md").write_text("Draft.", encoding="utf-8")
    monkeypatch.setattr(corpus.load, "_sample_folder", lambda: tmp_path)
    assert sample_sources() == ["sample:blog", "sample:wire"]
    warn = Warnings()
    articles = load_sources([*sample_sources(), "sample:nope"], warn=warn)
    assert [(a.source, a.id, a.outlet) for a in articles] == [
        ("sample:blog", "blog", None),
        ("sample:wire", "wire", "Wire"),
    ]
    assert warn == ["sample:nope: no such sample story (available: blog, wire)"]


def test_no_samples_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus.load, "_sample_folder", lambda: tmp_path / "absent")
    assert sample_sources() == []


@pytest.fixture
def sample_articles() -> Iterator[list[Article]]:
    warn = Warnings()
    yield load_sources(sample_sources(), warn=warn)
    assert warn == []


def test_bundled_samples_load_with_their_metadata(sample_articles: list[Article]) -> None:
    if not sample_articles:
        pytest.skip("no sample story bundled yet")
    for article in sample_articles:
        assert article.source == f"sample:{article.id}"
        assert article.text == article.text.strip() and article.text
        assert article.title and article.outlet and article.published
