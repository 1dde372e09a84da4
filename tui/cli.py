"""The ``briefread`` command: open the reader, or compare headless with ``briefread compare``."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from corpus import __version__
from corpus.article import Article
from corpus.errors import BriefreadError

FORMATS = ("text", "json")
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
        epilog="Headless: briefread compare [SOURCES…] [--format text|json] [-o PATH]. "
        "See 'briefread compare --help'.",
    )
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
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
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
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


def run_compare(args: argparse.Namespace) -> int:
    from corpus.atomic import write_atomic
    from corpus.comparison import compare
    from corpus.export_json import to_json
    from corpus.export_text import to_text

    comparison = compare(load(args.sources, args.max_size))
    text = to_json(comparison) if args.format == "json" else to_text(comparison)
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
    from tui.app import BriefreadApp

    app = BriefreadApp(load(args.sources, args.max_size))
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 bad usage or no readable input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        if args_list[:1] == ["compare"]:
            args = compare_parser().parse_args(args_list[1:])
            return run_compare(args)
        args = reader_parser().parse_args(args_list)
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
