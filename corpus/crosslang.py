"""Aligning sentences of two articles in different languages, on anchors both keep.

A translation keeps numbers, names and many cognates ("energía"/"energy", "turbinas"/"turbines")
and mostly keeps the order of its source. Each sentence's anchors are its numbers, its names and
the first five letters of its longer content words (accents stripped); pairs are scored by a
rarity-weighted Dice overlap of anchors and aligned in order by dynamic programming. These
matches are always ``paraphrase``: the words themselves cannot be compared.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain

from corpus.features import SentenceFeatures
from corpus.lexicon import STOPWORDS
from corpus.match import Doc, Match, SentenceRef
from corpus.normalize import strip_accents
from corpus.settings import Settings

_PREFIX = 5


def anchors(f: SentenceFeatures) -> frozenset[str]:
    """Language-neutral keys of a sentence: numbers, names, cognate prefixes."""
    table = _PREFIXES.get(f.language)
    if table is None or len(table) >= _MAX_PREFIXES:
        table = _PREFIXES[f.language] = {}  # a long session reading many stories: stay bounded
    keys = {f"#{n}" for n in f.numbers} | {f"@{n}" for n in f.names}
    for w in f.words:
        if w in table:
            prefix = table[w]
        else:
            stop = STOPWORDS.get(f.language, STOPWORDS["en"])
            prefix = table[w] = (
                strip_accents(w)[:_PREFIX]
                if len(w) >= 6 and w not in stop and not w[0].isdigit()
                else None
            )
        if prefix is not None:
            keys.add(prefix)
    return frozenset(keys)


_MAX_PREFIXES = 400_000
_PREFIXES: dict[str, dict[str, str | None]] = {}
"""Per language: word -> its cognate prefix, or None for a word that gives none (a story
repeats its words thousands of times)."""


def anchor_score(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """Rarity-weighted Dice overlap of two anchor sets, 0..1."""
    total = sum(weight[k] for k in a) + sum(weight[k] for k in b)
    if total <= 0.0:
        return 0.0
    return 2.0 * sum(weight[k] for k in a & b) / total


def doc_anchors(doc: Doc) -> list[frozenset[str]]:
    """Each sentence's anchors (empty for boilerplate)."""
    return [anchors(f) if f is not None else frozenset() for f in doc]


_Keys = tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]
"""A sentence's anchors for :func:`_align`: in the order its :func:`anchors` set lists them,
as the set :func:`align_pair` makes when the other article has all its names (built in that
order: the same set, iterated in the same order, summing the same floats in turn), and its
names alone."""


def _keys_of(anchor_sets: Iterable[frozenset[str]]) -> tuple[list[_Keys], frozenset[str]]:
    """Each sentence's :data:`_Keys`, and all the article's anchors."""
    out: list[_Keys] = []
    for k in anchor_sets:
        order = tuple(k)
        out.append((order, frozenset(order), tuple(x for x in order if x[0] == "@")))
    return out, frozenset().union(*anchor_sets)


def align_pair(
    doc_a: Doc,
    doc_b: Doc,
    settings: Settings,
    keys_a: list[frozenset[str]] | None = None,
    keys_b: list[frozenset[str]] | None = None,
) -> list[tuple[int, int, float]]:
    """(sentence in a, sentence in b, score) of an in-order alignment of two articles.

    Pairs scoring ``crosslang_min`` anchor the alignment; where at least three on the path score
    ``crosslang_path_min`` (a translation), a weaker pair on the in-order path is kept too when
    its neighbours on the path are at most two sentences away on both sides (a translation goes
    sentence by sentence). ``keys_a`` and ``keys_b`` are the articles' :func:`doc_anchors`,
    when already known.
    """
    ka = doc_anchors(doc_a) if keys_a is None else keys_a
    kb = doc_anchors(doc_b) if keys_b is None else keys_b
    return _align(_keys_of(ka), _keys_of(kb), settings)


def _align(
    article_a: tuple[list[_Keys], frozenset[str]],
    article_b: tuple[list[_Keys], frozenset[str]],
    settings: Settings,
) -> list[tuple[int, int, float]]:
    """:func:`align_pair` of two articles' :func:`_keys_of`."""
    keys_a, in_a = article_a
    keys_b, in_b = article_b
    # Only anchors the other article has at all can be evidence: a German noun is capitalised
    # like a name, and words of one language alone would only dilute the overlap.
    if not in_a & in_b:
        return []  # nothing shared: every pair scores 0
    has_b, has_a = in_b.issuperset, in_a.issuperset
    ka = [
        full if has_b(names) else frozenset([x for x in order if x[0] != "@" or x in in_b])
        for order, full, names in keys_a
    ]
    kb = [
        full if has_a(names) else frozenset([x for x in order if x[0] != "@" or x in in_a])
        for order, full, names in keys_b
    ]
    df: Counter[str] = Counter(chain.from_iterable(ka))
    df.update(chain.from_iterable(kb))
    n = len(ka) + len(kb)
    log = math.log
    by_count = [0.0, *(log(1.0 + n / c) for c in range(1, max(df.values()) + 1))]
    weight = dict(zip(df.keys(), map(by_count.__getitem__, df.values()), strict=True))
    floor = settings.crosslang_min * 0.2
    where: defaultdict[str, list[int]] = defaultdict(list)
    for j, keys_y in enumerate(kb):
        for key in keys_y:
            where[key].append(j)
    # each sentence's own total once (summed in the order anchor_score sums it: same bits)
    of = weight.__getitem__
    total_a = [sum(map(of, keys)) for keys in ka]
    total_b = [sum(map(of, keys)) for keys in kb]
    rows, cols = len(ka), len(kb)
    sim = [[0.0] * cols for _ in ka]  # pairs sharing no anchor score 0
    takes: list[list[int]] = []  # per row, ascending: columns scoring at least ``floor``
    top = 0.0
    near_of = where.get
    for i, keys_x in enumerate(ka):
        # the weight each column shares with this row, added up from the postings of the
        # row's anchors: one pass, not a set intersection per column (the sum is
        # anchor_score's, in another order: the same but for rounding in the last bits)
        shared: dict[int, float] = {}
        get = shared.get
        for key in keys_x:
            columns = near_of(key)
            if columns is not None:
                w = weight[key]
                for j in columns:
                    shared[j] = get(j, 0.0) + w
        if not shared:
            takes.append([] if floor > 0.0 else list(range(cols)))
            continue
        near = sorted(shared)
        row = sim[i]
        own = total_a[i]
        # a column sharing an anchor shares its weight (above 0) with both totals: never 0
        scores = [2.0 * shared[j] / (own + total_b[j]) for j in near]
        for j, s in zip(near, scores, strict=True):
            row[j] = s
        high = max(scores)
        if high > top:
            top = high
        # other cells score 0, taken only if ``floor`` were 0
        if floor > 0.0:
            takes.append([j for j, s in zip(near, scores, strict=True) if s >= floor])
        else:
            takes.append(list(range(cols)))
    if top < settings.crosslang_min:
        return []  # no pair anchors an alignment: only such pairs are ever kept
    best = _best_paths(sim, takes, cols)
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
    strong = [k for k, (_, _, s) in enumerate(path) if s >= settings.crosslang_path_min]
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


def _best_paths(sim: list[list[float]], takes: list[list[int]], cols: int) -> list[list[float]]:
    """The in-order alignment table: ``best[i][j]`` is the highest total score of an in-order
    path through the first ``i`` rows and ``j`` columns taking only cells in ``takes``.

    The same values as the textbook recurrence ``max(up, left, diagonal + s)``, computed row by
    row from the few cells a row can take: a row is the one above it, raised from each taken
    cell rightwards (rows never decrease to the right, so raising stops at the first cell
    already as high). Each value is the same sum of the same floats in the same order.
    """
    best = [[0.0] * (cols + 1)]
    for i, cells in enumerate(takes):
        above = best[-1]
        if not cells:
            best.append(above)  # nothing to take: the row above, unchanged (never written to)
            continue
        row = above[:]
        scores = sim[i]
        high = -1.0
        for n, j in enumerate(cells):
            take = above[j] + scores[j]
            if take > high:
                high = take
            end = cells[n + 1] + 1 if n + 1 < len(cells) else cols + 1
            for c in range(j + 1, end):
                if row[c] >= high:
                    break
                row[c] = high
        best.append(row)
    return best


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
    keys: dict[int, tuple[list[_Keys], frozenset[str]]] = {}
    of_sentence: dict[int, frozenset[str]] = {}  # copies mostly share one features object

    def article(ai: int) -> tuple[list[_Keys], frozenset[str]]:
        found = keys.get(ai)
        if found is None:
            sets: list[frozenset[str]] = []
            for f in docs[ai]:
                if f is None:
                    sets.append(frozenset())
                    continue
                k = of_sentence.get(id(f))
                if k is None:
                    k = of_sentence[id(f)] = anchors(f)
                sets.append(k)
            found = keys[ai] = _keys_of(sets)
        return found

    # Articles that are the same sentences (copies of one text, each sentence one features
    # object) align the same: each pair of distinct texts is aligned once.
    text_of: dict[int, int] = {}
    first_with: dict[tuple[int, ...], int] = {}

    def text(ai: int) -> int:
        found = text_of.get(ai)
        if found is None:
            shape = tuple(0 if f is None else id(f) for f in docs[ai])
            found = text_of[ai] = first_with.setdefault(shape, ai)
        return found

    done: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
    out = []
    for ai, bi in pairs:
        key = (text(ai), text(bi))
        aligned = done.get(key)
        if aligned is None:
            aligned = done[key] = _align(article(key[0]), article(key[1]), settings)
        for x, y, s in aligned:
            out.append(Match(SentenceRef(ai, x), SentenceRef(bi, y), round(s, 4), "paraphrase"))
    return out
