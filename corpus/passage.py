"""Passages (runs of adjacent matches of two articles) and clusters (one content, many outlets)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.match import Match, SentenceRef


@dataclass(frozen=True, slots=True)
class Passage:
    """Matched sentences adjacent in both articles, small gaps bridged.

    Sentence ranges are inclusive. ``matches`` index into the comparison's matches; ``kind`` is
    the most common kind among them.
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
    by_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, m in enumerate(matches):
        by_pair[(m.a.article, m.b.article)].append(i)
    out: list[Passage] = []
    step = gap + 1
    for (aa, ba), idxs in sorted(by_pair.items()):
        # by sentence in a, then in b (a stable sort: then by position in ``matches``)
        places = {i: (matches[i].a.sentence, matches[i].b.sentence) for i in idxs}
        idxs.sort(key=places.__getitem__)
        run: list[int] = []
        last_a = last_b = 0
        for i in idxs:
            sa, sb = places[i]
            if run:
                da = sa - last_a
                db = sb - last_b
                if 0 <= da <= step and 0 <= db <= step and (da or db):
                    run.append(i)
                    last_a, last_b = sa, sb
                    continue
                out.append(_passage(run, matches, places, aa, ba))
            run = [i]
            last_a, last_b = sa, sb
        out.append(_passage(run, matches, places, aa, ba))
    return out


def _passage(
    run: list[int],
    matches: Sequence[Match],
    places: dict[int, tuple[int, int]],
    aa: int,
    ba: int,
) -> Passage:
    """The passage of a run of matches sorted by sentence in a; ``places``: their sentences."""
    first_a, first_b = places[run[0]]
    if len(run) == 1:
        return Passage(aa, first_a, first_a, ba, first_b, first_b, (run[0],), matches[run[0]].kind)
    kinds: dict[str, int] = {}
    for i in run:
        kind = matches[i].kind
        kinds[kind] = kinds.get(kind, 0) + 1
    bs = [places[i][1] for i in run]
    return Passage(
        a_article=aa,
        a_first=first_a,
        a_last=places[run[-1]][0],
        b_article=ba,
        b_first=min(bs),
        b_last=max(bs),
        matches=tuple(run),
        kind=max(kinds, key=kinds.__getitem__),  # the first seen of the most common
    )


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
