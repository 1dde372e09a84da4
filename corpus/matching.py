"""Finding matched sentence pairs across articles.

Candidates first (:mod:`corpus.candidates`, so work grows with real overlap), then every candidate
pair is measured (:mod:`corpus.score`) and classified. Sentences in different languages are
aligned on anchors (numbers, names, cognates) instead (:mod:`corpus.crosslang`).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Container, Sequence, Set
from itertools import chain, combinations, compress
from operator import not_
from typing import NamedTuple, cast

from corpus.candidates import Candidates, candidate_pairs, language_pairs
from corpus.crosslang import align_languages
from corpus.features import Weights, story_weights
from corpus.forked import Forked, in_turns
from corpus.gaps import fill_gaps
from corpus.match import MATCH_A, MATCH_B, MATCH_QUOTED, REF_ARTICLE, Doc, Match, SentenceRef
from corpus.score import PairScore, Scorer, classify
from corpus.settings import Settings
from corpus.split import split_matches


def find_matches(
    docs: Sequence[Doc],
    languages: Sequence[str],
    settings: Settings,
    progress: Callable[[str, int, int], None] | None = None,
    align: Callable[[], Forked[list[Match]] | None] | None = None,
    parallel: bool = False,
) -> list[Match]:
    """All matched pairs between different articles, each unordered pair once.

    ``progress(stage, done, total)`` hears of the ``index`` and ``score`` stages. ``align``, if
    given, starts working out what :func:`align_languages` finds for ``language_pairs(docs,
    languages)`` in another process (see :mod:`corpus.comparison`), or says there is nothing
    to align (None). It is started once candidate pairs are scored (the candidate search and
    the scoring use the second core too, the passes after them mostly not), or before the
    candidate search in a story of more than ``ALIGN_LATER_UP_TO`` sentences, and its result
    is taken as soon as it is there, so that process ends early.
    ``parallel``: this process may fork (:mod:`corpus.forked`) to score on a second core; the
    results are the same.
    """
    report = progress or (lambda stage, done, total: None)
    report("index", 0, 1)
    sentences = sum(f is not None for doc in docs for f in doc)
    early = align is not None and sentences > ALIGN_LATER_UP_TO
    aligned = align() if align is not None and early else None
    made: list[Weights] = []

    def meanwhile() -> None:  # while the candidate search's forked process finishes
        made.append(story_weights(f for doc in docs for f in doc if f is not None))
        if aligned is not None:
            aligned.poll()

    found = candidate_pairs(docs, languages, parallel, meanwhile)
    weights = made[0]
    report("index", 1, 1)
    try:
        # a finished alignment is taken between parts: its process then ends, with its pages
        taking = aligned.poll if aligned is not None else None
        kept = _kept(found, weights, settings, report, parallel, taking)
        if align is not None and not early:
            aligned = align()  # the second core is free from here to the split pass
        elif aligned is not None:
            aligned.poll()
        scored = _copies(found, kept, weights, settings)
        del found  # each pass below lets go of what it was the last to need: at scale these are
        # hundreds of megabytes, and later passes can then reuse the memory instead of adding to it
        accepted = _accept(scored, docs, settings)
        known = _Related(accepted, docs, settings, {ref for pair in scored.weak for ref in pair})
        more = _within_related(scored.weak, known, docs, settings)
        accepted.extend(more)
        known.add(more)
        parts = _parts(scored.weak, known, docs, weights, settings)
        accepted.extend(parts)
        known.add(parts)
        if aligned is not None:
            aligned.poll()
        related = [p for p, n in known.per_pair.items() if n >= known.need(*p)]
        del scored, known
        halves = split_matches(accepted, related, docs, weights, settings, parallel)
        accepted.extend(halves)
        translated = (
            aligned.get()
            if aligned is not None
            else align_languages(docs, languages, settings, language_pairs(docs, languages))
        )
        accepted.extend(translated)
        accepted.extend(fill_gaps(translated, docs, accepted))
        accepted.extend(_through_copies(accepted, {(m.a, m.b) for m in (*parts, *halves)}))
        accepted.sort()  # by sentence pair: each pair is there once, so no later field decides
        # (comparing the matches themselves spares a key per match: 157,456 at 1,000 articles)
        return accepted
    finally:
        if aligned is not None:
            aligned.close()


ALIGN_LATER_UP_TO = 100_000
"""Sentences (with features) up to which alignment across languages is started once candidate
pairs are scored. In a bigger story it is started before the candidate search: forked later,
the process would share a bigger memory with it while both run (10,000 articles: 1.92 GB at the
peak when forked after the candidate search, against 1.88)."""

_WEAKNESS = {"verbatim": 0, "edited": 1, "paraphrase": 2, "quote": 3}
_MARGIN = 1e-9  # a pair's scores differ in the last bits with the order of its sentences


def _kept(
    found: Candidates,
    weights: Weights,
    settings: Settings,
    report: Callable[[str, int, int], None],
    parallel: bool = False,
    between: Callable[[], None] | None = None,
) -> tuple[_Results, _Results]:
    """Score and classify each distinct candidate pair once, for all its copies (see
    :func:`_keep`). With ``parallel``, a forked process takes turns with this one at parts of
    the pairs (:func:`corpus.forked.in_turns`); ``between`` is called in this process before
    each part it takes."""
    pairs = found.pairs
    total = len(pairs)
    score = Scorer(found.features, weights, settings)
    parts = _PARTS if parallel and total >= PARALLEL_FROM_PAIRS else 1
    size = -(-total // parts)
    here = os.getpid()

    def part(k: int) -> tuple[_Results, _Results]:
        start = k * size
        if os.getpid() == here:  # progress from this process only (the parts it takes rise)
            report("score", start, total)
            if between is not None:
                between()
        return _keep(found, pairs, start, min(start + size, total), score, settings)

    if parts == 1:
        kept = _keep(found, pairs, 0, total, score, settings, report)
        report("score", total, total)
        return kept
    found_parts = in_turns(parts, part)
    found_parts.reverse()
    once: _Results = {}
    flipped: _Results = {}
    while found_parts:  # in order, each part let go of once merged (at scale: large)
        more, more_flipped = found_parts.pop()
        once.update(more)
        flipped.update(more_flipped)
        del more, more_flipped
    report("score", total, total)
    return once, flipped


_PARTS = 64  # parts of the pairs the two processes take in turn: small enough to end together


def _copies(
    found: Candidates, kept: tuple[_Results, _Results], weights: Weights, settings: Settings
) -> _Scored:
    """The kept pairs (:func:`_kept`) for every copy of their sentences in different
    articles, in the order the rules read them (earlier sentence first)."""
    once, flipped = kept
    # Every pair of copies of the kept pairs across articles, by sentence: as :meth:`Candidates.
    # expand` lists them, each pair of global sentence numbers as one int (light, sorted in C).
    refs, members = found.refs, found.members
    size = len(refs)
    article = [r.article for r in refs]
    distinct = [0] * size
    for k, group in enumerate(members):
        for g in group:
            distinct[g] = k
    codes: list[int] = []
    add = codes.append
    for x, y in once:
        if x == y:
            for ga, gb in combinations(members[x], 2):
                if article[ga] != article[gb]:
                    add(ga * size + gb)
            continue
        ys = members[y]
        for ga in members[x]:
            art = article[ga]
            for gb in ys:
                if article[gb] != art:
                    add(ga * size + gb if ga < gb else gb * size + ga)
    del article
    codes.sort()
    classified: dict[_Pair, tuple[PairScore, str]] = {}
    weak: dict[_Pair, PairScore] = {}
    features = found.features
    score = Scorer(features, weights, settings)
    for code in codes:
        ga, gb = divmod(code, size)
        key = (distinct[ga], distinct[gb])
        result = once.get(key)
        if result is None:  # the copies in the other order
            result = flipped.get(key)
            if result is None:
                x, y = key
                s = score(x, y)
                result = flipped[key] = (s, classify(features[x], features[y], s, settings))
        if result[1] is None:
            weak[(refs[ga], refs[gb])] = result[0]
        else:  # the one result of all copies of a pair: one object, not one per copy
            classified[(refs[ga], refs[gb])] = cast(tuple[PairScore, str], result)
    return _Scored(classified, weak)


_Pair = tuple[SentenceRef, SentenceRef]


class _Scored(NamedTuple):
    """The kept pairs of sentences, in the order the rules read them (by sentence): those
    classified, with their kind, and the others (weak pairs, which only the rules for related
    articles and for context read: most passes need not walk past them)."""

    classified: dict[_Pair, tuple[PairScore, str]]
    weak: dict[_Pair, PairScore]


PARALLEL_FROM_PAIRS = 20_000
"""Distinct candidate pairs from which a second process helps score them (fewer: forking
would cost more than it saves)."""


def _keep(
    found: Candidates,
    pairs: Sequence[tuple[int, int]],
    start: int,
    end: int,
    score: Scorer,
    settings: Settings,
    report: Callable[[str, int, int], None] | None = None,
) -> tuple[_Results, _Results]:
    """The scores of ``pairs[start:end]`` worth keeping; and of those kept pairs (x, y) whose
    copies may also come in the other order (a copy of y before one of x), the scores of
    (y, x), which differ in the last bits: worked out here, on both cores, rather than one by
    one as :func:`_copies` lists the copies.

    Only pairs some rule below can use are kept: classified ones, and those reaching the
    weakest paraphrase threshold or ``part_min`` containment (keep this in step with the rules).
    """
    floor = min(settings.paraphrase_min, settings.context_min, settings.related_min) - _MARGIN
    part = settings.part_min - _MARGIN
    features, members = found.features, found.members
    once: _Results = {}
    flipped: _Results = {}
    every = max(1, (end - start) // 100)
    for n in range(start, end):
        if report is not None and (n - start) % every == 0:
            report("score", n - start, len(pairs))
        key = pairs[n]
        x, y = key
        s = score(x, y)
        kind = classify(features[x], features[y], s, settings)
        if kind is not None or s.paraphrase >= floor or s.contained >= part:
            once[key] = (s, kind)
            if x != y and members[y][0] < members[x][-1]:
                r = score(y, x)
                flipped[(y, x)] = (r, classify(features[y], features[x], r, settings))
    return once, flipped


_Results = dict[tuple[int, int], tuple[PairScore, str | None]]


class _Related:
    """Matches (quotes aside) per article pair, and which of the ``watched`` sentences are
    matched in which article; kept up to date as the passes below add matches.

    Only the sentences of weak pairs are ever asked about (the passes below read those alone):
    a big story has millions of matched sentences and a few thousand such."""

    def __init__(
        self,
        matches: Sequence[Match],
        docs: Sequence[Doc],
        settings: Settings,
        watched: Set[SentenceRef],
    ) -> None:
        self.per_pair: Counter[tuple[int, int]] = Counter()
        self._watched = watched
        self._taken: set[int] = set()  # (sentence, other article) as one int: light at scale
        self._n = len(docs)
        self._sizes = [sum(1 for f in doc if f is not None) for doc in docs]
        self._most = settings.related_min_matches
        self.add(matches)

    def need(self, a: int, b: int) -> int:
        """Matches two articles must share to count as related: ``related_min_matches``, or
        fewer (at least two) where the shorter article has so few sentences that a third of
        them is fewer — an aggregator's six-sentence item."""
        small = min(self._sizes[a], self._sizes[b])
        return min(self._most, max(2, -(-small // 3)))

    def related(self, a: int, b: int) -> bool:
        return self.per_pair.get((a, b), 0) >= self.need(a, b)

    def taken(self, ref: SentenceRef, other: int) -> bool:
        """Whether sentence ``ref`` (a watched one) already has a match in article ``other``."""
        assert ref in self._watched
        return (ref.sentence * self._n + ref.article) * self._n + other in self._taken

    def add(self, matches: Sequence[Match]) -> None:
        # millions of matches in a big story: their fields are read and counted in C
        a_refs, b_refs = list(map(MATCH_A, matches)), list(map(MATCH_B, matches))
        copied = map(not_, map(MATCH_QUOTED, matches))
        pairs = zip(map(REF_ARTICLE, a_refs), map(REF_ARTICLE, b_refs), strict=True)
        self.per_pair.update(compress(pairs, copied))
        watched, taken, n = self._watched, self._taken, self._n
        for mine, others in ((a_refs, b_refs), (b_refs, a_refs)):
            for k in compress(range(len(mine)), map(watched.__contains__, mine)):
                (a, sa), b = mine[k], others[k].article
                taken.add((sa * n + a) * n + b)


def _within_related(
    weak: dict[_Pair, PairScore],
    known: _Related,
    docs: Sequence[Doc],
    settings: Settings,
) -> list[Match]:
    """Weaker pairs between two articles already shown to be related.

    Where two articles share at least ``related_min_matches`` matched sentences, one is likely
    derived from the other, and a still-unmatched sentence's best partner there is likely its
    rewrite: accept it when its paraphrase score reaches ``related_min``, it is the best partner
    of both sentences, and no figure disagrees.
    """
    taken = known.taken
    best: dict[tuple[SentenceRef, int], tuple[float, SentenceRef]] = {}
    for (ra, rb), s in weak.items():
        if s.paraphrase < settings.related_min or s.numbers <= -1.0:
            continue
        if not known.related(ra.article, rb.article):
            continue
        if taken(ra, rb.article) or taken(rb, ra.article):
            continue
        for ref, other, partner in ((ra, rb.article, rb), (rb, ra.article, ra)):
            if s.paraphrase > best.get((ref, other), (0.0, ref))[0]:
                best[(ref, other)] = (s.paraphrase, partner)
    # the pairs that are the best of both their sentences, by sentence
    both = set()
    for (ref, _), (_, partner) in best.items():
        if best.get((partner, ref.article), (0.0, partner))[1] == ref:
            both.add((ref, partner) if ref < partner else (partner, ref))
    return [_make(ra, rb, weak[(ra, rb)], "paraphrase", docs) for ra, rb in sorted(both)]


def _parts(
    weak: dict[_Pair, PairScore],
    known: _Related,
    docs: Sequence[Doc],
    weights: Weights,
    settings: Settings,
) -> list[Match]:
    """Splits and merges between related articles: a sentence whose specific content is mostly
    inside one sentence of the other article is a part of it.

    Only for a sentence with no match in that article yet, with at least four content terms
    and three shared ones that are not names,
    whose best container holds ``part_min`` of its rarity-weighted content and agrees on figures.
    The container may already be matched: a merged sentence has several sources.
    """
    taken = known.taken
    best: dict[tuple[SentenceRef, int], tuple[float, SentenceRef, PairScore]] = {}
    for (ra, rb), s in weak.items():
        if s.contained < settings.part_min or s.numbers <= -1.0:
            continue
        if not known.related(ra.article, rb.article):
            continue
        fa, fb = docs[ra.article][ra.sentence], docs[rb.article][rb.sentence]
        assert fa is not None and fb is not None
        wa = sum(weights(t) for t in set(fa.content))
        wb = sum(weights(t) for t in set(fb.content))
        part, whole, f = (ra, rb, fa) if wa <= wb else (rb, ra, fb)
        other = fb if f is fa else fa
        shared = set(f.content) & set(other.content)
        plain = {t for t in shared if not any(n.startswith(t) for n in f.names | other.names)}
        if len(set(f.content)) < 4 or len(plain) < 3 or taken(part, whole.article):
            continue
        slot = (part, whole.article)
        if s.contained > best.get(slot, (0.0, whole, s))[0]:
            best[slot] = (s.contained, whole, s)
    out = []
    for (part, _), (_, whole, s) in best.items():
        a, b = (part, whole) if part < whole else (whole, part)
        out.append(_make(a, b, s, "paraphrase", docs))
    return out


def _through_copies(
    matches: list[Match], partial: Set[tuple[SentenceRef, SentenceRef]] = frozenset()
) -> list[Match]:
    """Pairs implied by copies: if X matches W and W matches C, X matches C too, with the
    weaker of the two kinds; a quote carried on by a verbatim or edited copy stays a quote,
    through a paraphrase or translation it becomes a paraphrase. One step only.

    ``partial`` pairs match only part of a sentence (a split or merge): two of them through the
    same sentence may be its two different halves, so they imply nothing about each other."""
    # Each sentence becomes a bit of an integer, numbered within its group of matched sentences
    # (a connected component), so that "the copies of W that X is not matched to yet" is one
    # C-level operation on bitmasks no longer than the group, even in a group of hundreds of
    # copies where a few pairs did not match directly (with sets that was cubic in the group).
    number: dict[SentenceRef, int] = {}
    at = number.setdefault  # a new sentence is numbered in turn (len is read before it is added)
    ends = [(at(m.a, len(number)), at(m.b, len(number))) for m in matches]
    refs = list(number)
    size = len(refs)
    parent = list(range(size))
    for i, j in ends:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        while parent[j] != j:
            parent[j] = parent[parent[j]]
            j = parent[j]
        if i != j:
            parent[i] = j
    members: dict[int, list[int]] = {}  # group root -> its sentences, by bit
    group_of: list[list[int]] = []  # each sentence's group
    bit: list[int] = []  # each sentence's bit within its group
    for i in range(size):
        r = i
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        group = members.get(r)
        if group is None:
            group = members[r] = []
        group_of.append(group)
        bit.append(len(group))
        group.append(i)
    del members, parent
    closed = [1 << b for b in bit]  # itself and every sentence matched to it
    copies = [0] * size  # the sentences matched to it, quotes aside
    kinds: dict[int, str] = {}  # the kind of each match, quotes aside, by lower * size + higher
    for m, (i, j) in zip(matches, ends, strict=True):
        closed[i] |= 1 << bit[j]
        closed[j] |= 1 << bit[i]
        if not m.quoted:
            copies[i] |= 1 << bit[j]
            copies[j] |= 1 << bit[i]
            kinds[i * size + j if i < j else j * size + i] = m.kind  # once: half the memory
    done = [0] * size  # pairs already implied, or never to be (same article)
    out: dict[tuple[SentenceRef, SentenceRef], Match] = {}
    for m, (ia, ib) in zip(matches, ends, strict=True):
        half: bool | None = None
        for xi, wi in ((ia, ib), (ib, ia)):
            new = copies[wi] & ~closed[xi] & ~done[xi]
            if not new:
                continue
            x, w = refs[xi], refs[wi]
            if half is None:
                half = (m.a, m.b) in partial
            group = group_of[wi]
            while new:
                low = new & -new
                new ^= low
                ci = group[low.bit_length() - 1]
                c = refs[ci]
                if c.article == x.article:
                    done[xi] |= low
                    continue
                if half and ((w, c) if w < c else (c, w)) in partial:
                    continue
                done[xi] |= low
                done[ci] |= 1 << bit[xi]
                link = kinds[wi * size + ci if wi < ci else ci * size + wi]
                a, b = (x, c) if x < c else (c, x)
                quoted = m.quoted and link in ("verbatim", "edited")
                kind = max(m.kind, link, key=_WEAKNESS.__getitem__)
                if kind == "quote" and not quoted:
                    kind = "paraphrase"
                out[(a, b)] = Match(a, b, m.score, kind, quoted)
    return list(out.values())


def _accept(scored: _Scored, docs: Sequence[Doc], settings: Settings) -> list[Match]:
    """Keep the classified pairs; a paraphrase must be the best partner of one of its sentences.

    A weaker pair (paraphrase score at least ``context_min``) is kept when matched pairs sit
    right before and right after it in both articles.
    """
    classified, weak = scored
    best: dict[tuple[SentenceRef, int], float] = {}  # only where a paraphrase asks
    for (ra, rb), (_, kind) in classified.items():
        if kind == "paraphrase":
            best[(ra, rb.article)] = best[(rb, ra.article)] = 0.0
    if best:
        every = chain(((pair, s) for pair, (s, _) in classified.items()), weak.items())
        for (ra, rb), s in every:
            p = s.paraphrase
            key = (ra, rb.article)
            if key in best and p > best[key]:
                best[key] = p
            key = (rb, ra.article)
            if key in best and p > best[key]:
                best[key] = p
    dropped: set[_Pair] = set()  # the classified pairs not kept: a few weak paraphrases
    out: list[Match] = []
    # The copies of a pair share one result (see _copies) and what _make reads (equal sentences
    # share their features): its score and whether it is quoted are worked out once.
    made: dict[int, tuple[float, bool]] = {}
    for pair, result in classified.items():
        s, kind = result
        ra, rb = pair
        if kind == "paraphrase" and not (
            s.paraphrase >= best[(ra, rb.article)] or s.paraphrase >= best[(rb, ra.article)]
        ):
            dropped.add(pair)
            continue
        known = made.get(id(result))
        if known is None:
            m = _make(ra, rb, s, kind, docs)
            made[id(result)] = (m.score, m.quoted)
            out.append(m)
        else:
            out.append(Match(ra, rb, known[0], kind, known[1]))
    context_min = settings.context_min
    for (ra, rb), s in weak.items():
        if s.paraphrase >= context_min and _between(ra, rb, classified, dropped):
            out.append(_make(ra, rb, s, "paraphrase", docs))
    return out


def _between(
    ra: SentenceRef, rb: SentenceRef, classified: Container[_Pair], dropped: Container[_Pair]
) -> bool:
    """Matched pairs (``classified`` and not ``dropped``) within two sentences before and after,
    in the same order in both articles.

    (Plain tuples: they hash and compare like the references.)"""
    a, i = ra
    b, j = rb

    def near(step: int) -> bool:
        for da in (step, 2 * step):
            for db in (step, 2 * step):
                pair = ((a, i + da), (b, j + db))
                if pair in classified and pair not in dropped:
                    return True
        return False

    return near(-1) and near(1)


def _make(ra: SentenceRef, rb: SentenceRef, s: PairScore, kind: str, docs: Sequence[Doc]) -> Match:
    quoted = kind == "quote"
    if s.quote >= 0.8 and not quoted:  # most pairs quote nothing: no need to look further
        fa, fb = docs[ra.article][ra.sentence], docs[rb.article][rb.sentence]
        assert fa is not None and fb is not None
        quoted = min(fa.quoted_share, fb.quoted_share) >= 0.6
    if kind == "verbatim" or kind == "edited":
        score = s.char
    else:
        score = s.quote if kind == "quote" else s.paraphrase
    return Match(ra, rb, round(score, 4), kind, quoted)
