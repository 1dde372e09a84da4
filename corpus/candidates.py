"""Which sentence pairs are worth scoring: inverted indexes, so work grows with real overlap.

Copies are scored once. Sentences are first folded into their *distinct* feature sets (a wire
sentence printed by forty outlets is one entry), and pairs are proposed between distinct
sentences of the same language, then expanded to every pair of their copies in different
articles. A pair is proposed when the two sentences

- read the same once normalised (identical copies always are);
- share a word 3-gram (shingle) — what verbatim and edited copies, and most rewrites, keep;
- or share two content stems (one, where a sentence has at most two).

Evidence too common to say anything is ignored, as passim does: a unit (shingle or stem) found in
more sentences than a cap proposes nothing. Stems also have the old fixed cap (a tenth of all
sentences, at least 50); beyond that, both kinds of unit are taken from the rarest up while the
pairs they would propose stay within a budget that grows linearly with the number of distinct
sentences — stock phrases ("said in a statement") and a story's ubiquitous names go first. Small
stories never reach the budget, so there every pair sharing two stems is scored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations, repeat
from operator import add

from corpus.features import SentenceFeatures
from corpus.forked import Forked
from corpus.match import Doc, SentenceRef

SHINGLE = 3
"""Words per shingle."""
BUDGET_BASE = 400_000
BUDGET_PER_SENTENCE = 12
"""Pairs each kind of unit may propose: ``BUDGET_BASE + BUDGET_PER_SENTENCE * distinct``."""
ALIGN_ALL_UP_TO = 5_000
"""Article pairs in different languages aligned without looking for evidence first."""
SHARED_KEYS = 3
"""Numbers and names two articles in different languages must share to be aligned, at scale."""
STEMS_AT_SCALE = 3
"""Shared stems that propose a pair once the budget binds (two in smaller stories)."""


@dataclass(frozen=True, slots=True)
class Candidates:
    """Distinct sentences and the pairs of them worth scoring.

    ``features[k]`` is distinct sentence ``k`` (one entry for all its copies); ``pairs`` are the
    proposed (k, l) with k <= l, sorted ((k, k): copies of one sentence in different articles).
    ``caps`` records the document-frequency caps used, per kind of unit and language
    (``"stem:en"``, ``"shingle:en"``): units in more distinct sentences proposed nothing.
    """

    features: list[SentenceFeatures]
    pairs: list[tuple[int, int]]
    caps: dict[str, int]
    members: list[list[int]]  # distinct id -> global sentence numbers, ascending
    refs: list[SentenceRef]  # global sentence number -> reference

    def expand(
        self, keys: Iterable[tuple[int, int]]
    ) -> list[tuple[SentenceRef, SentenceRef, tuple[int, int]]]:
        """Every pair of copies of the given distinct pairs across articles, sorted by sentence.

        Each item is (a, b, key) with a < b; ``key`` is (distinct id of a, distinct id of b).
        """
        refs, members = self.refs, self.members
        found: list[tuple[int, int, int, int]] = []
        for x, y in keys:
            if x == y:
                for ga, gb in combinations(members[x], 2):
                    if refs[ga].article != refs[gb].article:
                        found.append((ga, gb, x, x))
                continue
            for ga in members[x]:
                art = refs[ga].article
                for gb in members[y]:
                    if refs[gb].article != art:
                        found.append((ga, gb, x, y) if ga < gb else (gb, ga, y, x))
        found.sort()
        return [(refs[ga], refs[gb], (ka, kb)) for ga, gb, ka, kb in found]


PARALLEL_FROM_SENTENCES = 5_000
"""Distinct sentences from which a forked process finds the pairs sharing stems while this one
finds those sharing shingles (fewer: forking would cost more than it saves)."""


def candidate_pairs(
    docs: Sequence[Doc],
    languages: Sequence[str],
    parallel: bool = False,
    meanwhile: Callable[[], None] | None = None,
) -> Candidates:
    """Same-language sentence pairs of different articles that share enough specific content.

    ``parallel``: this process may fork (:mod:`corpus.forked`); the pairs are the same.
    ``meanwhile`` is called once, after this process's share of the search and while the
    forked process, if there is one, finishes its own."""
    ids: dict[SentenceFeatures, int] = {}
    features: list[SentenceFeatures] = []
    members: list[list[int]] = []
    refs: list[SentenceRef] = []
    lang_of: list[str] = []
    by_object: dict[int, int] = {}  # copies mostly share one features object: no hashing
    for ai, doc in enumerate(docs):
        for si, f in enumerate(doc):
            if f is None:
                continue
            key = by_object.get(id(f))
            if key is None:
                key = ids.get(f)
                if key is None:
                    key = ids[f] = len(features)
                    features.append(f)
                    members.append([])
                    lang_of.append(languages[ai])
                by_object[id(f)] = key
            members[key].append(len(refs))
            refs.append(SentenceRef(ai, si))
    by_lang: dict[str, list[int]] = defaultdict(list)
    for k, lang in enumerate(lang_of):
        by_lang[lang].append(k)
    old_cap = max(50, len(refs) // 10)  # a tenth of the sentences with features
    budget = BUDGET_BASE + BUDGET_PER_SENTENCE * len(features)
    proposed: set[tuple[int, int]] = {(k, k) for k in range(len(features)) if len(members[k]) > 1}

    def by_stems() -> tuple[dict[str, int], set[tuple[int, int]]]:
        found: set[tuple[int, int]] = set()
        caps = {
            lang: _stems(group, features, members, old_cap, budget, found)
            for lang, group in by_lang.items()
        }
        return caps, found

    forking = parallel and len(features) >= PARALLEL_FROM_SENTENCES
    elsewhere = Forked.start(by_stems) if forking else None
    shingle_caps: dict[str, int] = {}
    for lang, group in by_lang.items():
        _same_text(group, features, proposed)
        shingle_caps[lang] = _shingles(group, features, budget, proposed)
    if meanwhile is not None:
        meanwhile()  # while the forked process finishes, if there is one
    stem_caps, by_stem = by_stems() if elsewhere is None else elsewhere.get()
    proposed |= by_stem
    del by_stem
    caps: dict[str, int] = {}
    for lang in by_lang:
        caps[f"shingle:{lang}"] = shingle_caps[lang]
        caps[f"stem:{lang}"] = stem_caps[lang]
    # A pair of sentences that only ever appear together in one article can never be a match.
    only: list[int | None] = []
    for group in members:
        arts = {refs[g].article for g in group}
        only.append(next(iter(arts)) if len(arts) == 1 else None)
    # sorted as one number per pair (x * n + y keeps (x, y)'s order): ints sort several times
    # faster than tuples, and a big story has millions of pairs
    n = len(features)
    useful = [x * n + y for x, y in proposed if only[x] is None or only[x] != only[y]]
    del proposed
    useful.sort()
    return Candidates(features, list(map(divmod, useful, repeat(n))), caps, members, refs)


def _same_text(
    group: list[int], features: list[SentenceFeatures], out: set[tuple[int, int]]
) -> None:
    by_norm: dict[str, list[int]] = defaultdict(list)
    for k in group:
        by_norm[features[k].norm].append(k)
    for ks in by_norm.values():
        out.update(combinations(ks, 2))


def _within_budget(postings: dict[object, list[int]], budget: int, hard_cap: int) -> int:
    """The largest document frequency whose units, rarest first, propose at most ``budget``
    pairs (and never above ``hard_cap``)."""
    return _cap_within_budget(
        Counter(len(p) for p in postings.values() if len(p) >= 2), budget, hard_cap
    )


def _cap_within_budget(work: Counter[int], budget: int, hard_cap: int) -> int:
    """:func:`_within_budget` from how many units (values) have each document frequency
    (keys, at least 2)."""
    cap, spent = 1, 0
    for df in sorted(work):
        if df > hard_cap:
            break
        spent += work[df] * df * (df - 1) // 2
        if spent > budget:
            break
        cap = df
    return cap


def _shingles(
    group: list[int], features: list[SentenceFeatures], budget: int, out: set[tuple[int, int]]
) -> int:
    # Most shingles are in one sentence only. A first pass counts the sentences of each
    # shingle's hash (an int: half a tuple's memory, and nothing else is kept), and only
    # shingles whose hash came twice are listed exactly in a second: a hash two shingles share
    # lists both, which the exact lists then tell apart (the same pairs, always). At 10,000
    # articles this takes half the memory of counting the shingles themselves in one pass.
    seen: Counter[int] = Counter()
    for k in group:
        seen.update(set(map(hash, _shingles_of(features[k].words))))
    again = {h for h, n in seen.items() if n >= 2}
    del seen
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k in group:
        for shingle in set(_shingles_of(features[k].words)):
            if hash(shingle) in again:
                postings[shingle].append(k)
    del again
    counts = Counter(n for n in map(len, postings.values()) if n >= 2)
    cap = _cap_within_budget(counts, budget, len(group))
    for ks in postings.values():
        if 2 <= len(ks) <= cap:
            out.update(combinations(ks, 2))
    return cap


def _shingles_of(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The sentence's runs of ``SHINGLE`` consecutive words (none if it is shorter)."""
    return zip(*(words[i:] for i in range(SHINGLE)), strict=False)


def _stems(
    group: list[int],
    features: list[SentenceFeatures],
    members: list[list[int]],
    old_cap: int,
    budget: int,
    out: set[tuple[int, int]],
) -> int:
    postings: dict[object, list[int]] = defaultdict(list)
    few: set[int] = set()  # sentences with at most two stems
    for k in group:
        terms = set(features[k].content)
        if len(terms) <= 2:
            few.add(k)
        for term in terms:
            postings[term].append(k)
    # the old cap counts every copy; the budget counts distinct sentences
    copies = members.__getitem__
    postings = {t: ks for t, ks in postings.items() if sum(map(len, map(copies, ks))) <= old_cap}
    cap = _within_budget(postings, budget, len(group))
    n = len(features)
    shared: Counter[int] = Counter()  # stems each pair (x, y) shares, by x * n + y: at scale
    for ks in postings.values():  # millions of pairs, and an int is half a tuple's memory
        if 2 <= len(ks) <= cap:
            for i in range(len(ks) - 1):
                shared.update(map(add, repeat(ks[i] * n), ks[i + 1 :]))
    # where the budget had to drop stems the old cap let through, one more shared stem is asked
    need = 2 if all(len(ks) <= cap for ks in postings.values()) else STEMS_AT_SCALE
    for code, count in shared.items():
        x, y = divmod(code, n)
        if count >= need or x in few or y in few:
            out.add((x, y))
    return cap


def language_pairs(
    docs: Sequence[Doc], languages: Sequence[str], limit: int = ALIGN_ALL_UP_TO
) -> list[tuple[int, int]] | None:
    """Article pairs in different languages worth aligning, or None for all of them.

    Up to ``limit`` such pairs all are aligned. Beyond that, a pair must share at least
    ``SHARED_KEYS`` of the numbers and names its sentences give (a translation keeps them),
    each found in few enough articles (rarest first, within the budget) to be evidence.
    """
    sizes = Counter(languages)
    crossing = (sum(sizes.values()) ** 2 - sum(n * n for n in sizes.values())) // 2
    if crossing <= limit:
        return None
    postings: dict[object, list[int]] = defaultdict(list)
    for ai, doc in enumerate(docs):
        keys = {f"#{n}" for f in doc if f is not None for n in f.numbers}
        keys |= {f"@{n}" for f in doc if f is not None for n in f.names}
        for key in keys:
            postings[key].append(ai)
    cap = _within_budget(postings, BUDGET_BASE + BUDGET_PER_SENTENCE * len(docs), len(docs))
    shared: Counter[tuple[int, int]] = Counter()
    for arts in postings.values():
        if 2 <= len(arts) <= cap:
            shared.update((a, b) for a, b in combinations(arts, 2) if languages[a] != languages[b])
    return sorted(pair for pair, count in shared.items() if count >= SHARED_KEYS)
