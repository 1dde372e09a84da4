"""The library that remembers: stories opened, the user's highlights, and cached comparisons.

One SQLite file (``library.sqlite3`` in :func:`corpus.places.data_dir`) in WAL mode with a busy
timeout, so two briefread processes can use it at once; every write is one transaction that
either happens whole or not at all. Highlights are keyed by the article's text
(:func:`corpus.cache.content_key`) and character offsets, so they come back when the same
article is loaded again from anywhere. Nothing here ever deletes the user's file.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from corpus import cache
from corpus.article import Article
from corpus.cache import content_key
from corpus.comparison import Comparison
from corpus.errors import BriefreadError
from corpus.highlight import Highlight
from corpus.places import data_dir
from corpus.settings import Settings

__all__ = ["Library", "LibraryStats", "StoryRecord", "content_key", "default_path"]

FILE_NAME = "library.sqlite3"
SCHEMA_VERSION = 1
BUSY_MS = 30_000  # how long a write waits for another process's write to finish (milliseconds)
CACHE_ENTRIES = 50  # comparisons kept, most recently used first
CACHE_BYTES = 512 * 1024 * 1024  # and at most this many bytes of them (encoded)
_SUMMARY = 10  # titles and outlets kept per story for listing
_CHUNK = 500  # keys per query (SQLite's variable limit is 999 on old builds)
_NOT_REOPENABLE = "-"
_URL = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StoryRecord:
    """A story the user opened: its sources in order, a summary, and when it was last opened.

    ``titles`` and ``outlets`` are the first few (outlets without repeats); ``opened`` is ISO 8601
    in UTC.
    """

    id: int
    sources: tuple[str, ...]
    titles: tuple[str, ...]
    outlets: tuple[str, ...]
    article_count: int
    opened: str


@dataclass(frozen=True, slots=True)
class LibraryStats:
    """Counts of what the library holds, and cache hits and misses since it was opened."""

    stories: int
    highlights: int
    comparisons: int
    cache_bytes: int
    hits: int
    misses: int


def default_path() -> Path:
    """Where the library lives: ``library.sqlite3`` in the data folder."""
    return data_dir() / FILE_NAME


def story_sources(sources: Sequence[str]) -> tuple[str, ...] | None:
    """Sources in a form that reopens from any working folder (local paths made absolute).

    None when the story cannot be reopened: no sources, or standard input (``-``) among them.
    """
    if not sources or _NOT_REOPENABLE in sources:
        return None
    return tuple(
        s if _URL.match(s) or s.startswith("sample:") else os.path.abspath(s) for s in sources
    )


class Library:
    """The user's library. Open with :meth:`open`; use as a context manager or call :meth:`close`.

    Safe to share between threads of one process (calls are serialised); errors from the file
    come out as :class:`BriefreadError` with a one-line message naming it.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = connection
        self._lock = threading.RLock()
        self._hits = 0
        self._misses = 0

    @classmethod
    def open(cls, path: Path | None = None) -> Library:
        """Open the library at ``path`` (default :func:`default_path`); create or upgrade it."""
        path = Path(path) if path is not None else default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BriefreadError(
                f"cannot create the folder {path.parent} for the library: "
                f"{exc.strerror or exc}; set BRIEFREAD_DATA_DIR to a folder you can write"
            ) from exc
        try:
            conn = sqlite3.connect(
                path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _library_error(path, exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = NORMAL")  # in WAL mode: safe, fewer disk syncs
            _migrate(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            raise _library_error(path, exc) from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        """Close the file; the library cannot be used afterwards."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # Stories

    def record_story(self, sources: Sequence[str], articles: Sequence[Article]) -> int:
        """Remember a story as opened now; the same sources in the same order are one story.

        ``sources`` should reopen it later (see :func:`story_sources`). Returns the story's id.
        """
        if not sources:
            raise ValueError("a story needs at least one source")
        key = json.dumps(list(sources), ensure_ascii=False)
        titles = [a.title for a in articles if a.title][:_SUMMARY]
        outlets = list(dict.fromkeys(a.outlet for a in articles if a.outlet))[:_SUMMARY]
        with self._write() as conn:
            seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM stories").fetchone()[0]
            conn.execute(
                "INSERT INTO stories (sources, opened, titles, outlets, article_count, seq)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sources) DO UPDATE SET"
                " opened = excluded.opened, titles = excluded.titles,"
                " outlets = excluded.outlets, article_count = excluded.article_count,"
                " seq = excluded.seq",
                (key, _now(), _json(titles), _json(outlets), len(articles), seq),
            )
            row = conn.execute("SELECT id FROM stories WHERE sources = ?", (key,)).fetchone()
        return int(row[0])

    def stories(self, limit: int | None = None) -> list[StoryRecord]:
        """The stories opened, the most recently opened first (at most ``limit``)."""
        with self._using() as conn:
            rows = conn.execute(
                "SELECT id, sources, titles, outlets, article_count, opened FROM stories"
                " ORDER BY seq DESC, id DESC LIMIT ?",
                (-1 if limit is None else limit,),
            ).fetchall()
        return [
            StoryRecord(
                id=int(r[0]),
                sources=tuple(json.loads(r[1])),
                titles=tuple(json.loads(r[2])),
                outlets=tuple(json.loads(r[3])),
                article_count=int(r[4]),
                opened=str(r[5]),
            )
            for r in rows
        ]

    def last_story(self) -> StoryRecord | None:
        """The story opened most recently, or None before any."""
        found = self.stories(limit=1)
        return found[0] if found else None

    # Highlights

    def add_highlight(
        self, article: Article, start: int, end: int, note: str = "", tag: str = ""
    ) -> Highlight:
        """Highlight ``article.text[start:end]`` (character offsets, end exclusive).

        Highlighting the same span again replaces its note and tag and keeps its creation time.
        """
        _check_span(article, start, end)
        key = content_key(article)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO highlights (content_key, start_offset, end_offset, text, note, tag,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (content_key, start_offset, end_offset) DO UPDATE SET"
                " note = excluded.note, tag = excluded.tag",
                (key, start, end, article.text[start:end], note, tag, _now()),
            )
            created = conn.execute(
                "SELECT created FROM highlights WHERE content_key = ? AND start_offset = ?"
                " AND end_offset = ?",
                (key, start, end),
            ).fetchone()[0]
        return Highlight(article.id, start, end, article.text[start:end], note, tag, created)

    def remove_highlight(self, article: Article, start: int, end: int) -> bool:
        """Forget the highlight of exactly this span; False when there was none."""
        with self._write() as conn:
            cursor = conn.execute(
                "DELETE FROM highlights WHERE content_key = ? AND start_offset = ?"
                " AND end_offset = ?",
                (content_key(article), start, end),
            )
        return cursor.rowcount > 0

    def update_note(
        self, article: Article, start: int, end: int, note: str, tag: str | None = None
    ) -> Highlight | None:
        """Change the note (and the tag, unless None) of a highlight; None when there is none."""
        key = content_key(article)
        with self._write() as conn:
            conn.execute(
                "UPDATE highlights SET note = ?, tag = COALESCE(?, tag) WHERE content_key = ?"
                " AND start_offset = ? AND end_offset = ?",
                (note, tag, key, start, end),
            )
            row = conn.execute(
                "SELECT note, tag, created FROM highlights WHERE content_key = ?"
                " AND start_offset = ? AND end_offset = ?",
                (key, start, end),
            ).fetchone()
        if row is None:
            return None
        return Highlight(article.id, start, end, article.text[start:end], row[0], row[1], row[2])

    def highlights_for(self, articles: Sequence[Article]) -> list[Highlight]:
        """The highlights of these articles, matched by text, in article then offset order.

        Each :attr:`Highlight.article` is the id of the article as loaded now; two articles with
        the same text share their highlights.
        """
        by_key: dict[str, list[int]] = {}
        for position, a in enumerate(articles):
            by_key.setdefault(content_key(a), []).append(position)
        keys = list(by_key)
        rows: list[tuple[str, int, int, str, str, str]] = []
        with self._using() as conn:
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i : i + _CHUNK]
                rows += conn.execute(
                    "SELECT content_key, start_offset, end_offset, note, tag, created"
                    f" FROM highlights WHERE content_key IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
        found: list[tuple[int, Highlight]] = []
        for key, start, end, note, tag, created in rows:
            for position in by_key[key]:
                a = articles[position]
                if 0 <= start < end <= len(a.text):
                    found.append(
                        (
                            position,
                            Highlight(a.id, start, end, a.text[start:end], note, tag, created),
                        )
                    )
        found.sort(key=lambda ph: (ph[0], ph[1].start, ph[1].end))
        return [h for _, h in found]

    # Comparison cache

    def cached_comparison(
        self, articles: Sequence[Article], settings: Settings
    ) -> Comparison | None:
        """The stored comparison of these articles with these settings, or None (a miss).

        An entry that no longer decodes is deleted and counts as a miss. Entries are pickles
        (see :mod:`corpus.cache`): fit only for the user's own library file.
        """
        key = cache.comparison_key(articles, settings)
        with self._using() as conn:
            row = conn.execute(
                "SELECT data, languages FROM comparisons WHERE key = ?", (key,)
            ).fetchone()
        if row is None or not cache.languages_fit(json.loads(row[1]), articles):
            self._misses += 1
            return None
        found = cache.decode(row[0])
        if found is not None and len(found.articles) != len(articles):
            found = None
        with self._write() as conn:
            if found is None:
                conn.execute("DELETE FROM comparisons WHERE key = ?", (key,))
            else:
                conn.execute(
                    "UPDATE comparisons SET used = (SELECT MAX(used) + 1 FROM comparisons)"
                    " WHERE key = ?",
                    (key,),
                )
        if found is None:
            self._misses += 1
            return None
        self._hits += 1
        return cache.restamp(found, articles)

    def store_comparison(
        self,
        comparison: Comparison,
        articles: Sequence[Article] | None = None,
        encoded: bytes | None = None,
    ) -> None:
        """Keep ``comparison`` for :meth:`cached_comparison`, evicting the least recently used.

        ``articles`` are the articles as given to ``compare``; without them, languages are
        detected again to tell which were given (see :func:`corpus.cache.accepted_languages`).
        ``encoded``: the comparison's :func:`corpus.cache.encode`, when already made.
        """
        key = cache.comparison_key(comparison.articles, comparison.settings)
        languages = _json(cache.accepted_languages(comparison, articles))
        data = cache.encode(comparison) if encoded is None else encoded
        if len(data) > CACHE_BYTES:
            return
        with self._write() as conn:
            used = conn.execute("SELECT COALESCE(MAX(used), 0) + 1 FROM comparisons").fetchone()
            conn.execute(
                "INSERT OR REPLACE INTO comparisons (key, data, languages, size, used, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (key, data, languages, len(data), used[0], _now()),
            )
            _evict(conn)

    def stats(self) -> LibraryStats:
        """What the library holds now; hits and misses count calls since it was opened."""
        with self._using() as conn:
            stories = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
            highlights = conn.execute("SELECT COUNT(*) FROM highlights").fetchone()[0]
            entries, size = conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM comparisons"
            ).fetchone()
        return LibraryStats(stories, highlights, entries, size, self._hits, self._misses)

    # Plumbing

    @contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                raise ValueError("the library is closed")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise _library_error(self.path, exc) from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._using() as conn, _transaction(conn):
            yield conn


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taking the write lock at once (waiting up to the busy timeout)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _evict(conn: sqlite3.Connection) -> None:
    """Drop the least recently used comparisons beyond the entry and byte limits."""
    total = 0
    doomed = []
    for n, (key, size) in enumerate(
        conn.execute("SELECT key, size FROM comparisons ORDER BY used DESC").fetchall()
    ):
        total += size
        if n >= CACHE_ENTRIES or total > CACHE_BYTES:
            doomed.append((key,))
    conn.executemany("DELETE FROM comparisons WHERE key = ?", doomed)


# Schema. Version 0 is any database without a schema_version table: a new empty file, or the
# first layout, which had only stories (id, sources, opened). Each step upgrades by one.

_V1_TABLES = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    sources TEXT NOT NULL UNIQUE,
    opened TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS highlights (
    content_key TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    text TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tag TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    PRIMARY KEY (content_key, start_offset, end_offset)
);
CREATE TABLE IF NOT EXISTS comparisons (
    key TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    languages TEXT NOT NULL,
    size INTEGER NOT NULL,
    used INTEGER NOT NULL,
    created TEXT NOT NULL
);
"""

_V1_STORY_COLUMNS = {
    "titles": "TEXT NOT NULL DEFAULT '[]'",
    "outlets": "TEXT NOT NULL DEFAULT '[]'",
    "article_count": "INTEGER NOT NULL DEFAULT 0",
    "seq": "INTEGER NOT NULL DEFAULT 0",
}


def _to_v1(conn: sqlite3.Connection) -> None:
    for statement in _V1_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    have = {row[1] for row in conn.execute("PRAGMA table_info(stories)")}
    for name, declaration in _V1_STORY_COLUMNS.items():
        if name not in have:
            conn.execute(f"ALTER TABLE stories ADD COLUMN {name} {declaration}")
    if "seq" not in have:  # order old stories by when they were opened
        conn.execute(
            "UPDATE stories SET seq = (SELECT COUNT(*) FROM stories AS o WHERE o.opened"
            " < stories.opened OR (o.opened = stories.opened AND o.id <= stories.id))"
        )


_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _to_v1}


def _version(conn: sqlite3.Connection) -> int:
    table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if table is None:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to :data:`SCHEMA_VERSION` in one transaction (rows are kept)."""
    if _version(conn) == SCHEMA_VERSION:
        return
    with _transaction(conn):
        version = _version(conn)  # another process may have upgraded it meanwhile
        if version > SCHEMA_VERSION:
            raise BriefreadError(
                f"{path}: written by a newer briefread (library schema {version}); upgrade "
                "briefread, or set BRIEFREAD_DATA_DIR to another folder"
            )
        for step in range(version + 1, SCHEMA_VERSION + 1):
            _MIGRATIONS[step](conn)
        if version < SCHEMA_VERSION:
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))


def _library_error(path: Path, exc: sqlite3.Error) -> BriefreadError:
    """One line naming the file, what went wrong and what to do."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return BriefreadError(
            f"{path}: the library is busy (another briefread is writing to it); try again"
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return BriefreadError(
            f"{path}: not a readable briefread library ({exc}); move the file aside (rename "
            "it) and briefread will start a new library"
        )
    return BriefreadError(
        f"{path}: cannot use the library ({exc}); check that the file and its folder can be "
        "written, or set BRIEFREAD_DATA_DIR to another folder"
    )


def _check_span(article: Article, start: int, end: int) -> None:
    if not 0 <= start < end <= len(article.text):
        raise ValueError(f"span {start}..{end} is not inside {article.id or article.source}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _json(values: Sequence[object]) -> str:
    return json.dumps(list(values), ensure_ascii=False)
