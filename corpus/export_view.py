"""What an export shows, shared by every format: the scope's part of the comparison, the user's
highlights, word-level changes, coverage and unique passages, and article text made inert.

Scopes: ``story`` (everything), ``pair`` (two articles and the matches between them),
``highlights`` (the user's highlights, the matches overlapping them and the articles those
touch). A scope is applied by narrowing the comparison itself, so every exporter, the text and
JSON ones included, renders a scope the way it renders a whole story.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from corpus.comparison import Comparison
from corpus.diff import word_diff
from corpus.errors import BriefreadError
from corpus.highlight import Highlight
from corpus.inert import inert
from corpus.lookup import Lookup
from corpus.match import Match, SentenceRef
from corpus.passage import build_clusters, build_passages
from corpus.relation import Provenance

Scope = Literal["story", "pair", "highlights"]
SCOPES: tuple[Scope, ...] = ("story", "pair", "highlights")


def one_line(text: str) -> str:
    """Inert text with runs of whitespace (newlines included) folded to one space."""
    return " ".join(inert(text).split())


@dataclass(frozen=True, slots=True)
class View:
    """One export's content. ``comparison`` is already narrowed to the scope; ``highlights``
    keeps the user's highlights on its articles, in article then offset order."""

    comparison: Comparison
    scope: Scope
    highlights: tuple[Highlight, ...]
    unique: bool

    def article_index(self, article_id: str) -> int | None:
        """Position of the article with this id, or None."""
        for k, a in enumerate(self.comparison.articles):
            if a.id == article_id:
                return k
        return None

    def sentence_highlights(self, ref: SentenceRef) -> list[Highlight]:
        """The user's highlights that overlap the sentence ``ref``."""
        c = self.comparison
        s = c.sentence(ref)
        aid = c.articles[ref.article].id
        return [h for h in self.highlights if h.article == aid and h.overlaps(s.start, s.end)]

    def highlighted_sentences(self, h: Highlight) -> list[SentenceRef]:
        """The sentences a highlight overlaps (none when its article is not in the view)."""
        k = self.article_index(h.article)
        if k is None:
            return []
        return [
            SentenceRef(k, s.index)
            for s in self.comparison.sentences[k]
            if h.overlaps(s.start, s.end)
        ]


def build_view(
    c: Comparison,
    scope: Scope = "story",
    pair: tuple[int, int] | None = None,
    highlights: Sequence[Highlight] = (),
    unique: bool = False,
) -> View:
    """The export content for ``scope``; raises BriefreadError for a pair or scope that does not
    fit the comparison (a message fit to show the user)."""
    ids = {a.id: k for k, a in enumerate(c.articles)}
    own = [h for h in highlights if h.article in ids]
    if scope == "story":
        keep = list(range(len(c.articles)))
        chosen = list(c.matches)
    elif scope == "pair":
        if pair is None:
            raise BriefreadError("a pair export needs two articles: choose the second one")
        i, j = pair
        n = len(c.articles)
        if not (0 <= i < n and 0 <= j < n) or i == j:
            raise BriefreadError(f"cannot export pair {pair}: give two different articles of {n}")
        keep = sorted((i, j))
        chosen = [m for m in c.matches if {m.a.article, m.b.article} == {i, j}]
    elif scope == "highlights":
        if not own:
            raise BriefreadError("no highlights to export: highlight a passage first (key h)")
        marked = defaultdict(list)
        for h in own:
            marked[ids[h.article]].append(h)

        def hit(r: SentenceRef) -> bool:
            s = c.sentence(r)
            return any(h.overlaps(s.start, s.end) for h in marked.get(r.article, ()))

        chosen = [m for m in c.matches if hit(m.a) or hit(m.b)]
        keep = sorted(set(marked) | {r.article for m in chosen for r in (m.a, m.b)})
    else:
        raise BriefreadError(f"unknown export scope {scope!r}: use one of {', '.join(SCOPES)}")
    narrowed = narrow(c, keep, chosen)
    kept_ids = {a.id: k for k, a in enumerate(narrowed.articles)}
    ordered = sorted(
        (h for h in own if h.article in kept_ids),
        key=lambda h: (kept_ids[h.article], h.start, h.end),
    )
    return View(narrowed, scope, tuple(ordered), unique)


def narrow(c: Comparison, keep: Sequence[int], matches: Sequence[Match]) -> Comparison:
    """The comparison restricted to the articles ``keep`` (positions, ascending) and to
    ``matches`` among them. Relations keep their story-wide coverage; roles are unchanged;
    a source outside ``keep`` becomes None."""
    if list(keep) == list(range(len(c.articles))) and len(matches) == len(c.matches):
        return c
    new = {old: k for k, old in enumerate(keep)}
    moved = [
        Match(
            SentenceRef(new[m.a.article], m.a.sentence),
            SentenceRef(new[m.b.article], m.b.sentence),
            m.score,
            m.kind,
            m.quoted,
        )
        for m in matches
        if m.a.article in new and m.b.article in new
    ]
    p = c.provenance
    relations = tuple(
        dataclasses.replace(r, source=new[r.source], derived=new[r.derived])
        for r in p.relations
        if r.source in new and r.derived in new
    )
    sources = tuple(new.get(s) if (s := p.sources[old]) is not None else None for old in keep)
    return Comparison(
        articles=tuple(c.articles[k] for k in keep),
        sentences=tuple(c.sentences[k] for k in keep),
        matches=tuple(moved),
        passages=tuple(build_passages(moved, c.settings.passage_gap)),
        clusters=tuple(build_clusters(moved)),
        provenance=Provenance(relations, tuple(p.roles[k] for k in keep), sources),
        settings=c.settings,
    )


def pair_matches(c: Comparison) -> dict[tuple[int, int], list[Match]]:
    """Matches per article pair (earlier-listed article first), pairs and matches in order."""
    out: dict[tuple[int, int], list[Match]] = defaultdict(list)
    for m in c.matches:
        out[(m.a.article, m.b.article)].append(m)
    for ms in out.values():
        ms.sort(key=lambda m: (m.a.sentence, m.b.sentence))
    return dict(sorted(out.items()))


def _lookup(c: Comparison) -> Lookup:
    """The reader's indexes over ``c``, built once for the comparison being exported."""
    if _LAST and _LAST[0].comparison is c:
        return _LAST[0]
    _LAST[:] = [Lookup(c)]
    return _LAST[0]


_LAST: list[Lookup] = []


def sentence_kinds(c: Comparison) -> dict[SentenceRef, str]:
    """Each matched sentence's strongest kind (PRIORITY order)."""
    lookup = _lookup(c)
    return {
        SentenceRef(k, s): kind
        for k, kinds in enumerate(lookup.best_kind)
        for s, kind in kinds.items()
    }


Segment = tuple[str, str]
"""``(op, text)``: op is equal, delete (only in the first sentence) or insert (only in the
second)."""


@lru_cache(maxsize=4096)
def diff_segments(a: str, b: str) -> tuple[Segment, ...]:
    """Sentence ``b`` as equal and inserted text with ``a``'s deleted words placed where they
    were: a one-line rendering of the word-level difference. Cached: copies of one wire story
    repeat the same sentence pairs many times."""
    out: list[Segment] = []
    pb = 0
    for w in word_diff(a, b):
        if w.op == "equal":
            out.append(("equal", b[pb : w.b_end]))
            pb = w.b_end
            continue
        if w.op == "delete":
            out.append(("delete", a[w.a_start : w.a_end]))
            continue
        out.append(("equal", b[pb : w.b_start]))
        if w.op == "replace":
            out.append(("delete", a[w.a_start : w.a_end]))
        out.append(("insert", b[w.b_start : w.b_end]))
        pb = w.b_end
    out.append(("equal", b[pb:]))
    spaced: list[Segment] = []

    def add(op: str, text: str) -> None:
        if spaced and spaced[-1][0] == op:
            spaced[-1] = (op, spaced[-1][1] + text)
        else:
            spaced.append((op, text))

    for op, text in out:
        if not text:
            continue
        if spaced and _needs_space(spaced[-1], (op, text)):
            add("equal", " ")
        add(op, text)
    return tuple(spaced)


def _needs_space(left: Segment, right: Segment) -> bool:
    """A space between a changed word and its neighbour, which shared no gap in ``b``."""
    if left[0] == right[0]:
        return False
    end, start = left[1][-1], right[1][0]
    if end.isspace() or start.isspace():
        return False
    return start.isalnum() or start in _OPENERS or (left[0] != "equal" and right[0] != "equal")


_OPENERS = "\"'“‘«¿¡([$€£"


def changed_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of words changed in ``a`` (dropped or replaced) and in ``b`` (added or
    replacing), offsets within each sentence."""
    in_a: list[tuple[int, int]] = []
    in_b: list[tuple[int, int]] = []
    for w in word_diff(a, b):
        if w.op == "equal":
            continue
        if w.a_end > w.a_start:
            in_a.append((w.a_start, w.a_end))
        if w.b_end > w.b_start:
            in_b.append((w.b_start, w.b_end))
    return in_a, in_b


def found_elsewhere(c: Comparison) -> list[float]:
    """Per article, :meth:`Comparison.shared_share` (0..1 of its characters, boilerplate
    excluded, in matched sentences)."""
    return [c.shared_share(k) for k in range(len(c.articles))]


def coverage_matrix(c: Comparison) -> list[list[float | None]]:
    """``m[i][j]``: share (0..1) of article i's characters, boilerplate excluded, in sentences
    matched to article j; None on the diagonal. The same measure as "found elsewhere"."""
    lookup = _lookup(c)
    n = len(c.articles)
    return [[None if i == j else lookup.coverage(i, j) for j in range(n)] for i in range(n)]


def unique_runs(c: Comparison, article: int) -> list[tuple[int, int]]:
    """Runs ``(first, last)`` of adjacent sentences (inclusive indexes) of ``article`` that match
    nothing in the view and are not boilerplate: what only this article says."""
    return [(run.first, run.last) for run in _lookup(c).unique_runs[article]]


def percent(share: float) -> str:
    """A 0..1 share as a whole percentage, e.g. ``73%``."""
    return f"{share:.0%}"
