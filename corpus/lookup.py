"""Indexes over a finished comparison, so a reader's keypress never scans every match.

Built once per comparison (linear in matches and sentences); every question the reader asks —
the counterparts of a sentence, the next matched or unique sentence, how much of article A is
found in article B — is then a dictionary or bisect lookup.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.comparison import Comparison
from corpus.kinds import PRIORITY
from corpus.match import Match, SentenceRef

_RANK = {kind: i for i, kind in enumerate(PRIORITY)}


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive sentences ``first..last`` (inclusive indexes) of one article."""

    first: int
    last: int


class Lookup:
    """Precomputed answers about one :class:`Comparison` (article positions as indexes)."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        n = len(comparison.articles)
        partners: dict[SentenceRef, list[tuple[SentenceRef, Match]]] = defaultdict(list)
        for m in comparison.matches:
            partners[m.a].append((m.b, m))
            partners[m.b].append((m.a, m))
        self._partners = {ref: sorted(v, key=lambda rm: rm[0]) for ref, v in partners.items()}
        best: list[dict[int, str]] = [{} for _ in range(n)]
        for ref, pairs in self._partners.items():
            best[ref.article][ref.sentence] = min((m.kind for _, m in pairs), key=_RANK.__getitem__)
        self.best_kind: tuple[dict[int, str], ...] = tuple(best)
        self.matched: tuple[list[int], ...] = tuple(sorted(b) for b in best)
        self.unique_runs: tuple[list[Run], ...] = tuple(
            _unique_runs(comparison, k, best[k]) for k in range(n)
        )
        self._unique_starts = tuple([r.first for r in runs] for runs in self.unique_runs)
        cluster_of: dict[SentenceRef, int] = {}
        spread: list[int] = []
        for ci, cluster in enumerate(comparison.clusters):
            spread.append(len({r.article for r in cluster.members}))
            for r in cluster.members:
                cluster_of[r] = ci
        self._cluster_of = cluster_of
        self._spread = spread
        self._lengths = tuple(
            {s.index: s.end - s.start for s in sents if not s.boilerplate}
            for sents in comparison.sentences
        )
        self._coverage = self._coverage_rows()

    def counterparts(self, ref: SentenceRef) -> list[tuple[SentenceRef, Match]]:
        """The sentences matched to ``ref``, in article then sentence order."""
        return self._partners.get(ref, [])

    def sources_with(self, ref: SentenceRef) -> int:
        """How many articles carry this sentence's content (itself included; 1 if unmatched)."""
        ci = self._cluster_of.get(ref)
        return 1 if ci is None else self._spread[ci]

    def next_matched(self, article: int, after: int | None, step: int) -> int | None:
        """The next (``step`` > 0) or previous matched sentence, wrapping; None if there is none."""
        return _cycle(self.matched[article], after, step)

    def next_unique(self, article: int, after: int | None, step: int) -> int | None:
        """The first sentence of the next or previous unique run, wrapping."""
        return _cycle(self._unique_starts[article], after, step)

    def unique_run_at(self, article: int, sentence: int) -> Run | None:
        """The unique run holding ``sentence``, if it is unique text."""
        runs = self.unique_runs[article]
        i = bisect_right(self._unique_starts[article], sentence) - 1
        if i >= 0 and runs[i].first <= sentence <= runs[i].last:
            return runs[i]
        return None

    def shared_share(self, article: int) -> float:
        """Share (0..1) of the article's non-boilerplate characters found in any other article."""
        return self.comparison.shared_share(article)

    def coverage(self, i: int, j: int) -> float:
        """Share (0..1) of article i's characters matched in article j (1 for i itself)."""
        return 1.0 if i == j else self._coverage[i].get(j, 0.0)

    def _coverage_rows(self) -> list[dict[int, float]]:
        """Per article, coverage in each article it shares text with: sparse, as a story of
        10,000 articles would make a hundred million cells."""
        seen: dict[tuple[int, int], set[int]] = defaultdict(set)
        for ref, pairs in self._partners.items():
            for other, _ in pairs:
                seen[(ref.article, other.article)].add(ref.sentence)
        totals = [sum(lengths.values()) for lengths in self._lengths]
        rows: list[dict[int, float]] = [{} for _ in self._lengths]
        for (i, j), sents in seen.items():
            if totals[i]:
                rows[i][j] = sum(self._lengths[i].get(s, 0) for s in sents) / totals[i]
        return rows


def _unique_runs(comparison: Comparison, k: int, matched: dict[int, str]) -> list[Run]:
    runs: list[Run] = []
    start: int | None = None
    prev = -1
    for s in comparison.sentences[k]:
        unique = not s.boilerplate and s.index not in matched
        if unique and start is None:
            start = s.index
        elif not unique and start is not None:
            runs.append(Run(start, prev))
            start = None
        prev = s.index
    if start is not None:
        runs.append(Run(start, prev))
    return runs


def _cycle(items: Sequence[int], after: int | None, step: int) -> int | None:
    if not items:
        return None
    if after is None:
        return items[0] if step > 0 else items[-1]
    if step > 0:
        i = bisect_right(items, after)
        return items[i] if i < len(items) else items[0]
    i = bisect_left(items, after) - 1
    return items[i] if i >= 0 else items[-1]
