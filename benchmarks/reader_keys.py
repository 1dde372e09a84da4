"""How fast the reader answers a key on a big story: 50 articles of ~5,000 words each.

Usage::

    .venv/bin/python benchmarks/reader_keys.py [--articles 50] [--words 5000]

Builds long articles from the sample story (each block of an article is a sample article with
its figures shifted, so the same block in two articles matches like a syndicated copy), matches
them and keeps the comparison in a temporary library, opens the reader headless (Textual's
Pilot, 200×50) on it as a second run of the story would (``--match-in-reader``: match in the
reader's worker instead, as a first run does), then presses each key many
times. For each press it prints two times from sending the key, median, 95th percentile and
worst, in milliseconds: to the end of the first screen update after it, and to the end of the
last one before the app is idle again ("settled": when a key's work spreads over several frames,
e.g. a scroll made after a repaint, this is when the screen shows its whole answer). Pilot's own
waiting afterwards is not counted, nor is what the reader does while idle before a press (Pilot
waits for it to be idle first): drawing what the next layout would show, which a reader pausing
between keys does not feel. The target is 50 ms. ``--repeat N`` runs the presses N times
in one session and reports each run and all runs together, with the load average (a 2-core
machine shared with other work slows every figure).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.screen import Screen
from textual.widgets import Static

from corpus.article import Article
from corpus.comparison import compare
from corpus.library import Library
from corpus.load import load_sources, sample_sources
from tui.app import LAYOUTS, BriefreadApp

FRAMES: list[float] = []
"""When each screen update finished (perf_counter seconds)."""
_refresh = Screen._compositor_refresh


def _timed_refresh(self: Screen) -> None:  # type: ignore[type-arg]
    _refresh(self)
    FRAMES.append(time.perf_counter())


Screen._compositor_refresh = _timed_refresh  # type: ignore[method-assign]


def long_articles(count: int, words: int) -> list[Article]:
    """``count`` articles of about ``words`` words each, built from the sample story."""
    sample = load_sources(sample_sources(), warn=print)
    out = []
    for i in range(count):
        base = sample[i % len(sample)]
        blocks = []
        block = 0
        while sum(len(b.split()) for b in blocks) < words:
            # Which variant of the base article this block is: two articles with the same base
            # share the blocks whose variant numbers coincide, as partial copies do.
            shift = ((i * 3 + block * 7) % 40) * 13 + 1
            blocks.append(
                re.sub(r"\d+", lambda m, s=shift: str(int(m.group(0)) + s), base.text)
                + f"\n\nPart {block + 1} of the file, as kept by outlet {i}."
            )
            block += 1
        out.append(
            Article(
                source=f"bench-{i}.md",
                id=f"a{i}",
                text="\n\n".join(blocks),
                outlet=f"{base.outlet} #{i}",
                language=base.language,
                published=base.published,
            )
        )
    return out


Timings = dict[str, list[tuple[float, float]]]
"""Per key, one (first frame, settled) pair of milliseconds per press."""

PLAN = (("n", 1.0), ("N", 0.5), ("enter", 1.0), ("u", 0.5), ("tab", 0.25), ("s", 0.25), ("v", 0))
"""Keys in the order pressed, and how many presses each gets as a share of ``--presses``; ``v``
goes once through its five layouts, so every run starts in the same one."""


async def measure(
    articles: list[Article], presses: int, repeat: int, library: Library | None = None
) -> list[Timings]:
    """Open the reader on ``articles`` and press each key of :data:`PLAN`, ``repeat`` times."""
    app = BriefreadApp(articles, library=library)
    runs: list[Timings] = []
    async with app.run_test(size=(200, 50)) as pilot:
        started = time.perf_counter()
        while app.lookup is None:
            await pilot.pause(0.1)
            shown = app.query_one("#status", Static).render()
            if "failed" in str(getattr(shown, "plain", shown)):
                raise SystemExit(f"the reader says: {getattr(shown, 'plain', shown)}")
        print(f"matching in the reader's worker: {time.perf_counter() - started:.1f} s")
        assert app.comparison is not None
        print(
            f"{len(articles)} articles, {sum(len(s) for s in app.comparison.sentences):,} "
            f"sentences, {len(app.comparison.matches):,} matched pairs"
        )
        await pilot.pause(0.5)
        for _ in range(repeat):
            timings: Timings = {}
            for key, share in PLAN:
                for _ in range(max(5, round(presses * share)) if share else len(LAYOUTS)):
                    await pilot.pause()
                    FRAMES.clear()
                    t0 = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    after = [t for t in FRAMES if t > t0] or [time.perf_counter()]
                    first, settled = (min(after) - t0) * 1000, (max(after) - t0) * 1000
                    timings.setdefault(key, []).append((first, settled))
            runs.append(timings)
            print(f"run {len(runs)}: load average {_load()}")
            report(timings)
    return runs


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _stats(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(ordered):>8.1f}{p95:>7.1f}{ordered[-1]:>7.1f}"


def report(timings: Timings) -> None:
    """One line per key: presses, then median, p95 and worst of first frame and settled."""
    print(f"{'key':<7}{'presses':>8}  first frame: median p95 worst   settled: median p95 worst")
    for key, pairs in timings.items():
        first = _stats([f for f, _ in pairs])
        settled = _stats([s for _, s in pairs])
        print(f"{key:<7}{len(pairs):>8}  {first:>32}  {settled:>27}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--match-in-reader", action="store_true", help="match in the reader, as a first run does"
    )
    args = parser.parse_args()
    articles = long_articles(args.articles, args.words)
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    print(f"built {len(articles)} articles, {words:,.0f} words each on average; load {_load()}")
    with tempfile.TemporaryDirectory() as folder:
        library = None
        if not args.match_in_reader:
            started = time.perf_counter()
            comparison = compare(articles)
            print(f"matching before opening the reader: {time.perf_counter() - started:.1f} s")
            library = Library.open(Path(folder) / "library.sqlite")
            library.store_comparison(comparison, articles)
            del comparison
        runs = asyncio.run(measure(articles, args.presses, args.repeat, library))
        if library is not None:
            library.close()
    if len(runs) > 1:
        print(f"all {len(runs)} runs together:")
        report({key: [p for run in runs for p in run[key]] for key in runs[0]})


if __name__ == "__main__":
    main()
