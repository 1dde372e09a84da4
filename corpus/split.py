"""Sentences split in two, or two merged into one, between related articles.

A rewrite often breaks a long sentence of its source in two ("The union wants 6.5% a year. The
company has offered 3.2%.") or joins two short ones. Each half then carries only part of the
other sentence's content and scores low on its own; read together, the two adjacent sentences
score like the paraphrase they are. This pass scores a sentence against each run of two adjacent
sentences of an article it is already related to, and matches it to both when the run reads as
its paraphrase and each half brings some of its specific content.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain, compress, repeat
from operator import not_, or_
from typing import NamedTuple

from corpus.features import SentenceFeatures, Weights
from corpus.forked import Forked, roomy
from corpus.match import (
    MATCH_A,
    MATCH_B,
    MATCH_KIND,
    MATCH_SCORE,
    REF_SENTENCE,
    Doc,
    Match,
    SentenceRef,
)
from corpus.score import score_pair
from corpus.settings import Settings

_COPY_KINDS = frozenset({"verbatim", "edited"})
_MIN_SHARED = 2
"""Content terms each half must share with the whole: both halves bring something."""


def joined(a: SentenceFeatures, b: SentenceFeatures) -> SentenceFeatures:
    """Two adjacent sentences read as one (same language)."""
    words = len(a.words) + len(b.words)
    quoted = len(a.quote_words) + len(b.quote_words)
    return SentenceFeatures(
        language=a.language,
        words=a.words + b.words,
        norm=f"{a.norm} {b.norm}",
        content=a.content + b.content,
        names=a.names | b.names,
        numbers=a.numbers | b.numbers,
        quote_words=a.quote_words + b.quote_words,
        quoted_share=quoted / words if words else 0.0,
        frame_words=a.frame_words + b.frame_words,
    )


_Terms = dict[int, tuple[list[SentenceRef], list[frozenset[str]]]]


PARALLEL_FROM_RELATED = 500
"""Related article pairs from which a second process takes half of them (see
:mod:`corpus.forked`)."""


def split_matches(
    accepted: Sequence[Match],
    related: Sequence[tuple[int, int]],
    docs: Sequence[Doc],
    weights: Weights,
    settings: Settings,
    parallel: bool = False,
) -> list[Match]:
    """Paraphrase matches of a sentence with two adjacent sentences of a related article.

    ``related``: article pairs (same language) already sharing ``related_min_matches`` matches.
    A sentence is tried only where it has no copy (verbatim or edited) or clear paraphrase
    (``paraphrase_min``) in the other article, at least four content terms, and no match
    outside the run; the run's sentences must have no match there but this sentence.
    The run, read as one sentence, must reach ``joined_min`` with no figure disagreeing, and
    beat each half alone. Each sentence takes part in one run per article pair, best first.
    With ``parallel``, a forked process takes the second half of the article pairs.
    """
    if parallel and len(related) >= PARALLEL_FROM_RELATED and roomy():
        half = len(related) // 2
        rest = Forked.start(lambda: _split(accepted, related[half:], docs, weights, settings))
        return _split(accepted, related[:half], docs, weights, settings) + rest.get()
    return _split(accepted, related, docs, weights, settings)


def _split(
    accepted: Sequence[Match],
    related: Sequence[tuple[int, int]],
    docs: Sequence[Doc],
    weights: Weights,
    settings: Settings,
) -> list[Match]:
    wanted = set(related)
    between: dict[tuple[int, int], list[Match]] = defaultdict(list)
    for m in accepted:  # the matches of each related pair (lists: light on memory)
        if (m.a.article, m.b.article) in wanted:
            between[(m.a.article, m.b.article)].append(m)
    terms: _Terms = {}  # each article's long sentences, and content terms per sentence
    out: list[Match] = []
    clear = settings.paraphrase_min.__le__  # a score that makes a clear paraphrase
    for a, b in related:
        ms = between.pop((a, b), [])
        # Most of a related pair's matches are copies: their sentences are sorted out in C
        # (``copied``), and only the other matches are listed by sentence (``partners``).
        a_refs, b_refs = list(map(MATCH_A, ms)), list(map(MATCH_B, ms))
        strong = list(
            map(
                or_,
                map(_COPY_KINDS.__contains__, map(MATCH_KIND, ms)),
                map(clear, map(MATCH_SCORE, ms)),
            )
        )
        copied = set(compress(a_refs, strong))
        copied.update(compress(b_refs, strong))
        partners: dict[SentenceRef, set[SentenceRef]] = defaultdict(set)
        for m in compress(ms, map(not_, strong)):
            partners[m.a].add(m.b)
            partners[m.b].add(m.a)
        pair = _Pair(
            partners, copied, {a: set(map(REF_SENTENCE, a_refs)), b: set(map(REF_SENTENCE, b_refs))}
        )
        found = _runs(a, b, docs, weights, settings, pair, terms)
        found += _runs(b, a, docs, weights, settings, pair, terms)
        used: set[SentenceRef] = set()
        for score, whole, first, second in sorted(found, reverse=True):
            if used & {whole, first, second}:
                continue
            used |= {whole, first, second}
            for half in (first, second):
                if half not in partners.get(whole, ()):
                    x, y = (whole, half) if whole < half else (half, whole)
                    out.append(Match(x, y, round(score, 4), "paraphrase"))
    return out


_NONE: frozenset[SentenceRef] = frozenset()


class _Pair(NamedTuple):
    """The matches between two related articles, as the split pass reads them.

    ``copied``: the sentences with a copy (verbatim or edited) or clear paraphrase there.
    ``partners``: the partners of each sentence through the other matches. A sentence not in
    ``copied`` has those alone; one in ``copied`` has some partner besides.
    ``matched``: per article, the positions of its sentences with any match there."""

    partners: dict[SentenceRef, set[SentenceRef]]
    copied: set[SentenceRef]
    matched: dict[int, set[int]]


def _terms(
    article: int, docs: Sequence[Doc], terms: _Terms
) -> tuple[list[SentenceRef], list[frozenset[str]]]:
    """An article's sentences with at least ``2 * _MIN_SHARED`` content terms, and each
    sentence's content terms (empty for boilerplate); kept in ``terms``."""
    found = terms.get(article)
    if found is None:
        doc = docs[article]
        found = terms[article] = (
            [
                SentenceRef(article, i)
                for i, f in enumerate(doc)
                if f is not None and len(f.content) >= 2 * _MIN_SHARED
            ],
            [frozenset(f.content) if f is not None else frozenset() for f in doc],
        )
    return found


def _runs(
    xa: int,
    ya: int,
    docs: Sequence[Doc],
    weights: Weights,
    settings: Settings,
    pair: _Pair,
    terms: _Terms,
) -> list[tuple[float, SentenceRef, SentenceRef, SentenceRef]]:
    """(score, whole, first half, second half) for sentences of ``xa`` against runs in ``ya``.

    ``pair`` is about the matches between these two articles only; ``terms`` caches each
    article's content terms per sentence.
    """
    partners, copied = pair.partners, pair.copied
    doc_y = docs[ya]
    long, terms_x = _terms(xa, docs, terms)
    # the sentences that may have been split: most of a copy's sentences are not
    wholes = [key for key in long if key not in copied]
    if not wholes:
        return []
    terms_y = _terms(ya, docs, terms)[1]
    # Runs for a sentence with no partner yet: two adjacent sentences with no partner in xa.
    partnered = pair.matched[ya]
    alone = [bool(t) and j not in partnered for j, t in enumerate(terms_y)]
    free = {j for j in range(len(doc_y) - 1) if alone[j] and alone[j + 1]}
    where: dict[str, list[int]] | None = None  # free sentences by term, built when first needed
    nothing = repeat(())
    out = []
    for whole in wholes:
        i = whole[1]
        mine = partners.get(whole, _NONE)
        if len(mine) > 2:
            continue
        if mine:  # the run must hold its partners: at most the two runs around one of them
            j0, j1 = min(r.sentence for r in mine), max(r.sentence for r in mine)
            starts = [j for j in (j1 - 1, j0) if 0 <= j < len(doc_y) - 1]
        elif free:
            if where is None:
                where = defaultdict(list)
                for j in sorted(free | {j + 1 for j in free}):
                    for term in terms_y[j]:
                        where[term].append(j)
            shared = Counter(chain.from_iterable(map(where.get, terms_x[i], nothing)))
            starts = sorted(
                j
                for j, n in shared.items()
                if n >= _MIN_SHARED and j in free and shared.get(j + 1, 0) >= _MIN_SHARED
            )
        else:
            continue
        own = terms_x[i]
        best: tuple[float, SentenceRef, SentenceRef, SentenceRef] | None = None
        for j in starts:
            if len(own & terms_y[j]) < _MIN_SHARED or len(own & terms_y[j + 1]) < _MIN_SHARED:
                continue
            first, second = SentenceRef(ya, j), SentenceRef(ya, j + 1)
            if mine - {first, second} or any(
                half in copied or partners.get(half, _NONE) - {whole} for half in (first, second)
            ):
                continue
            fx, f1, f2 = docs[xa][i], doc_y[j], doc_y[j + 1]
            assert fx is not None and f1 is not None and f2 is not None
            s = score_pair(fx, joined(f1, f2), weights, settings)
            if s.paraphrase < settings.joined_min or s.numbers <= -1.0:
                continue
            single = max(
                score_pair(fx, f1, weights, settings).paraphrase,
                score_pair(fx, f2, weights, settings).paraphrase,
            )
            if s.paraphrase > single and (best is None or s.paraphrase > best[0]):
                best = (s.paraphrase, whole, first, second)
        if best is not None:
            out.append(best)
    return out
