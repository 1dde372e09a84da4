"""Which words of an article's edited sentences differ from their counterparts in the panes
beside it, worked out only for the sentences actually drawn.

A long article has hundreds of edited sentences and a word diff takes about a millisecond, so
the reader hands each pane a lazy mapping instead of a finished dictionary; diffs are kept per
sentence pair, so coming back to an article or a layout costs nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from corpus.export_view import changed_spans
from corpus.lookup import Lookup
from corpus.match import SentenceRef

Spans = list[tuple[int, int]]


@dataclass
class DiffMemo:
    """Answers kept for the reader's session (a story's comparison does not change)."""

    pairs: dict[tuple[SentenceRef, SentenceRef], Spans] = field(default_factory=dict)
    """Changed spans of the second sentence against the first, by (theirs, mine)."""
    answers: dict[tuple[SentenceRef, frozenset[int]], Spans] = field(default_factory=dict)
    """What :class:`ChangedWords` answered for a sentence beside these articles."""


class ChangedWords(Mapping[int, Sequence[tuple[int, int]]]):
    """Sentence index of ``article`` → character spans (within the sentence) of its words
    changed against its first edited counterpart in one of ``neighbours``; sentences without
    such a counterpart, or without changed words, are absent."""

    def __init__(
        self, lookup: Lookup, article: int, neighbours: frozenset[int], memo: DiffMemo
    ) -> None:
        self.lookup = lookup
        self.article = article
        self.neighbours = neighbours
        self._memo = memo

    def __getitem__(self, sentence: int) -> Sequence[tuple[int, int]]:
        spans = self._spans(sentence)
        if not spans:
            raise KeyError(sentence)
        return spans

    def _spans(self, sentence: int) -> Spans:
        mine = SentenceRef(self.article, sentence)
        key = (mine, self.neighbours)
        spans = self._memo.answers.get(key)
        if spans is None:
            other = self._edited_counterpart(mine)
            spans = [] if other is None else self._diff(other, mine)
            self._memo.answers[key] = spans
        return spans

    def _edited_counterpart(self, mine: SentenceRef) -> SentenceRef | None:
        """The first (in article, sentence order) edited counterpart in a neighbour."""
        pairs = self.lookup.counterparts(mine)
        for n in sorted(self.neighbours):
            i = bisect_left(pairs, SentenceRef(n, -1), key=lambda rm: rm[0])
            while i < len(pairs) and pairs[i][0].article == n:
                if pairs[i][1].kind == "edited":
                    return pairs[i][0]
                i += 1
        return None

    def _diff(self, theirs: SentenceRef, mine: SentenceRef) -> Spans:
        spans = self._memo.pairs.get((theirs, mine))
        if spans is None:
            c = self.lookup.comparison
            spans = changed_spans(c.sentence(theirs).text, c.sentence(mine).text)[1]
            self._memo.pairs[(theirs, mine)] = spans
        return spans

    def __iter__(self) -> Iterator[int]:
        if not self.neighbours:
            return iter(())
        return (s for s in self.lookup.matched[self.article] if self._spans(s))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __eq__(self, other: object) -> bool:
        """Equal when they answer the same question (no diff is worked out to compare)."""
        if isinstance(other, ChangedWords):
            return (self.lookup, self.article, self.neighbours) == (
                other.lookup,
                other.article,
                other.neighbours,
            )
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
