"""Stock text: sentences many articles share that are no evidence of copying.

Three kinds, marked boilerplate before matching (so they are never matched):

- an outlet's furniture: a sentence repeated across three or more articles of one outlet;
- a common phrase: a short sentence (≤ 12 words) in more than ``boilerplate_share`` of all
  articles (and at least ``boilerplate_min_articles``);
- a stray phrase: a short sentence, not a quotation and without figures, in at least
  ``stray_min_articles`` articles,
  most of which share neither the sentence before it nor the one after. Copied text travels with
  its context; "The company did not respond to a request for comment." turns up alone, in
  stories that have nothing else in common (at scale, hundreds of them: matching it would link
  every pair).

A sentence an article repeats (a pull quote, a pasted block) counts once: its later copies say
nothing new, and would make the matches of two such articles grow with the square of the repeats.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

from corpus.article import Article
from corpus.features import SentenceFeatures
from corpus.sentence import Sentence
from corpus.settings import Settings

_SHORT = 12  # words: longer sentences are specific enough to be evidence wherever they are
_QUOTED = 0.5  # share of a sentence's words inside quotation marks that makes it a quotation

_Doc = list[SentenceFeatures | None]  # an article's features, None where never matched


def mark_stock_text(
    arts: Sequence[Article],
    sentences: list[tuple[Sentence, ...]],
    docs: list[_Doc],
    languages: Sequence[str],
    settings: Settings,
) -> None:
    """Mark stock text as boilerplate, in place: its features become None in ``docs`` and its
    sentences are replaced by boilerplate ones in ``sentences``."""
    holders: Counter[str] = Counter()  # articles holding each sentence (language:norm)
    in_outlet: Counter[tuple[str, str]] = Counter()  # ... and those of one outlet
    for k, doc in enumerate(docs):
        keys = {f"{languages[k]}:{f.norm}" for f in doc if f is not None}
        holders.update(keys)
        outlet = arts[k].outlet
        if outlet:
            in_outlet.update((key, outlet) for key in keys)
    stray, frames = _stray(docs, languages, settings)
    per_outlet = Counter(a.outlet for a in arts if a.outlet)
    limit = max(settings.boilerplate_min_articles, settings.boilerplate_share * len(arts))
    for k, doc in enumerate(docs):
        marked: set[int] = set()
        seen: set[str] = set()
        outlet = arts[k].outlet or ""
        furnished = bool(outlet) and per_outlet[outlet] >= 3
        for si, f in enumerate(doc):
            if f is None:
                continue
            if f.norm in seen:
                doc[si] = None
                marked.add(si)
                continue
            seen.add(f.norm)
            key = f"{languages[k]}:{f.norm}"
            if (
                (furnished and in_outlet[(key, outlet)] >= 3)
                or (len(f.words) <= _SHORT and holders[key] > limit)
                or frames[k][si] in stray
            ):
                doc[si] = None
                marked.add(si)
        if marked:
            sentences[k] = tuple(
                dataclasses.replace(s, boilerplate=True) if s.index in marked else s
                for s in sentences[k]
            )


def _frame(f: SentenceFeatures, language: str) -> str | None:
    """What a sentence says beside its names, as a key (``language:words``), where it may be a
    stray phrase: short, not a quotation, without figures. Else None."""
    if len(f.words) > _SHORT or f.quoted_share >= _QUOTED or f.numbers:
        return None
    if not f.names:
        return f"{language}:{f.norm}"
    return f"{language}:" + " ".join(w for w in f.words if w not in f.names)


def _stray(
    docs: Sequence[_Doc], languages: Sequence[str], settings: Settings
) -> tuple[set[str | None], list[list[str | None]]]:
    """The frames of each article's sentences, and (first) the stray ones.

    Stray frames (see :func:`_frame`) are those in at least ``stray_min_articles`` articles,
    fewer than half of which share a neighbour of it with another of them (the sentence just
    before it, or just after, in the same words). "Read more from the Ledger every morning."
    and "Read more from the Courier every morning." are one frame: an outlet's name does not
    make it evidence."""
    frames: list[list[str | None]] = []
    holders: Counter[str] = Counter()
    for k, doc in enumerate(docs):
        mine = [None if f is None else _frame(f, languages[k]) for f in doc]
        frames.append(mine)
        holders.update({key for key in mine if key is not None})
    least = settings.stray_min_articles
    asked = {key for key, n in holders.items() if n >= least}
    if not asked:
        return set(), frames
    before: dict[str, Counter[str]] = defaultdict(Counter)
    after: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[str, list[tuple[str | None, str | None]]] = defaultdict(list)
    for doc, mine in zip(docs, frames, strict=True):
        firsts: set[str] = set()
        for si, key in enumerate(mine):
            if key is None or key not in asked or key in firsts:
                continue
            firsts.add(key)  # an article's first sentence of that frame only
            prev = doc[si - 1] if si > 0 else None
            nxt = doc[si + 1] if si + 1 < len(doc) else None
            pair = (prev.norm if prev else None, nxt.norm if nxt else None)
            seen[key].append(pair)
            if pair[0] is not None:
                before[key][pair[0]] += 1
            if pair[1] is not None:
                after[key][pair[1]] += 1
    out: set[str | None] = set()
    for key in asked:
        pairs = seen[key]
        kept = sum(
            1
            for prev, nxt in pairs
            if (prev is not None and before[key][prev] > 1)
            or (nxt is not None and after[key][nxt] > 1)
        )
        if 2 * kept < len(pairs):
            out.add(key)
    return out, frames
