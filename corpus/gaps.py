"""Sentences a translation left without anchors, matched by their place between aligned ones.

Across languages a sentence is matched on what both versions keep: numbers, names, cognates
(:mod:`corpus.crosslang`). A short quote ("We never wanted a strike." / "Wir wollten nie einen
Streik.") has none. A translation goes sentence by sentence, so when the sentences just before
and just after are aligned and exactly as many sentences lie between them on both sides, those
are the same sentences in the same order: match them, when their lengths are those of a
sentence and its translation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from corpus.match import Doc, Match, SentenceRef

MIN_ALIGNED = 3
"""Aligned pairs two articles need before their gaps are trusted to line up."""
ALIGNED_SHARE = 0.5
"""...and the share of the shorter article's sentences they must cover."""
MAX_GAP = 2
"""The most sentences filled between two aligned pairs."""
LENGTH_RATIO = 0.5
"""The shorter sentence's share of the longer one's characters, at least."""


def fill_gaps(aligned: Sequence[Match], docs: Sequence[Doc], taken: Sequence[Match]) -> list[Match]:
    """Paraphrase matches in same-sized gaps of cross-language alignments.

    ``aligned``: matches between articles in different languages; ``taken``: every match so
    far (a sentence already matched in the other article is not a gap). A filled pair's score
    is the weaker of the two aligned pairs around it.
    """
    by_pair: dict[tuple[int, int], list[tuple[int, int, float]]] = defaultdict(list)
    for m in aligned:
        by_pair[(m.a.article, m.b.article)].append((m.a.sentence, m.b.sentence, m.score))
    matched: set[tuple[SentenceRef, int]] = set()  # only between the aligned article pairs
    for m in taken:
        if (m.a.article, m.b.article) in by_pair:
            matched.add((m.a, m.b.article))
            matched.add((m.b, m.a.article))
    out: list[Match] = []
    for (a, b), pairs in sorted(by_pair.items()):
        if len(pairs) < max(MIN_ALIGNED, ALIGNED_SHARE * min(_size(docs[a]), _size(docs[b]))):
            continue  # not a translation of each other: reports sharing a few facts
        pairs.sort()
        for (x0, y0, s0), (x1, y1, s1) in pairwise(pairs):
            gap = x1 - x0 - 1
            if gap < 1 or gap > MAX_GAP or y1 - y0 - 1 != gap:
                continue
            fill = [(SentenceRef(a, x0 + k), SentenceRef(b, y0 + k)) for k in range(1, gap + 1)]
            if all(_fits(ra, rb, docs, matched) for ra, rb in fill):
                out.extend(Match(ra, rb, min(s0, s1), "paraphrase") for ra, rb in fill)
    return out


def _fits(
    ra: SentenceRef, rb: SentenceRef, docs: Sequence[Doc], matched: set[tuple[SentenceRef, int]]
) -> bool:
    """Both sentences real, unmatched in the other article, and of comparable length."""
    fa, fb = docs[ra.article][ra.sentence], docs[rb.article][rb.sentence]
    if fa is None or fb is None or (ra, rb.article) in matched or (rb, ra.article) in matched:
        return False
    la, lb = len(fa.norm), len(fb.norm)
    return min(la, lb) >= LENGTH_RATIO * max(la, lb)


def _size(doc: Doc) -> int:
    """Matchable sentences of an article."""
    return sum(1 for f in doc if f is not None)
