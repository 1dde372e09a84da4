"""A user's highlight: a span of one article the reader marked, with an optional note."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span the user marked.

    ``article`` is the article id; ``start``/``end`` are character offsets into that article's
    text (end exclusive) and ``text`` the highlighted text as it was when marked. ``created`` is
    an ISO 8601 time, empty when unknown.
    """

    article: str
    start: int
    end: int
    text: str
    note: str = ""
    tag: str = ""
    created: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the highlight shares at least one character with ``[start, end)``."""
        return self.start < end and start < self.end
