"""Which sentence pairs are worth scoring: an inverted index of rare content stems."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from corpus.features import Weights
from corpus.match import Doc, SentenceRef


def candidate_pairs(
    docs: Sequence[Doc], languages: Sequence[str], weights: Weights
) -> list[tuple[SentenceRef, SentenceRef]]:
    """Same-language sentence pairs of different articles that share enough rare content.

    Terms in more than a tenth of all sentences (and at least 50) are too common to propose a
    pair; identical sentences are always proposed.
    """
    postings: dict[str, list[SentenceRef]] = defaultdict(list)
    exact: dict[tuple[str, str], list[SentenceRef]] = defaultdict(list)
    for ai, doc in enumerate(docs):
        for si, f in enumerate(doc):
            if f is None:
                continue
            ref = SentenceRef(ai, si)
            exact[(languages[ai], f.norm)].append(ref)
            for term in set(f.content):
                postings[f"{languages[ai]}:{term}"].append(ref)
    cap = max(50, weights.n // 10)
    shared: dict[tuple[SentenceRef, SentenceRef], int] = defaultdict(int)
    for refs in postings.values():
        if len(refs) > cap or len(refs) < 2:
            continue
        for i, ra in enumerate(refs):
            for rb in refs[i + 1 :]:
                if ra.article != rb.article:
                    shared[(ra, rb) if ra < rb else (rb, ra)] += 1
    pairs = set()
    for (ra, rb), count in shared.items():
        fa, fb = docs[ra.article][ra.sentence], docs[rb.article][rb.sentence]
        assert fa is not None and fb is not None
        if count >= 2 or min(len(set(fa.content)), len(set(fb.content))) <= 2:
            pairs.add((ra, rb))
    for refs in exact.values():
        for i, ra in enumerate(refs):
            for rb in refs[i + 1 :]:
                if ra.article != rb.article:
                    pairs.add((ra, rb) if ra < rb else (rb, ra))
    return sorted(pairs)
