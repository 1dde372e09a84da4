"""A one-line progress bar on stderr for ``briefread compare``, drawn only on a terminal.

It is the ``progress(stage, done, total)`` callback of :func:`corpus.comparison.compare`:
each stage (segment, index, score, relate) gets its own bar with honest counts, redrawn in
place at most every ``interval`` seconds (and whenever a stage starts or ends), so a large
story costs a few dozen writes, not one a sentence. When the stream is not a terminal (a pipe,
a file, a test's capture) nothing at all is written, so scripts see only the result.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

_LABELS = {
    "segment": "Reading articles",
    "index": "Indexing",
    "score": "Scoring pairs",
    "relate": "Relating articles",
}


class ProgressLine:
    """Draws ``Scoring pairs  ━━━━━━━━━━╺━━━━━━━━━  52%  31,204 / 60,001`` on one line.

    Use as a context manager; leaving it ends the line with a newline if anything was drawn.
    ``width`` is the bar's width in cells; ``interval`` the least time between two redraws of
    one stage, in seconds; ``clock`` gives seconds (monotonic).
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        width: int = 30,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.width = width
        self.interval = interval
        self.clock = clock
        self.enabled = _is_terminal(self.stream)
        self.drawn = False
        self.writes = 0
        self._stage = ""
        self._last = float("-inf")

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        edge = stage != self._stage or done >= total or done == 0
        if not edge and now - self._last < self.interval:
            return
        self._stage = stage
        self._last = now
        self.stream.write("\r" + self.render(stage, done, total) + "\x1b[K")
        self.stream.flush()
        self.drawn = True
        self.writes += 1

    def render(self, stage: str, done: int, total: int) -> str:
        """The line for one state, without control characters."""
        share = min(1.0, done / total) if total > 0 else 1.0
        full = int(share * self.width)
        bar = "━" * full + ("╺" if full < self.width else "") + "─" * (self.width - full - 1)
        label = _LABELS.get(stage, stage)
        return f"{label:<18} {bar} {share:>4.0%}  {done:,} / {total:,}"

    def close(self) -> None:
        """End the line (once) if a bar was drawn."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False
