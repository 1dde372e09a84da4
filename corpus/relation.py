"""Relations between articles: who derived from whom, how, and the evidence for it.

For each pair of articles, coverage is the share of one article's sentences found in the other
(quoted statements excluded: two reports quoting the same press statement are not copies). A pair
with enough coverage is a derivation; its direction comes from a credit in the text
(:mod:`corpus.attribution`), then from publication times (an article without one counts as
later), then from containment (a derived text is largely contained in its source). Each article
then takes as its source the candidate it credits, else one in its own language (alignment
across languages is weaker evidence), else the one it is most contained in; so two
copies of one source are siblings, not copies of each other. Pairs in different derivation
trees that share quoted statements are ``shared-quotes``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any, NamedTuple

from corpus.article import Article
from corpus.attribution import Credit
from corpus.match import MATCH_A, MATCH_B, MATCH_KIND, MATCH_QUOTED, Match
from corpus.settings import Settings


@dataclass(frozen=True, slots=True)
class Relation:
    """``derived`` comes from ``source`` (article positions); coverages are 0..1 sentence shares.

    ``derived_in_source``: share of the derived article's sentences found in the source;
    ``source_in_derived``: the converse.
    """

    source: int
    derived: int
    kind: str
    derived_in_source: float
    source_in_derived: float
    evidence: str


@dataclass(frozen=True, slots=True)
class Provenance:
    """Relations, each article's role (original, syndicated, rewritten, translated, independent)
    and its source (article position) where derived."""

    relations: tuple[Relation, ...]
    roles: tuple[str, ...]
    sources: tuple[int | None, ...]


def parse_time(value: str | None) -> datetime | None:
    """A publication time from ISO 8601 text (date only is midnight UTC), or None."""
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


class PairStats(NamedTuple):
    """What two articles share, per side: ``first`` is the earlier-listed article (side 0),
    the other is side 1. Counts are of distinct sentences of that side. (A named tuple: a big
    story has a million article pairs sharing something.)"""

    first: int
    copied: tuple[int, int]  # matched, quoted statements aside
    quoted: tuple[int, int]  # in a quoted match
    either: tuple[int, int]  # in either
    kinds: tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]
    # the kinds of each side's copied sentences' matches, in the order first seen

    def side(self, article: int) -> int:
        return 0 if article == self.first else 1

    def kinds_of(self, article: int) -> Counter[str]:
        return Counter(dict(self.kinds[self.side(article)]))


def pair_stats(matches: Sequence[Match]) -> dict[tuple[int, int], PairStats]:
    """What each article pair shares, from its matches (the input of :func:`relate`).

    Matches come sorted by their first sentence, as :func:`corpus.matching.find_matches` gives
    them (others are sorted here): all of an article's pairs with later articles are then counted
    from one run of matches, and only that run's sentences are held at once — a big story has
    hundreds of thousands of article pairs, too many to keep them all for."""
    if any(x.a.article > y.a.article for x, y in pairwise(matches)):
        matches = sorted(matches, key=lambda m: m.a.article)
    stats: dict[tuple[int, int], PairStats] = {}
    run: dict[int, _Open] = {}  # later article -> what it shares with the run's article
    first = -1
    # Millions of matches in a big story: their fields are read in C, a match costs a few
    # dictionary operations.
    fields = zip(
        map(MATCH_A, matches),
        map(MATCH_B, matches),
        map(MATCH_KIND, matches),
        map(MATCH_QUOTED, matches),
        strict=True,
    )
    for (a, sa), (b, sb), kind, quoted in fields:
        if a != first:
            _close(first, run, stats)
            run, first = {}, a
        st = run.get(b)
        if st is None:
            st = run[b] = [{}, {}, None]
        if quoted:  # quoted sentences are only counted
            q = st[2]
            if q is None:
                q = st[2] = (set(), set())
            q[0].add(sa)
            q[1].add(sb)
        else:  # each sentence with the kind of its first match
            st[0].setdefault(sa, kind)
            st[1].setdefault(sb, kind)
    _close(first, run, stats)
    return stats


_Open = list[Any]
"""An article pair's sentences while its run of matches is read: those copied on each side,
with the kind of their first match (two dicts), and those quoted on each side (a pair of sets,
None until one is: most pairs have none). A list, not an object: one is made per pair."""


def _close(first: int, run: dict[int, _Open], stats: dict[tuple[int, int], PairStats]) -> None:
    for other, (c0, c1, quoted) in run.items():
        if quoted is None:
            stats[(first, other)] = PairStats(
                first,
                (len(c0), len(c1)),
                (0, 0),
                (len(c0), len(c1)),
                (_kinds(c0), _kinds(c1)),
            )
            continue
        q0, q1 = quoted
        stats[(first, other)] = PairStats(
            first,
            (len(c0), len(c1)),
            (len(q0), len(q1)),
            (len(q0.union(c0)), len(q1.union(c1))),
            (_kinds(c0), _kinds(c1)),
        )


def _kinds(copied: dict[int, str]) -> tuple[tuple[str, int], ...]:
    """How many sentences have each kind, kinds in the order first seen."""
    counts: dict[str, int] = {}
    for kind in copied.values():  # most pairs share a few sentences: no Counter for them
        counts[kind] = counts.get(kind, 0) + 1
    return tuple(counts.items())


def relate(
    articles: Sequence[Article],
    sizes: Sequence[int],
    languages: Sequence[str],
    stats: dict[tuple[int, int], PairStats],
    credits: Sequence[Credit],
    settings: Settings,
) -> Provenance:
    """Derivations, roles and shared-quote relations. ``sizes``: matchable sentences per article;
    ``stats``: :func:`pair_stats` of the matches."""
    credit = {(c.article, c.source): c for c in credits}
    times = [parse_time(a.published) for a in articles]

    def cov(st: PairStats, x: int) -> float:
        return st.copied[st.side(x)] / sizes[x] if sizes[x] else 0.0

    candidates: dict[int, list[tuple[tuple[float, ...], int]]] = defaultdict(list)
    for (i, j), st in stats.items():
        ci, cj = cov(st, i), cov(st, j)
        if max(ci, cj) < settings.derived_min:
            continue
        src, der = _direction(i, j, ci, cj, credit, times)
        c = credit.get((der, src))
        same_language = float(languages[src] == languages[der])
        candidates[der].append(((c.strength if c else 0, same_language, cov(st, der)), src))

    sources: list[int | None] = [None] * len(articles)
    for der in sorted(candidates, key=lambda d: _time_key(times[d], d)):
        for _, src in sorted(candidates[der], reverse=True):
            if not _reaches(src, der, sources):
                sources[der] = src
                break

    relations: list[Relation] = []
    for der, parent in enumerate(sources):
        if parent is None:
            continue
        src = parent
        st = stats[(min(src, der), max(src, der))]
        kind = _kind(src, der, st, languages, credit.get((der, src)), sizes, settings)
        found = st.either[st.side(der)] / sizes[der]
        back = st.either[st.side(src)] / sizes[src]
        evidence = _evidence(articles, src, der, st, found, credit.get((der, src)), times)
        relations.append(Relation(src, der, kind, found, back, evidence))

    roots = [root_of(k, sources) for k in range(len(articles))]
    for (i, j), st in sorted(stats.items()):
        if roots[i] == roots[j] or not any(st.quoted):
            continue
        src, der = sorted((i, j), key=lambda k: _time_key(times[k], k))
        n = st.quoted[st.side(der)]
        share = n / sizes[der] if sizes[der] else 0.0
        back = st.quoted[st.side(src)] / sizes[src] if sizes[src] else 0.0
        evidence = f"{n} sentence{'s' * (n != 1)} quoting the same statement; no other text shared"
        if any(st.copied):
            evidence = f"{n} quoted sentence{'s' * (n != 1)} shared; other overlap below derivation"
        relations.append(Relation(src, der, "shared-quotes", share, back, evidence))

    has_child = {s for s in sources if s is not None}
    roles = []
    for k, parent in enumerate(sources):
        if parent is None:
            roles.append("original" if k in has_child else "independent")
        else:
            roles.append(next(r.kind for r in relations if r.derived == k and r.source == parent))
    return Provenance(tuple(relations), tuple(roles), tuple(sources))


def _time_key(t: datetime | None, k: int) -> tuple[int, float, int]:
    return (0, t.timestamp(), k) if t else (1, 0.0, k)


def _direction(
    i: int,
    j: int,
    ci: float,
    cj: float,
    credit: dict[tuple[int, int], Credit],
    times: Sequence[datetime | None],
) -> tuple[int, int]:
    """(source, derived) for a pair with enough overlap."""
    si = credit[(j, i)].strength if (j, i) in credit else 0
    sj = credit[(i, j)].strength if (i, j) in credit else 0
    if si != sj:
        return (i, j) if si > sj else (j, i)
    ti, tj = times[i], times[j]
    if (ti is None) != (tj is None):
        return (i, j) if ti is not None else (j, i)
    if ti is not None and tj is not None and ti != tj:
        return (i, j) if ti < tj else (j, i)
    if abs(ci - cj) > 0.05:
        return (i, j) if cj > ci else (j, i)
    return (i, j)


def _reaches(start: int, target: int, sources: Sequence[int | None]) -> bool:
    """Whether following sources from ``start`` arrives at ``target`` (would make a cycle)."""
    seen = set()
    node: int | None = start
    while node is not None and node not in seen:
        if node == target:
            return True
        seen.add(node)
        node = sources[node]
    return False


def root_of(k: int, sources: Sequence[int | None]) -> int:
    """The article at the top of ``k``'s derivation chain (``k`` itself if it has no source)."""
    seen = set()
    while (parent := sources[k]) is not None and k not in seen:
        seen.add(k)
        k = parent
    return k


def _kind(
    src: int,
    der: int,
    st: PairStats,
    languages: Sequence[str],
    credit: Credit | None,
    sizes: Sequence[int],
    settings: Settings,
) -> str:
    """Translated across languages; syndicated when copies (verbatim or edited) are most of what
    it shares with its source and ``syndicated_min`` of all its sentences; else rewritten."""
    if languages[src] != languages[der]:
        return "translated"
    if credit is not None and credit.strength == 3 and "translat" in credit.snippet.lower():
        return "translated"
    kinds = st.kinds_of(der)
    copied = kinds["verbatim"] + kinds["edited"]
    mostly = copied >= 0.5 * max(1, sum(kinds.values()))
    return (
        "syndicated" if mostly and copied >= settings.syndicated_min * sizes[der] else "rewritten"
    )


def _evidence(
    articles: Sequence[Article],
    src: int,
    der: int,
    st: PairStats,
    coverage: float,
    credit: Credit | None,
    times: Sequence[datetime | None],
) -> str:
    parts = []
    kinds = st.kinds_of(der)
    detail = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
    parts.append(f"{coverage:.0%} of its sentences found in the source ({detail})")
    if credit is not None:
        parts.append(f"credits {articles[src].outlet}: “{credit.snippet}”")
    ts, td = times[src], times[der]
    if ts is not None and td is not None and td > ts:
        minutes = int((td - ts).total_seconds() // 60)
        parts.append(f"published {minutes // 60} h {minutes % 60:02d} min later")
    return "; ".join(parts)
