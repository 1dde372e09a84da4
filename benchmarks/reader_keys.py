"""How fast the reader answers a key on a big story: 50 articles of ~5,000 words each.

Usage::

    .venv/bin/python benchmarks/reader_keys.py [--articles 50] [--words 5000]

Builds long articles from the sample story (each block of an article is a sample article with
its figures shifted, so the same block in two articles matches like a syndicated copy), opens
the reader headless (Textual's Pilot, 200×50), waits for matching, then presses each key many
times. For each press it prints the time from sending the key to the end of the first screen
update after it (the frame the user sees): median, 95th percentile and worst, in milliseconds.
Pilot's own waiting afterwards (it sleeps in 20 ms steps until the app is idle) is not counted.
The target is 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.screen import Screen

from corpus.article import Article
from corpus.load import load_sources, sample_sources
from tui.app import BriefreadApp

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


async def measure(articles: list[Article], presses: int) -> dict[str, list[float]]:
    app = BriefreadApp(articles)
    timings: dict[str, list[float]] = {}
    async with app.run_test(size=(200, 50)) as pilot:
        started = time.perf_counter()
        while app.lookup is None:
            await pilot.pause(0.1)
        print(f"matching in the reader's worker: {time.perf_counter() - started:.1f} s")
        assert app.comparison is not None
        print(
            f"{len(articles)} articles, {sum(len(s) for s in app.comparison.sentences):,} "
            f"sentences, {len(app.comparison.matches):,} matched pairs"
        )
        plan = [("n", presses), ("N", presses // 2), ("enter", presses)]
        plan += [("u", presses // 2), ("tab", presses // 4), ("s", presses // 4), ("v", 5)]
        for key, times in plan:
            for _ in range(times):
                await pilot.pause()
                FRAMES.clear()
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                done = min((t for t in FRAMES if t > t0), default=time.perf_counter())
                timings.setdefault(key, []).append((done - t0) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--presses", type=int, default=60)
    args = parser.parse_args()
    articles = long_articles(args.articles, args.words)
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    print(f"built {len(articles)} articles, {words:,.0f} words each on average")
    timings = asyncio.run(measure(articles, args.presses))
    print(f"{'key':<8}{'presses':>8}{'median ms':>11}{'p95 ms':>9}{'worst ms':>10}")
    for key, values in timings.items():
        net = sorted(values)
        p95 = net[min(len(net) - 1, int(0.95 * len(net)))]
        print(f"{key:<8}{len(net):>8}{statistics.median(net):>11.1f}{p95:>9.1f}{net[-1]:>10.1f}")


if __name__ == "__main__":
    main()
