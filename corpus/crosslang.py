"""Aligning sentences of two articles in different languages, on anchors both keep.

A translation keeps numbers, names and many cognates ("energía"/"energy", "turbinas"/"turbines")
and mostly keeps the order of its source. Each sentence's anchors are its numbers, its names and
the first five letters of its longer content words (accents stripped); pairs are scored by a
rarity-weighted Dice overlap of anchors and aligned in order by dynamic programming. These
matches are always ``paraphrase``: the words themselves cannot be compared.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from corpus.features import SentenceFeatures
from corpus.lexicon import STOPWORDS
from corpus.match import Doc, Match, SentenceRef
from corpus.normalize import strip_accents
from corpus.settings import Settings

_PREFIX = 5


def anchors(f: SentenceFeatures) -> frozenset[str]:
    """Language-neutral keys of a sentence: numbers, names, cognate prefixes."""
    stop = STOPWORDS.get(f.language, STOPWORDS["en"])
    keys = {f"#{n}" for n in f.numbers} | {f"@{n}" for n in f.names}
    for w in f.words:
        if len(w) >= 6 and w not in stop and not w[0].isdigit():
            keys.add(strip_accents(w)[:_PREFIX])
    return frozenset(keys)


def anchor_score(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """Rarity-weighted Dice overlap of two anchor sets, 0..1."""
    total = sum(weight[k] for k in a) + sum(weight[k] for k in b)
    if total <= 0.0:
        return 0.0
    return 2.0 * sum(weight[k] for k in a & b) / total


def doc_anchors(doc: Doc) -> list[frozenset[str]]:
    """Each sentence's anchors (empty for boilerplate)."""
    return [anchors(f) if f is not None else frozenset() for f in doc]


def align_pair(
    doc_a: Doc,
    doc_b: Doc,
    settings: Settings,
    keys_a: list[frozenset[str]] | None = None,
    keys_b: list[frozenset[str]] | None = None,
) -> list[tuple[int, int, float]]:
    """(sentence in a, sentence in b, score) of an in-order alignment of two articles.

    Pairs scoring ``crosslang_min`` anchor the alignment; where at least three do, a weaker
    pair on the in-order path is kept too when its neighbours on the path are at most two
    sentences away on both sides (a translation goes sentence by sentence). ``keys_a`` and
    ``keys_b`` are the articles' :func:`doc_anchors`, when already known.
    """
    ka = doc_anchors(doc_a) if keys_a is None else keys_a
    kb = doc_anchors(doc_b) if keys_b is None else keys_b
    # Only anchors the other article has at all can be evidence: a German noun is capitalised
    # like a name, and words of one language alone would only dilute the overlap.
    in_a = frozenset().union(*ka)
    in_b = frozenset().union(*kb)
    if not in_a & in_b:
        return []  # nothing shared: every pair scores 0
    ka = [frozenset(x for x in k if x[0] != "@" or x in in_b) for k in ka]
    kb = [frozenset(x for x in k if x[0] != "@" or x in in_a) for k in kb]
    df: Counter[str] = Counter()
    for keys in (*ka, *kb):
        df.update(keys)
    n = len(ka) + len(kb)
    weight = {k: math.log(1.0 + n / c) for k, c in df.items()}
    floor = settings.crosslang_min * 0.2
    where: dict[str, list[int]] = {}
    for j, keys_y in enumerate(kb):
        for key in keys_y:
            where.setdefault(key, []).append(j)
    sim = [[0.0] * len(kb) for _ in ka]  # pairs sharing no anchor score 0
    top = 0.0
    for i, keys_x in enumerate(ka):
        for j in {j for key in keys_x for j in where.get(key, ())}:
            sim[i][j] = anchor_score(keys_x, kb[j], weight)
            top = max(top, sim[i][j])
    if top < settings.crosslang_min:
        return []  # no pair anchors an alignment: only such pairs are ever kept
    rows, cols = len(ka), len(kb)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            s = sim[i - 1][j - 1]
            take = best[i - 1][j - 1] + s if s >= floor else -1.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], take)
    path: list[tuple[int, int, float]] = []
    i, j = rows, cols
    while i > 0 and j > 0:
        s = sim[i - 1][j - 1]
        if s >= floor and best[i][j] == best[i - 1][j - 1] + s:
            path.append((i - 1, j - 1, s))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    path.reverse()
    strong = [k for k, (_, _, s) in enumerate(path) if s >= settings.crosslang_min]
    if len(strong) < 3:
        return [p for p in path if p[2] >= settings.crosslang_min]
    kept = []
    for k, (x, y, s) in enumerate(path):
        before = path[k - 1] if k > 0 else (-1, -1, 1.0)
        after = path[k + 1] if k + 1 < len(path) else (rows, cols, 1.0)
        close = (
            x - before[0] <= 2 and y - before[1] <= 2 and after[0] - x <= 2 and after[1] - y <= 2
        )
        if s >= settings.crosslang_min or close:
            kept.append((x, y, s))
    return kept


def align_languages(
    docs: Sequence[Doc],
    languages: Sequence[str],
    settings: Settings,
    pairs: Iterable[tuple[int, int]] | None = None,
) -> list[Match]:
    """Paraphrase matches between article pairs whose languages differ: every such pair, or
    the (a, b) ``pairs`` given (a < b, see :func:`corpus.candidates.language_pairs`)."""
    if pairs is None:
        pairs = (
            (ai, bi)
            for ai in range(len(docs))
            for bi in range(ai + 1, len(docs))
            if languages[ai] != languages[bi]
        )
    keys: dict[int, list[frozenset[str]]] = {}
    out = []
    for ai, bi in pairs:
        ka = keys.get(ai) or keys.setdefault(ai, doc_anchors(docs[ai]))
        kb = keys.get(bi) or keys.setdefault(bi, doc_anchors(docs[bi]))
        for x, y, s in align_pair(docs[ai], docs[bi], settings, ka, kb):
            out.append(Match(SentenceRef(ai, x), SentenceRef(bi, y), round(s, 4), "paraphrase"))
    return out
