"""Passages (runs of adjacent matches of two articles) and clusters (one content, many outlets)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, ne, not_
from typing import NamedTuple

from corpus.match import (
    MATCH_A,
    MATCH_B,
    MATCH_KIND,
    REF_ARTICLE,
    REF_SENTENCE,
    Match,
    SentenceRef,
)


class Passage(NamedTuple):
    """Matched sentences adjacent in both articles, small gaps bridged.

    Sentence ranges are inclusive. ``matches`` index into the comparison's matches; ``kind`` is
    the most common kind among them. A named tuple, not a dataclass: a big story has a million
    passages, and a tuple is made five times as fast as a frozen dataclass.
    """

    a_article: int
    a_first: int
    a_last: int
    b_article: int
    b_first: int
    b_last: int
    matches: tuple[int, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class Cluster:
    """Sentences of several articles linked by matches: one piece of content and where it went."""

    id: int
    members: tuple[SentenceRef, ...]

    @property
    def articles(self) -> int:
        """How many articles carry this content."""
        return len({m.article for m in self.members})


def build_passages(matches: Sequence[Match], gap: int) -> list[Passage]:
    """Merge each article pair's matches into passages; ``gap`` unmatched sentences are bridged."""
    a_refs = list(map(MATCH_A, matches))
    b_refs = list(map(MATCH_B, matches))
    # Each pair's matches by sentence in a, then in b, then by position in ``matches``: one
    # sort of plain tuples, made and compared in C (a big story has millions of matches).
    ordered = sorted(
        zip(
            map(REF_ARTICLE, a_refs),
            map(REF_ARTICLE, b_refs),
            map(REF_SENTENCE, a_refs),
            map(REF_SENTENCE, b_refs),
            range(len(matches)),
            strict=True,
        )
    )
    del a_refs, b_refs
    kinds = [m.kind for m in matches]
    out: list[Passage] = []
    step = gap + 1
    run: list[tuple[int, int, int, int, int]] = []
    last_aa = last_ba = last_a = last_b = -1
    for row in ordered:
        aa, ba, sa, sb, _ = row
        if run:
            da = sa - last_a
            db = sb - last_b
            if (
                aa == last_aa
                and ba == last_ba
                and 0 <= da <= step
                and 0 <= db <= step
                and (da or db)
            ):
                run.append(row)
                last_a, last_b = sa, sb
                continue
            out.append(_passage(run, kinds))
        run = [row]
        last_aa, last_ba, last_a, last_b = aa, ba, sa, sb
    if run:
        out.append(_passage(run, kinds))
    return out


def _passage(run: list[tuple[int, int, int, int, int]], kinds: Sequence[str]) -> Passage:
    """The passage of a run of one pair's matches sorted by sentence in a: rows of their
    articles, sentences and positions; ``kinds``: every match's kind by position."""
    aa, ba, first_a, first_b, first = run[0]
    if len(run) == 1:
        return Passage(aa, first_a, first_a, ba, first_b, first_b, (first,), kinds[first])
    bs = [row[3] for row in run]
    return Passage(
        a_article=aa,
        a_first=first_a,
        a_last=run[-1][2],
        b_article=ba,
        b_first=min(bs),
        b_last=max(bs),
        matches=tuple(row[4] for row in run),
        kind=_most_common([kinds[row[4]] for row in run]),
    )


def _most_common(kinds: list[str]) -> str:
    """A passage's kind: the most common of its matches' kinds, the first seen of those tied."""
    return max(dict.fromkeys(kinds), key=kinds.count)


def relabelled(before: Sequence[Match], after: Sequence[Match]) -> list[int]:
    """The positions whose match has another kind in ``after`` than in ``before``."""
    changed = map(ne, map(MATCH_KIND, before), map(MATCH_KIND, after))
    return list(compress(range(len(before)), changed))


def rekind(
    passages: list[Passage], matches: Sequence[Match], changed: Sequence[int]
) -> list[Passage]:
    """Passages built from matches of other kinds, given the kinds of ``matches`` (the same
    pairs, in the same order): those holding a match whose kind changed (its position in
    ``changed``) take their most common kind again. Equal to building them from ``matches``."""
    if not changed:
        return passages
    kinds = list(map(MATCH_KIND, matches))
    untouched = set(changed).isdisjoint
    out = list(passages)
    for k in compress(range(len(out)), map(not_, map(untouched, map(_MATCHES, out)))):
        p = out[k]
        out[k] = p._replace(kind=_most_common(list(map(kinds.__getitem__, p.matches))))
    return out


_MATCHES = attrgetter("matches")


def build_clusters(matches: Sequence[Match]) -> list[Cluster]:
    """Connected groups of matched sentences, largest first (ids from 1 in that order)."""
    parent: dict[SentenceRef, SentenceRef] = {}

    def find(x: SentenceRef) -> SentenceRef:
        """The root of ``x``'s group (``x`` joins as its own group if new), halving the path."""
        up = parent.get(x)
        if up is None:
            parent[x] = x
            return x
        while up != x:
            top = parent[up]
            parent[x] = top
            x, up = top, parent[top]
        return x

    for m in matches:
        ra, rb = find(m.a), find(m.b)
        if ra != rb:
            if ra < rb:
                parent[rb] = ra
            else:
                parent[ra] = rb
    groups: dict[SentenceRef, list[SentenceRef]] = defaultdict(list)
    for ref in parent:
        groups[find(ref)].append(ref)
    ordered = sorted(
        (sorted(g) for g in groups.values()),
        key=lambda g: (-len({r.article for r in g}), -len(g), g[0]),
    )
    return [Cluster(i + 1, tuple(g)) for i, g in enumerate(ordered)]
