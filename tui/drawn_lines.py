"""Lines already drawn for paragraphs, kept for when the same paragraph shows again.

Changing the number of panes changes every pane's width, so every paragraph on screen is drawn
again; cycling back to a width, moving the current sentence back, or swapping panes would draw
the same lines once more. The panes share one :class:`DrawnLines`, bounded by the lines it
holds: the least recently used paragraphs are dropped first. While the reader is idle, the
panes also draw into it what the next layout would show (``ArticlePane.prepare``).

A key names everything a paragraph's drawing depends on (see ``ArticlePane._drawing``), so a
kept drawing can never be the wrong one: a new article, new marks or a new width is a new key.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from textual.strip import Strip

MAX_LINES = 6000
"""Lines kept across all panes: a few layouts of four full screens of long paragraphs. About
30 MB at most: a line and the crops Textual keeps with it take about 4.6 KB (measured)."""


class DrawnLines:
    """Drawn lines by key, least recently used dropped first beyond ``max_lines`` lines."""

    def __init__(self, max_lines: int = MAX_LINES) -> None:
        self.max_lines = max_lines
        self._kept: OrderedDict[Hashable, list[Strip]] = OrderedDict()
        self._lines = 0

    def get(self, key: Hashable) -> list[Strip] | None:
        strips = self._kept.get(key)
        if strips is not None:
            self._kept.move_to_end(key)
        return strips

    def put(self, key: Hashable, strips: list[Strip]) -> None:
        old = self._kept.pop(key, None)
        if old is not None:
            self._lines -= len(old)
        self._kept[key] = strips
        self._lines += len(strips)
        while self._lines > self.max_lines and len(self._kept) > 1:
            _, dropped = self._kept.popitem(last=False)
            self._lines -= len(dropped)

    @property
    def lines(self) -> int:
        """Lines kept now."""
        return self._lines

    def __len__(self) -> int:
        return len(self._kept)
