"""The ``briefread`` command: open the reader, or compare headless with ``briefread compare``."""

from __future__ import annotations

import argparse
import gc
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from corpus import __version__
from corpus.article import Article
from corpus.errors import BriefreadError
from corpus.formats import FORMATS

if TYPE_CHECKING:
    from corpus.comparison import Comparison
    from corpus.library import Library

T = TypeVar("T")

PROG = "briefread"


class UsageError(Exception):
    """Bad command-line usage; argparse's own exit is replaced by this."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="files, folders, http(s) URLs, CSV/JSON Lines exports, or - for stdin",
    )
    parser.add_argument(
        "--max-size",
        type=float,
        default=100.0,
        metavar="MB",
        help="refuse files larger than this many megabytes (default: 100)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")


def reader_parser() -> argparse.ArgumentParser:
    """``briefread [SOURCES…]``."""
    p = _Parser(
        prog=PROG,
        description="Read one news story across many outlets and see who copied, rewrote or "
        "translated whom. With no sources, opens the bundled sample story.",
        epilog="Headless: briefread compare [SOURCES…] [--format text|json|md|csv|html] "
        "[-o PATH]. "
        "See 'briefread compare --help'.",
    )
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    p.add_argument(
        "--list", action="store_true", help="list the stories opened before, newest first"
    )
    p.add_argument(
        "--locate", action="store_true", help="show where briefread keeps its files, then exit"
    )
    _common(p)
    return p


def compare_parser() -> argparse.ArgumentParser:
    """``briefread compare [SOURCES…] [--format …] [-o PATH]``."""
    p = _Parser(
        prog=f"{PROG} compare",
        description="Compare articles without the reader and print (or write) the result. "
        "With no sources, compares the bundled sample story.",
    )
    _common(p)
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format: text (readable summary, the default), json (schema 1), md "
        "(Markdown report), csv (one row per matched sentence pair), html (one self-contained "
        "page, articles side by side)",
    )
    p.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
    return p


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def load(sources: Sequence[str], max_mb: float) -> list[Article]:
    """The articles of ``sources`` (the sample story when empty); unreadable ones are warned of."""
    from corpus.load import load_sources, sample_sources

    given = list(sources) or sample_sources()
    articles = load_sources(given, warn=_warn, stdin=sys.stdin.buffer, max_bytes=int(max_mb * 1e6))
    if not articles:
        raise BriefreadError("no readable articles in the sources given")
    return articles


class _Memory:
    """The user's library for one run, if it opens. Never fails the run: the first problem
    with it is warned of once, and the run carries on without it."""

    def __init__(self) -> None:
        from corpus.library import Library

        self.library: Library | None = None
        self._pending: _Pending | None = None
        try:
            self.library = Library.open()
        except BriefreadError as exc:
            self._give_up(exc)

    def use(self, action: Callable[[Library], T]) -> T | None:
        """``action(library)``, or None when there is no library or it fails."""
        if self.library is None:
            return None
        try:
            return action(self.library)
        except BriefreadError as exc:
            self._give_up(exc)
            return None

    def store_soon(self, comparison: Comparison, articles: Sequence[Article]) -> None:
        """Keep a fresh comparison in the library, by :meth:`close` at the latest. It is
        pickled now and compressed in a thread (zlib lets this one go on meanwhile: it renders
        the output)."""
        if self.library is None:
            return
        self._store_pending()
        from corpus.cache import compress, serialize

        pickled = serialize(comparison)
        compressed: list[bytes] = []

        def compressing() -> None:
            try:
                compressed.append(compress(pickled))
            except Exception:  # out of memory, say: encoded again when stored, or given up
                return

        thread = threading.Thread(target=compressing, name="briefread-cache")
        thread.start()
        self._pending = (comparison, articles, thread, compressed)

    def _store_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            comparison, articles, thread, compressed = pending
            thread.join()
            data = compressed[0] if compressed else None  # else encoded again
            self.use(lambda library: library.store_comparison(comparison, articles, data))

    def close(self) -> None:
        self._store_pending()
        if self.library is not None:
            self.library.close()
            self.library = None

    def _give_up(self, exc: BriefreadError) -> None:
        _warn(f"{exc} (carrying on without the library)")
        self._pending = None  # nowhere to store it
        self.close()


_Pending = tuple["Comparison", Sequence[Article], threading.Thread, list[bytes]]
"""A comparison to store, as given, with the thread compressing it and, once done, the result."""


def _remember(memory: _Memory, sources: Sequence[str], articles: Sequence[Article]) -> None:
    """Record the story in the library, when its sources can be reopened (not stdin)."""
    from corpus.library import story_sources
    from corpus.load import sample_sources

    reopen = story_sources(list(sources) or sample_sources())
    if reopen is not None:
        memory.use(lambda library: library.record_story(reopen, articles))


def compare_remembered(
    sources: Sequence[str],
    max_mb: float,
    memory: _Memory,
    progress: Callable[[str, int, int], None] | None = None,
) -> Comparison:
    """Load and compare, reusing the library's cached comparison when there is one.
    ``progress`` hears of the comparison's stages (see :func:`corpus.comparison.compare`)."""
    from corpus import comparison as engine
    from corpus.settings import Settings

    articles = load(sources, max_mb)
    settings = Settings()
    found = memory.use(lambda library: library.cached_comparison(articles, settings))
    if found is None:
        found = engine.compare(articles, settings, progress)
        memory.store_soon(found, articles)
    _remember(memory, sources, articles)
    return found


def reader_articles(sources: Sequence[str], max_mb: float, memory: _Memory) -> list[Article]:
    """The articles to open: the sources given, else the last story if it still loads, else
    the sample story. The story is recorded as opened."""
    from corpus.library import story_sources
    from corpus.load import load_sources

    last = None if sources else memory.use(lambda library: library.last_story())
    if last is not None and story_sources(last.sources) is not None:
        articles = load_sources(last.sources, warn=_warn, max_bytes=int(max_mb * 1e6))
        if articles:
            _remember(memory, last.sources, articles)
            return articles
        _warn("the last story could not be reopened; opening the sample story")
    articles = load(sources, max_mb)
    _remember(memory, sources, articles)
    return articles


def run_list() -> int:
    """Print the stories opened before, newest first: when, how many articles, first sources."""
    from corpus.library import Library, default_path

    path = default_path()
    stories = []
    if path.exists():
        with Library.open(path) as library:
            stories = library.stories()
    if not stories:
        print(f"No stories yet; open some with '{PROG} SOURCE…'.")
    for story in stories:
        when = datetime.fromisoformat(story.opened).astimezone().strftime("%Y-%m-%d %H:%M")
        count = f"{story.article_count} article{'s' * (story.article_count != 1)}"
        shown = ", ".join(story.sources[:3])
        more = f" (+{len(story.sources) - 3} more)" if len(story.sources) > 3 else ""
        print(f"{when}  {count:>12}  {shown}{more}")
    return 0


def run_locate() -> int:
    """Print where briefread keeps its files; creates nothing."""
    from corpus.library import default_path
    from corpus.places import config_dir, data_dir, documents_dir

    print(f"data folder    {data_dir()}")
    print(f"config folder  {config_dir()}")
    print(f"library        {default_path()}")
    print(f"exports        {documents_dir()}")
    return 0


def run_compare(args: argparse.Namespace, ending: bool = False) -> int:
    """``briefread compare``. Python's cyclic garbage collector stays paused until the summary
    or export is made: the comparison is millions of objects and no cycles, and a collection
    would walk all of them for nothing. ``ending``: the process ends after this (run as the
    command), so its objects are then frozen out of the collector's sight for good — else
    the first collection after the pause, and the last at exit, would walk them anyway
    (about 0.25 s for a thousand articles)."""
    from corpus.atomic import write_atomic
    from corpus.comparison import collection_paused
    from corpus.export import render
    from tui.progress_line import ProgressLine

    with collection_paused():  # see the docstring
        memory = _Memory()
        try:
            with ProgressLine(sys.stderr) as bar:  # drawn only when stderr is a terminal
                comparison = compare_remembered(args.sources, args.max_size, memory, bar)
            text = render(comparison, args.format)  # meanwhile a fresh one is compressed
        finally:
            memory.close()  # and stored in the library
        if ending:
            gc.freeze()
    if args.output:
        target = Path(args.output)
        try:
            write_atomic(target, text)
        except OSError as exc:
            raise BriefreadError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
        print(f"{PROG}: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_reader(args: argparse.Namespace) -> int:
    from corpus.places import config_dir, documents_dir
    from tui.app import BriefreadApp
    from tui.keymap import FILE_NAME, load_keymap

    memory = _Memory()
    try:
        keymap, warnings = load_keymap(config_dir() / FILE_NAME)
        unknown = sorted(set(keymap) - BriefreadApp.binding_ids())
        if unknown:
            warnings.append(f"{FILE_NAME}: unknown binding ids ignored: {', '.join(unknown)}")
        app = BriefreadApp(
            reader_articles(args.sources, args.max_size, memory),
            keymap={k: v for k, v in keymap.items() if k not in unknown},
            warnings=warnings,
            library=memory.library,
            export_dir=documents_dir(),
        )
        app.run()
    finally:
        memory.close()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 bad usage or no readable input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        if args_list[:1] == ["compare"]:
            args = compare_parser().parse_args(args_list[1:])
            return run_compare(args, ending=argv is None)
        args = reader_parser().parse_args(args_list)
        if args.locate:
            return run_locate()
        if args.list:
            return run_list()
        return run_reader(args)
    except UsageError as exc:
        return _error(f"{exc} (see '{PROG} --help')")
    except BriefreadError as exc:
        if debug:
            traceback.print_exc()
        return _error(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line unless asked for the traceback
        if debug:
            raise
        return _error(
            f"internal error: {type(exc).__name__}: {exc} (rerun with --debug to see where)"
        )


if __name__ == "__main__":
    sys.exit(main())
