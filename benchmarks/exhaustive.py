"""Exhaustive scoring: every same-language sentence pair of different articles, for reference.

Two uses in the benchmark:

- **Speed baseline.** ``rapidfuzz.process.cdist`` of the normalised sentences with Indel
  similarity, ``score_cutoff`` and ``workers=-1``, over every pair (upper triangle, in row blocks):
  the cheapest exhaustive scoring there is, so the speed-up against it is not flattered.
- **Recall reference.** Which pairs :func:`corpus.score.classify` would accept if every pair were
  scored. Running :func:`corpus.score.score_pair` on hundreds of millions of pairs takes hours, so
  every measure is first computed for all pairs with vectorised code (char and word-order
  similarity with ``cdist``, the weighted content overlap with posting lists in numpy), the
  paraphrase probability is bounded from above (numbers and names agreement taken at their most
  favourable), and only the pairs that *could* be accepted are scored and classified exactly with
  the engine's own functions. The bound is checked in every run: a candidate pair the engine
  accepts but the filter rejected is counted as ``filter_misses`` (it must be 0).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from corpus.features import SentenceFeatures, Weights
from corpus.match import Doc, SentenceRef
from corpus.score import PARAPHRASE_WEIGHTS, classify, score_pair
from corpus.settings import Settings

_EPS = 1e-3  # slack on every bound: the vectorised figures are float32
_CELLS = 4_000_000  # pairs scored at once: keeps the block's arrays near 30 MB each
Pair = tuple[SentenceRef, SentenceRef]


@dataclass(slots=True)
class Reference:
    """Pairs the engine would accept under exhaustive scoring (sampled rows, or all)."""

    kinds: dict[Pair, str] = field(default_factory=dict)
    rows: int = 0  # sentences taken as rows
    sentences: int = 0  # matchable sentences in all
    pairs_seen: int = 0  # pairs the rows make with every other article's sentences
    flagged: int = 0  # pairs that passed the vectorised filter and were scored exactly
    cdist_seconds: float = 0.0  # the all-pairs rapidfuzz character scoring alone
    seconds: float = 0.0
    sampled: bool = False

    def covers(self, pair: Pair) -> bool:
        """Whether ``pair`` was looked at (one of its sentences is a row)."""
        return self._all or pair[0] in self._rowset or pair[1] in self._rowset

    _all: bool = True
    _rowset: set[SentenceRef] = field(default_factory=set)


def reference(
    docs: Sequence[Doc],
    languages: Sequence[str],
    weights: Weights,
    settings: Settings,
    sample_rows: int | None = None,
    seed: int = 7,
) -> Reference:
    """Exhaustive reference; ``sample_rows`` sentences as rows against all others, or all pairs."""
    start = time.perf_counter()
    _check_weights()
    ref = Reference()
    by_lang: dict[str, list[tuple[SentenceRef, SentenceFeatures]]] = {}
    for ai, doc in enumerate(docs):
        for si, f in enumerate(doc):
            if f is not None:
                by_lang.setdefault(languages[ai], []).append((SentenceRef(ai, si), f))
    ref.sentences = sum(len(v) for v in by_lang.values())
    rng = random.Random(seed)
    chosen: set[SentenceRef] | None = None
    if sample_rows is not None and sample_rows < ref.sentences:
        everything = [r for items in by_lang.values() for r, _ in items]
        chosen = set(rng.sample(everything, sample_rows))
        ref.sampled = True
        ref._all = False
        ref._rowset = chosen
    for items in by_lang.values():
        _language(items, chosen, weights, settings, ref)
    ref.seconds = time.perf_counter() - start
    return ref


def _check_weights() -> None:
    known = {"bias", "content", "char", "cover", "numbers", "names", "length"}
    if set(PARAPHRASE_WEIGHTS) != known:
        raise SystemExit(
            "benchmarks/exhaustive.py: corpus.score.PARAPHRASE_WEIGHTS has new measures "
            f"{sorted(set(PARAPHRASE_WEIGHTS) ^ known)}; update the bound before trusting recall"
        )


def _language(
    items: list[tuple[SentenceRef, SentenceFeatures]],
    chosen: set[SentenceRef] | None,
    weights: Weights,
    settings: Settings,
    ref: Reference,
) -> None:
    n = len(items)
    if n < 2:
        return
    refs = [r for r, _ in items]
    feats = [f for _, f in items]
    article = np.array([r.article for r in refs], dtype=np.int64)
    norms = [f.norm for f in feats]
    vocab: dict[str, int] = {}
    words = [[vocab.setdefault(w, len(vocab)) for w in f.words] for f in feats]
    nwords = np.array([len(f.words) for f in feats], dtype=np.float64)
    quotes = [[vocab.setdefault(w, len(vocab)) for w in f.quote_words] for f in feats]
    nquote = np.array([len(q) for q in quotes], dtype=np.float64)
    quoted = np.flatnonzero(nquote >= settings.quote_min_words)
    term_ids: dict[str, int] = {}
    terms = [sorted({term_ids.setdefault(t, len(term_ids)) for t in f.content}) for f in feats]
    tweight = np.zeros(len(term_ids))
    for t, k in term_ids.items():
        tweight[k] = weights(t)
    postings: list[list[int]] = [[] for _ in term_ids]
    for j, ts in enumerate(terms):
        for k in ts:
            postings[k].append(j)
    post = [np.array(p, dtype=np.int64) for p in postings]
    total_w = np.array([tweight[ts].sum() for ts in terms])

    w = PARAPHRASE_WEIGHTS
    z_threshold = math.log(settings.paraphrase_min / (1 - settings.paraphrase_min))
    z_extra = w["bias"] + abs(w["numbers"]) + abs(w["names"])

    step = max(4, _CELLS // n)
    is_row = np.zeros(n, dtype=bool)
    if chosen is None:
        blocks = [(list(range(a, min(n, a + step))), a) for a in range(0, n, step)]
    else:
        rows = [i for i, r in enumerate(refs) if r in chosen]
        is_row[rows] = True
        blocks = [(rows[a : a + step], 0) for a in range(0, len(rows), step)]
    col_index = np.arange(n)
    for rows_, lo in blocks:
        ref.rows += len(rows_)
        cols = slice(lo, n)
        t0 = time.perf_counter()
        char = cdist(
            [norms[i] for i in rows_],
            norms[lo:],
            scorer=Indel.normalized_similarity,
            dtype=np.float32,
            workers=-1,
            score_cutoff=0.3,
        )
        ref.cdist_seconds += time.perf_counter() - t0
        dist = cdist([words[i] for i in rows_], words[lo:], scorer=Indel.distance, dtype=np.int32,
                     workers=-1)  # fmt: skip
        ri = np.array(rows_)
        la, lb = nwords[ri][:, None], nwords[cols][None, :]
        lcs = (la + lb - dist) / 2
        longer = np.maximum(np.maximum(la, lb), 1)
        shorter = np.maximum(np.minimum(la, lb), 1)
        word, cover, length = lcs / longer, lcs / shorter, shorter / longer
        inter = np.zeros((len(rows_), n - lo))
        for r, i in enumerate(rows_):
            for k in terms[i]:
                p = post[k]
                p = p[p >= lo] - lo
                inter[r, p] += tweight[k]
        denom = total_w[ri][:, None] + total_w[cols][None, :]
        content = np.divide(2 * inter, denom, out=np.zeros_like(inter), where=denom > 0)
        z = (
            z_extra
            + w["content"] * content
            + w["char"] * char
            + w["cover"] * cover
            + w["length"] * length
        )
        possible = (
            (z >= z_threshold - _EPS)
            | ((char >= settings.verbatim_min - _EPS) & (word >= 0.9 - _EPS))
            | ((word >= settings.edited_min - _EPS) & (cover >= settings.edited_cover_min - _EPS))
        )
        if len(quoted):
            qrows = [r for r, i in enumerate(rows_) if nquote[i] >= settings.quote_min_words]
            qcols = quoted[quoted >= lo]
            if qrows and len(qcols):
                qd = cdist([quotes[rows_[r]] for r in qrows], [quotes[j] for j in qcols],
                           scorer=Indel.distance, dtype=np.int32, workers=-1)  # fmt: skip
                qa = nquote[ri[qrows]][:, None]
                qb = nquote[qcols][None, :]
                qlcs = (qa + qb - qd) / 2
                qshare = qlcs / np.minimum(qa, qb)
                hit = (qshare >= 0.8 - _EPS) & (qlcs >= settings.quote_min_words)
                sub = possible[qrows][:, qcols - lo] | hit
                possible[np.ix_(qrows, qcols - lo)] = sub
        other = article[ri][:, None] != article[cols][None, :]
        if chosen is None:
            other &= col_index[cols][None, :] > ri[:, None]
        else:  # a pair of two rows is looked at once, from its first row
            other &= ~(is_row[cols][None, :] & (col_index[cols][None, :] < ri[:, None]))
        ref.pairs_seen += int(other.sum())
        rr, cc = np.nonzero(possible & other)
        for r, c in zip(rr.tolist(), cc.tolist(), strict=True):
            i, j = rows_[r], lo + c
            a, b = (refs[i], refs[j]) if refs[i] < refs[j] else (refs[j], refs[i])
            if (a, b) in ref.kinds:
                continue
            ref.flagged += 1
            fa, fb = feats[i], feats[j]
            if refs[i] > refs[j]:
                fa, fb = fb, fa
            s = score_pair(fa, fb, weights, settings)
            kind = classify(fa, fb, s, settings)
            if kind is not None:
                ref.kinds[(a, b)] = kind


def filter_misses(accepted: dict[Pair, str], ref: Reference) -> int:
    """Pairs the engine accepted (in rows the reference covered) that the reference lacks."""
    return sum(1 for p in accepted if ref.covers(p) and p not in ref.kinds)
