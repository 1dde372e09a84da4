"""Passages (runs of adjacent matches of two articles) and clusters (one content, many outlets)."""

from __future__ import annotations

from collections import Counter, defaultdict
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
    for (aa, ba), idxs in sorted(by_pair.items()):
        idxs.sort(key=lambda i: (matches[i].a.sentence, matches[i].b.sentence))
        run: list[int] = []
        for i in idxs:
            m = matches[i]
            if run:
                last = matches[run[-1]]
                da = m.a.sentence - last.a.sentence
                db = m.b.sentence - last.b.sentence
                if 0 <= da <= gap + 1 and 0 <= db <= gap + 1 and (da or db):
                    run.append(i)
                    continue
                out.append(_passage(run, matches, aa, ba))
            run = [i]
        if run:
            out.append(_passage(run, matches, aa, ba))
    return out


def _passage(run: list[int], matches: Sequence[Match], aa: int, ba: int) -> Passage:
    kinds = Counter(matches[i].kind for i in run)
    return Passage(
        a_article=aa,
        a_first=min(matches[i].a.sentence for i in run),
        a_last=max(matches[i].a.sentence for i in run),
        b_article=ba,
        b_first=min(matches[i].b.sentence for i in run),
        b_last=max(matches[i].b.sentence for i in run),
        matches=tuple(run),
        kind=kinds.most_common(1)[0][0],
    )


def build_clusters(matches: Sequence[Match]) -> list[Cluster]:
    """Connected groups of matched sentences, largest first (ids from 1 in that order)."""
    parent: dict[SentenceRef, SentenceRef] = {}

    def find(x: SentenceRef) -> SentenceRef:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for m in matches:
        ra, rb = find(m.a), find(m.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[SentenceRef, list[SentenceRef]] = defaultdict(list)
    for ref in parent:
        groups[find(ref)].append(ref)
    ordered = sorted(
        (sorted(g) for g in groups.values()),
        key=lambda g: (-len({r.article for r in g}), -len(g), g[0]),
    )
    return [Cluster(i + 1, tuple(g)) for i, g in enumerate(ordered)]
