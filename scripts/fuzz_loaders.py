"""Fuzz the loaders with hypothesis at scale and print how many inputs were tried and failed.

Usage: python scripts/fuzz_loaders.py [--count N] [--seed S] [--target NAME ...] [--big]

Each target gets ``--count`` generated inputs (default 2000). An input fails when the code under
test raises anything but :class:`corpus.errors.SourceError`, when a message is not one line, when
a sentence is not the slice of the text its offsets say, or (target ``blowup``) when four times
the input takes more than ten times as long — the mark of a quadratic pattern. Targets:

- ``decode``: arbitrary bytes through ``decode_bytes``;
- ``stdin``: bytes (random, news-like text in several encodings, HTML) through ``load_sources``
  as ``-``, then every article segmented;
- ``csv``, ``jsonl``: generated exports through ``load_csv`` / ``load_jsonl``;
- ``html``: generated pages through ``extract_html``;
- ``markdown``: front matter and Markdown removal on arbitrary text;
- ``segment``: segmentation and quotes on arbitrary text, offsets checked;
- ``blowup``: a generated snippet repeated to about 20 KB and 80 KB, timed through Markdown
  removal, front matter, segmentation and quotes;
- ``urls``: generated URL strings through ``fetch_url``, with host name lookups failing (no
  network is used).

``--big`` instead measures, each in a fresh process, the load and segmentation time and peak
memory of a 60 MB text file and of one sentence repeated a million times, and the time of a
comparison of a repeated sentence at growing repeat counts. Exit status 1 when any input failed.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from corpus.decode import decode_bytes
from corpus.errors import SourceError
from corpus.frontmatter import split_front_matter
from corpus.html_extract import extract_html
from corpus.load import load_sources
from corpus.markdown_text import markdown_to_text
from corpus.quote import quoted_spans
from corpus.segment import segment
from corpus.tabular import load_csv, load_jsonl
from tests.corpus.big_inputs import REPEATED, story_of

ANY_CHARACTER = st.characters(exclude_categories=())
PIECES = [
    *"The ferry council Orrin said Monday port authority engineers le der el".split(),
    "U.S.", "Corp.", "Jan.", "Mr.", "e.g.", "J.", "$1.2", "4,200", "12%", "2024-03-14",
    ". ", "! ", "? ", "… ", ", ", ": ", " — ", "(", ")", "[", "]", "{", "}", "<", ">", "/",
    '"', "“", "”", "‘", "’", "'", "«", "»", "„", "「", "」", "。", "市政府", "渡轮",
    " ", " ", "\n", "\n\n", "\t", "\r\n", "\u2028", "\x00", "\x1b", "\ufeff", "\ud800",
    "- ", "* ", "1. ", "# ", "> ", "**", "__", "_", "`", "<!--", "-->", "](", "![", "][", "]:",
    "\\", "---\n", "title: ", "<p>", "</p>", "<article>", "<script>", "<meta charset=x>",
    "&amp;", "&#0;", "&#xD800;", ",", ";", "|", '""', "\\u0000",
]  # fmt: skip
TEXT = st.one_of(
    st.text(ANY_CHARACTER, max_size=300),
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(ANY_CHARACTER, max_size=4)), max_size=80
    ).map("".join),
)
ENCODED = st.one_of(
    st.binary(max_size=3000),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(
        lambda t, e: t.encode(e, "replace"),
        TEXT,
        st.sampled_from(["cp1252", "latin-1", "gb18030", "shift_jis", "utf-16", "utf-32", "big5"]),
    ),
)
PAGE = st.builds(
    lambda head, body, tail: f"<html><head>{head}</head><body>{body}</body>{tail}",
    TEXT,
    st.lists(
        st.builds(
            lambda tag, t: f"<{tag}>{t}</{tag}>", st.sampled_from("p div nav h1 li".split()), TEXT
        ),
        max_size=6,
    ).map("".join),
    TEXT,
)  # fmt: skip
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(ANY_CHARACTER, max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
JSON_LINES = st.lists(
    st.one_of(
        st.dictionaries(st.sampled_from(["text", "title", "source", "date", "x"]), JSON_VALUE).map(
            json.dumps
        ),
        TEXT,
    ),
    max_size=8,
).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))
CSV = st.builds(
    lambda header, rows, delimiter: "\n".join(
        delimiter.join(row) for row in [header, *rows]
    ).encode("utf-8", "surrogatepass"),
    st.lists(st.sampled_from(["text", "title", "Body", "outlet", "date", "x", ""]), max_size=4),
    st.lists(st.lists(TEXT, max_size=5), max_size=6),
    st.sampled_from([",", ";", "\t", "|"]),
)
URL = st.one_of(
    st.builds(
        lambda scheme, host, rest: f"{scheme}{host}{rest}",
        st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "http:/", "file://", ""]),
        st.one_of(
            st.sampled_from(["outlet.invalid", "[::1", "[zz]", "a b", "user:pw@h", "h:99999",
                             "h:port", "exämple.invalid", "xn--", "。", "@", ""]),
            st.text(ANY_CHARACTER, max_size=20),
        ),
        TEXT,
    ),
    st.text(ANY_CHARACTER, max_size=60),
)  # fmt: skip


@dataclass
class Tally:
    """Inputs tried and failures found for one target."""

    tried: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    slowest: float = 0.0

    def fail(self, kind: str, example: object) -> None:
        self.failures[kind] += 1
        self.examples.setdefault(kind, repr(example)[:300])


def _one_line(message: str) -> None:
    if "\n" in message or "\r" in message:
        raise AssertionError(f"message on several lines: {message!r}")


def _check_sentences(text: str, language: str | None = None) -> None:
    end = 0
    for sentence in segment(text, language):
        if not (end <= sentence.start < sentence.end <= len(text)):
            raise AssertionError(f"offsets out of order: {sentence}")
        if text[sentence.start : sentence.end] != sentence.text:
            raise AssertionError(f"text is not the slice: {sentence}")
        end = sentence.end


def check_decode(data: bytes) -> None:
    try:
        text = decode_bytes(data, "input")
    except SourceError as error:
        _one_line(str(error))
        return
    if "\r" in text or text.startswith("\ufeff"):
        raise AssertionError("line endings or BOM left in")


def check_stdin(data: bytes) -> None:
    warnings: list[str] = []
    for article in load_sources(["-"], warn=warnings.append, stdin=io.BytesIO(data)):
        article.text.encode("utf-8")
        if not article.text or article.text != article.text.strip():
            raise AssertionError("article text empty or not stripped")
        _check_sentences(article.text, article.language)
    for message in warnings:
        _one_line(message)
        message.encode("utf-8")


def check_csv(data: bytes) -> None:
    try:
        articles = load_csv(data, "in.csv", warn=_one_line)
    except SourceError as error:
        _one_line(str(error))
        return
    for article in articles:
        article.text.encode("utf-8")


def check_jsonl(data: bytes) -> None:
    try:
        articles = load_jsonl(data, "in.jsonl", warn=_one_line)
    except SourceError as error:
        _one_line(str(error))
        return
    for article in articles:
        article.text.encode("utf-8")
        (article.title or "").encode("utf-8")


def check_html(page: str) -> None:
    try:
        article = extract_html(page, "page.html")
    except SourceError as error:
        _one_line(str(error))
        return
    _check_sentences(article.text)


def check_markdown(text: str) -> None:
    _, body = split_front_matter(text)
    if not text.endswith(body):
        raise AssertionError("front matter body is not the end of the text")
    markdown_to_text(body)


def check_segment(text: str) -> None:
    _check_sentences(text)
    end = 0
    for start, stop in quoted_spans(text):
        if not end <= start < stop <= len(text):
            raise AssertionError("quoted spans out of order")
        end = stop


_BLOWUP_STEPS: tuple[tuple[str, Callable[[str], object]], ...] = (
    ("markdown", markdown_to_text),
    ("front matter", lambda t: split_front_matter("---\n" + t)),
    ("segment", segment),
    ("quotes", quoted_spans),
)


def check_blowup(snippet: str) -> None:
    if not snippet:
        return
    small = snippet * max(1, 20_000 // len(snippet))
    large = small * 4
    for name, step in _BLOWUP_STEPS:
        times = [_seconds(step, small), _seconds(step, large)]
        if times[1] > 10 * times[0] + 0.05:  # measure again: a pause elsewhere is not a blow-up
            times = [min(times[0], _seconds(step, small)), min(times[1], _seconds(step, large))]
        if times[1] > 10 * times[0] + 0.05:
            raise AssertionError(f"{name}: {times[0]:.3f} s, four times the text {times[1]:.3f} s")


def _seconds(step: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    step(text)
    return time.perf_counter() - started


def check_url(url: str) -> None:
    """http(s) URLs as a user gives them (through ``load_sources``, one-line warnings); any
    other string straight to ``fetch_url``, which must refuse it with a ``SourceError``."""
    from corpus.web import fetch_url

    if re.match(r"https?://", url, re.IGNORECASE):
        warnings: list[str] = []
        if load_sources([url], warn=warnings.append) or len(warnings) != 1:
            raise AssertionError(f"not one warning: {warnings}")
        _one_line(warnings[0])
        return
    try:
        fetch_url(url, timeout=2.0)
    except SourceError:
        return
    raise AssertionError("fetched without a network")


TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "decode": (st.binary(max_size=4000) | ENCODED, check_decode),
    "stdin": (ENCODED | PAGE.map(lambda p: p.encode("utf-8", "surrogatepass")), check_stdin),
    "csv": (CSV, check_csv),
    "jsonl": (JSON_LINES, check_jsonl),
    "html": (PAGE, check_html),
    "markdown": (TEXT, check_markdown),
    "segment": (TEXT, check_segment),
    "blowup": (TEXT, check_blowup),
    "urls": (URL, check_url),
}
_SLOW_TARGETS = {"html": 4, "stdin": 2, "blowup": 20}
"""Targets whose inputs cost much more: they get count // factor inputs."""


def fuzz(name: str, count: int, seed_value: int = 0) -> Tally:
    """Run one target on ``count`` generated inputs; never raises for a failing input."""
    strategy, check = TARGETS[name]
    tally = Tally()

    @seed(seed_value)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: object) -> None:
        tally.tried += 1
        started = time.perf_counter()
        try:
            check(value)
        except SourceError as error:
            tally.fail(f"SourceError escaped: {error.reason[:60]}", value)
        except AssertionError as error:
            tally.fail(str(error).split(":")[0][:80], value)
        except Exception as error:
            tally.fail(f"{type(error).__name__}: {str(error)[:80]}", value)
        tally.slowest = max(tally.slowest, time.perf_counter() - started)

    if name == "urls":
        real_lookup = socket.getaddrinfo

        def no_lookup(*args: object, **kwargs: object) -> object:
            raise socket.gaierror(socket.EAI_NONAME, "lookups are off while fuzzing")

        socket.getaddrinfo = no_lookup  # type: ignore[assignment]  # for this run only
        try:
            run()
        finally:
            socket.getaddrinfo = real_lookup
    else:
        run()
    return tally


def fuzz_all(count: int, targets: list[str], seed_value: int = 0) -> dict[str, Tally]:
    """Each target's tally, with the heavier targets given fewer inputs."""
    return {
        name: fuzz(name, max(1, count // _SLOW_TARGETS.get(name, 1)), seed_value)
        for name in targets
    }


def _print_tallies(tallies: dict[str, Tally], seconds: float) -> None:
    print(f"{'target':<10} {'inputs':>8} {'failures':>9}  slowest input")
    for name, tally in tallies.items():
        failures = sum(tally.failures.values())
        print(f"{name:<10} {tally.tried:>8} {failures:>9}  {tally.slowest:.3f} s")
        for kind, number in tally.failures.most_common():
            print(f"    {number} × {kind}\n      e.g. {tally.examples[kind]}")
    tried = sum(t.tried for t in tallies.values())
    failed = sum(sum(t.failures.values()) for t in tallies.values())
    print(f"{'all':<10} {tried:>8} {failed:>9}  in {seconds:.1f} s")


# --big: sizes and times of the large cases, each measured in a fresh process.


def _measure(case: str, folder: str) -> None:
    """One measurement, printed as a JSON object (run in its own process)."""
    if case.startswith("compare:"):
        from corpus.comparison import compare

        _, files, repeats = case.split(":")
        paths = []
        for k in range(int(files)):
            path = Path(folder, f"repeated-{k}.txt")
            path.write_text(REPEATED * int(repeats), encoding="utf-8")
            paths.append(str(path))
        articles = load_sources(paths, warn=print)
        started = time.perf_counter()
        result = compare(articles)
        figures = {"compare_s": time.perf_counter() - started, "matches": len(result.matches)}
    else:
        path = Path(folder, f"{case}.txt")
        text = story_of(60) if case == "60mb" else REPEATED * 1_000_000
        path.write_text(text, encoding="utf-8")
        del text
        started = time.perf_counter()
        (article,) = load_sources([str(path)], warn=print)
        loaded = time.perf_counter()
        sentences = segment(article.text)
        figures = {
            "megabytes": path.stat().st_size / 1e6,
            "load_s": loaded - started,
            "segment_s": time.perf_counter() - loaded,
            "sentences": len(sentences),
        }
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def measure_big(timeout: float) -> None:
    cases = ["60mb", "million"] + [
        f"compare:{files}:{repeats}" for files in (1, 2) for repeats in (100, 200, 400, 800)
    ]
    for case in cases:
        with tempfile.TemporaryDirectory() as folder:
            try:
                result = subprocess.run(
                    [sys.executable, __file__, "--measure", case, folder],
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    check=True,
                )
            except subprocess.TimeoutExpired:
                print(f"{case:<18} did not finish in {timeout:g} s")
                continue
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            shown = ", ".join(
                f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
            )
            print(f"{case:<18} {shown}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="inputs per target")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), dest="targets")
    parser.add_argument("--big", action="store_true", help="measure the large cases instead")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per --big case")
    parser.add_argument("--measure", nargs=2, metavar=("CASE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(*args.measure)
        return 0
    if args.big:
        measure_big(args.timeout)
        return 0
    started = time.perf_counter()
    tallies = fuzz_all(args.count, args.targets or list(TARGETS), args.seed)
    _print_tallies(tallies, time.perf_counter() - started)
    return 1 if any(t.failures for t in tallies.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
