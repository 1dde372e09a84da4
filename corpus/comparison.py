"""The whole pipeline: articles in, an immutable :class:`Comparison` out."""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import sys
import threading
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate

from corpus.article import Article
from corpus.attribution import Credit, find_credits, outlet_aliases
from corpus.candidates import language_pairs
from corpus.crosslang import align_languages
from corpus.features import (
    FeatureParts,
    SentenceFeatures,
    assemble,
    feature_parts,
    sentence_features,
    stemmer_for,
)
from corpus.forked import Forked, roomy
from corpus.language import detect_language
from corpus.match import MATCH_A, MATCH_B, REF_ARTICLE, Doc, Match, SentenceRef
from corpus.matching import find_matches
from corpus.passage import Cluster, Passage, build_clusters, build_passages, rekind, relabelled
from corpus.quote import quoted_spans
from corpus.relation import PairStats, Provenance, pair_stats, relate, root_of
from corpus.segment import segment_quoted, sentence_rows
from corpus.sentence import Sentence
from corpus.settings import Settings
from corpus.stock import mark_stock_text

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``, at most about a hundred times a stage.

Stages in order: ``segment`` (articles), ``index`` (1 step), ``score`` (distinct sentence
pairs), ``relate`` (article pairs sharing matches, credits looked for in each).
"""

_ASCII_FOLDS = str.maketrans({"\u212a": "k", "\u017f": "s", "\u0131": "i", "\u0130": "i"})
"""Characters ``re.IGNORECASE`` matches to ASCII letters that ``str.lower`` leaves alone."""
_FOLDED_TO_ASCII = "\u212a\u017f\u0131\u0130"
_MIN_WORDS = 3  # shorter sentences ("He declined.") say too little to be matched


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything briefread knows about a story. Article positions index every tuple here."""

    articles: tuple[Article, ...]
    sentences: tuple[tuple[Sentence, ...], ...]
    matches: tuple[Match, ...]
    passages: tuple[Passage, ...]
    clusters: tuple[Cluster, ...]
    provenance: Provenance
    settings: Settings
    _by_ref: dict[SentenceRef, list[int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _matched: set[SentenceRef] | None = field(default=None, init=False, repr=False, compare=False)

    def _matches_of(self) -> dict[SentenceRef, list[int]]:
        """Sentence -> positions of its matches in ``matches``, built on first use."""
        if self._by_ref is None:
            index: dict[SentenceRef, list[int]] = defaultdict(list)
            for i, m in enumerate(self.matches):
                index[m.a].append(i)
                index[m.b].append(i)
            object.__setattr__(self, "_by_ref", dict(index))
        assert self._by_ref is not None
        return self._by_ref

    def _matched_sentences(self) -> set[SentenceRef]:
        """The sentences with a match, built on first use (in C: a summary asks only this)."""
        if self._matched is None:
            matched = set(map(MATCH_A, self.matches))
            matched.update(map(MATCH_B, self.matches))
            object.__setattr__(self, "_matched", matched)
        assert self._matched is not None
        return self._matched

    def sentence(self, ref: SentenceRef) -> Sentence:
        """The sentence a reference points at."""
        return self.sentences[ref.article][ref.sentence]

    def shared_share(self, article: int) -> float:
        """Share (0..1) of the article's characters, boilerplate excluded, found in others."""
        matched = self._matched_sentences()
        total = done = 0
        for s in self.sentences[article]:
            if s.boilerplate:
                continue
            total += s.end - s.start
            if (article, s.index) in matched:  # a reference is a tuple: equal, same hash
                done += s.end - s.start
        return done / total if total else 0.0

    def counterparts(self, ref: SentenceRef) -> list[tuple[SentenceRef, Match]]:
        """The sentences matched to ``ref``, in article then sentence order."""
        out = []
        for i in self._matches_of().get(ref, ()):
            m = self.matches[i]
            if m.a == ref:
                out.append((m.b, m))
            elif m.b == ref:
                out.append((m.a, m))
        return sorted(out, key=lambda rm: rm[0])


def compare(
    articles: Sequence[Article], settings: Settings | None = None, progress: Progress | None = None
) -> Comparison:
    """Segment, match, relate. ``articles`` keep their order; a missing language is detected.

    Python's cyclic garbage collector is paused meanwhile: the pipeline makes millions of small
    objects and no cycles, and each collection would walk all of them again.
    """
    with collection_paused():
        return _compare(articles, settings, progress)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused meanwhile (where it ran): for work that makes
    millions of small objects and no cycles, which each collection would walk again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _compare(
    articles: Sequence[Article], settings: Settings | None, progress: Progress | None
) -> Comparison:
    settings = settings or Settings()
    report = progress or (lambda stage, done, total: None)
    arts = tuple(
        a if a.language else dataclasses.replace(a, language=detect_language(a.text))
        for a in articles
    )
    languages = [(a.language or "en")[:2].lower() for a in arts]
    sentences, docs = _read(arts, languages, report)
    mark_stock_text(arts, sentences, docs, languages, settings)
    parallel = _may_fork_now(arts)
    ahead = partial(_align_ahead, arts, docs, languages, settings) if parallel else None
    found = find_matches(docs, languages, settings, report, ahead, parallel)
    sizes = [sum(1 for f in doc if f is not None) for doc in docs]
    del docs  # the features of every sentence: not needed from here on, and a big story's
    # largest structure after its matches
    report("relate", 0, 1)
    pairs = _article_pairs(found)
    if parallel and len(found) >= PARALLEL_FROM_MATCHES and roomy():
        # credits (reading texts) and what each article pair shares, in a forked process,
        # while this one groups matches into passages and clusters (labels aside, the same)
        elsewhere = Forked.start(partial(_credits_and_stats, arts, pairs, found, _quiet))
        passages = build_passages(found, settings.passage_gap)
        clusters = build_clusters(found)
        credits, stats = elsewhere.get()
    else:
        credits, stats = _credits_and_stats(arts, pairs, found, report)
        passages = build_passages(found, settings.passage_gap)
        clusters = build_clusters(found)
    provenance = relate(arts, sizes, languages, stats, credits, settings)
    matches = _label_quotes(found, provenance)
    passages = rekind(passages, matches, relabelled(found, matches))
    del found, stats
    return Comparison(
        articles=arts,
        sentences=tuple(sentences),
        matches=tuple(matches),
        passages=tuple(passages),
        clusters=tuple(clusters),
        provenance=provenance,
        settings=settings,
    )


PARALLEL_FROM_MATCHES = 20_000
"""Matches from which credits and pair counts are found in a forked process (fewer: forking
would cost more than it saves)."""


def _credits_and_stats(
    arts: Sequence[Article],
    pairs: Sequence[tuple[int, int]],
    found: Sequence[Match],
    report: Progress,
) -> tuple[list[Credit], dict[tuple[int, int], PairStats]]:
    """What relations are worked out from (in a forked process, while this one groups matches
    into passages and clusters)."""
    return _credits(arts, pairs, report), pair_stats(found)


def _article_pairs(found: Sequence[Match]) -> list[tuple[int, int]]:
    """The article pairs that share matches, in order."""
    firsts = map(REF_ARTICLE, map(MATCH_A, found))  # read in C: a big story has millions of matches
    seconds = map(REF_ARTICLE, map(MATCH_B, found))
    return sorted(set(zip(firsts, seconds, strict=True)))


def _quiet(stage: str, done: int, total: int) -> None:
    """Progress from a forked process: nobody hears it."""


_Key = tuple[str, str, tuple[tuple[int, int], ...]]
"""Sentence text, language and quoted spans in it: what a sentence's features depend on."""
_Row = tuple[int, int, int, bool, bool]
"""A sentence as a worker sends it: start, end, paragraph, boilerplate, quote."""
_Chunk = tuple[
    list[list[_Row]],
    list[tuple[int, int, tuple[tuple[int, int], ...], FeatureParts]],
    list[list[int]],
]
"""A worker's reading of some articles: their sentences; the features of each distinct sentence
(article within the chunk, sentence, quoted spans in it, parts); per article, which of those
each sentence has (-1: boilerplate)."""

PARALLEL_FROM_CHARS = 1_000_000
"""Stories with at least this much text (characters: about 250 news articles) are read —
segmented and their features found — by a pool of processes, one per core. Smaller ones are read
here: starting a pool would cost more than it saves."""
_CHUNKS_PER_WORKER = 4  # smaller pieces than workers: none waits long for the slowest
_MAX_WORKERS = 8
START_METHOD: str | None = None
"""How pool processes start: None picks ``fork`` on Linux when this process runs one thread only
(the command line), else ``forkserver`` (the reader matches in a worker thread, and forking a
threaded process is unsafe) or ``spawn``. Tests set it to try each."""


def _read(
    arts: Sequence[Article], languages: Sequence[str], report: Progress
) -> tuple[list[tuple[Sentence, ...]], list[list[SentenceFeatures | None]]]:
    """Sentences and features of every article, in article order (the same in one process or
    several: each article is read alone, and equal sentences get one features object either
    way, the first in article order)."""
    alone = len(arts) < 2  # nothing to match a single article with: skip its features
    workers = 1 if alone else _workers(sum(len(a.text) for a in arts))
    if workers > 1 and _pool_may_start():
        return _read_in_pool(arts, languages, workers, report)
    sentences: list[tuple[Sentence, ...]] = []
    docs: list[list[SentenceFeatures | None]] = []
    seen: dict[_Key, SentenceFeatures] = {}
    every = _step(len(arts))
    for k, art in enumerate(arts):
        if k % every == 0:
            report("segment", k, len(arts))
        sents, spans = segment_quoted(art.text, languages[k])
        sentences.append(sents)
        docs.append(
            [None] * len(sents) if alone else _features(art.text, sents, languages[k], seen, spans)
        )
    report("segment", len(arts), len(arts))
    return sentences, docs


def _pool_may_start() -> bool:
    """Whether a pool can start here. Forking needs nothing; a forkserver or spawned process is
    handed this process's standard streams, which a terminal app may have replaced with objects
    that have no file descriptor (Textual does: starting one then fails)."""
    if START_METHOD == "fork" or (
        START_METHOD is None and threading.active_count() == 1 and _may_fork()
    ):
        return True
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is None or stream.fileno() < 0:
                return False
        except (AttributeError, OSError, ValueError):
            return False
    return True


def _workers(chars: int) -> int:
    """Processes to read a story of ``chars`` characters with (1: this one)."""
    if chars < PARALLEL_FROM_CHARS:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, _MAX_WORKERS)


def _read_in_pool(
    arts: Sequence[Article], languages: Sequence[str], workers: int, report: Progress
) -> tuple[list[tuple[Sentence, ...]], list[list[SentenceFeatures | None]]]:
    """:func:`_read` by a pool of ``workers`` processes, each given runs of whole articles."""
    import multiprocessing

    method = START_METHOD
    if method is None:
        alone = threading.active_count() == 1
        method = "fork" if alone and _may_fork() else None
    tasks = _runs(arts, languages, workers * _CHUNKS_PER_WORKER)
    sentences: list[tuple[Sentence, ...]] = []
    docs: list[list[SentenceFeatures | None]] = []
    seen: dict[_Key, SentenceFeatures] = {}
    report("segment", 0, len(arts))
    if method == "fork":
        for language in set(languages):
            stemmer_for(language)  # import nltk once here, not once in every process
    context = multiprocessing.get_context(method or _threaded_start())
    with context.Pool(workers) as pool:
        for (texts, langs), (rows, parts, ids) in zip(
            tasks, pool.imap(_read_run, tasks), strict=True
        ):
            base = len(sentences)
            for text, art_rows in zip(texts, rows, strict=True):
                sentences.append(
                    tuple(
                        Sentence(i, start, end, text[start:end], paragraph, furniture, quote)
                        for i, (start, end, paragraph, furniture, quote) in enumerate(art_rows)
                    )
                )
            made: list[SentenceFeatures | None] = []
            for k, si, inside, found in parts:
                key = (sentences[base + k][si].text, langs[k], inside)
                f = seen.get(key)
                if f is None:
                    f = seen[key] = assemble(found)
                made.append(f if len(f.words) >= _MIN_WORDS else None)
            docs.extend([None if i < 0 else made[i] for i in art_ids] for art_ids in ids)
            report("segment", len(sentences), len(arts))
    return sentences, docs


def _align_ahead(
    arts: Sequence[Article], docs: Sequence[Doc], languages: Sequence[str], settings: Settings
) -> Forked[list[Match]] | None:
    """Alignment across languages, worked out in a forked process while this one matches
    sentences of the same language: the two need only the features, and each other's results
    only at the end. Started where a story is big, has several languages and this process may
    fork; else None (``find_matches`` aligns in turn)."""
    if len(set(languages)) < 2:
        return None
    return Forked.start(
        lambda: align_languages(docs, languages, settings, language_pairs(docs, languages))
    )


def _may_fork_now(arts: Sequence[Article]) -> bool:
    """Whether a story is big enough for a second process to help and this process may fork
    (the start method allows it, one thread runs, a POSIX system)."""
    return (
        _workers(sum(len(a.text) for a in arts)) > 1
        and START_METHOD in (None, "fork")
        and threading.active_count() == 1
        and _may_fork()
    )


def _may_fork() -> bool:
    """Whether forking is safe here: on Linux (macOS system libraries may not survive it)."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _threaded_start() -> str:
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _runs(
    arts: Sequence[Article], languages: Sequence[str], count: int
) -> list[tuple[list[str], list[str]]]:
    """The articles cut into ``count`` runs of consecutive articles with about as much text."""
    total = sum(len(a.text) for a in arts)
    runs: list[tuple[list[str], list[str]]] = []
    size = 0
    for k, art in enumerate(arts):
        if not runs or size >= total * len(runs) / count:
            runs.append(([], []))
        runs[-1][0].append(art.text)
        runs[-1][1].append(languages[k])
        size += len(art.text)
    return runs


def _read_run(task: tuple[list[str], list[str]]) -> _Chunk:
    """In a pool process: sentences of some articles, and features of their distinct sentences
    as parts (see :func:`corpus.features.feature_parts`; cheap to send back)."""
    texts, langs = task
    rows: list[list[_Row]] = []
    parts: list[tuple[int, int, tuple[tuple[int, int], ...], FeatureParts]] = []
    ids: list[list[int]] = []
    seen: dict[_Key, int] = {}
    for k, (text, language) in enumerate(zip(texts, langs, strict=True)):
        art_rows, sentence_texts, spans = sentence_rows(text, language)
        rows.append(art_rows)
        reach = _reach(spans)
        art_ids: list[int] = []
        for index, ((start, end, _, furniture, _), sentence) in enumerate(
            zip(art_rows, sentence_texts, strict=True)
        ):
            if furniture:
                art_ids.append(-1)
                continue
            inside = _inside(start, end, spans, reach)
            key = (sentence, language, inside)
            n = seen.get(key)
            if n is None:
                n = seen[key] = len(parts)
                parts.append((k, index, inside, feature_parts(sentence, language, inside)))
            art_ids.append(n)
        ids.append(art_ids)
    return rows, parts, ids


def _inside(
    start: int, end: int, spans: Sequence[tuple[int, int]], reach: Sequence[int]
) -> tuple[tuple[int, int], ...]:
    """The quoted spans within the sentence at ``start:end``, as offsets into its text.
    ``spans`` are in text order; ``reach`` (:func:`_reach`) skips those ending before the
    sentence in one search, so an article of thousands of quotes is not read once per
    sentence."""
    first = bisect_right(reach, start)
    if first == len(spans) or spans[first][0] >= end:
        return ()  # most sentences: no quote
    out = []
    for a, b in spans[first:]:
        if a >= end:
            break
        if b > start:
            out.append((max(a, start) - start, min(b, end) - start))
    return tuple(out)


def _reach(spans: Sequence[tuple[int, int]]) -> list[int]:
    """For each quoted span, the furthest end of it and those before it."""
    return list(accumulate((b for _, b in spans), max))


def _step(total: int) -> int:
    """Report progress every this many items: about a hundred reports a stage."""
    return max(1, total // 100)


def _credits(
    arts: Sequence[Article], pairs: Sequence[tuple[int, int]], report: Progress
) -> list[Credit]:
    """Credits between the articles of ``pairs`` (those that share matches: the only pairs
    relations look at)."""
    every = _step(len(pairs))
    aliases: dict[str, list[_Alias]] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    folded: dict[int, str] = {}
    bracketed: dict[int, set[str]] = {}  # text -> what follows its "(": "(ap)" needs "ap"
    said: dict[tuple[int, str], bool] = {}
    outlets = [a.outlet for a in arts]
    crediting = [(a.outlet or "").lower() for a in arts]

    def names(text_of: int, outlet_of: int) -> bool:
        """Whether the text names the other's outlet at all (as the credit search reads it);
        the aliases depend on the outlet's name alone, so each text is asked once an outlet."""
        outlet = outlets[outlet_of]
        if not outlet:
            return False  # no outlet, no aliases
        key = (text_of, outlet)
        known = said.get(key)
        if known is not None:
            return known
        if outlet not in aliases:
            aliases[outlet] = _aliases(arts[outlet_of])
        known = False
        absent: list[str] = []
        for alias, lower, inside in aliases[outlet]:
            if lower is not None:
                # an ASCII name matched ignoring case is also found in the text lower-cased
                # (the four letters re also folds to ASCII mapped first; checked for all of
                # Unicode): a plain substring test rules most texts out before the regex
                text = folded.get(text_of)
                if text is None:
                    text = arts[text_of].text
                    if any(c in text for c in _FOLDED_TO_ASCII):  # rare: translate is slow
                        text = text.translate(_ASCII_FOLDS)
                    text = folded[text_of] = text.lower()
                    bracketed[text_of] = set(_BRACKETED.findall(text))
                if inside is not None and inside not in bracketed[text_of]:
                    continue  # "(ap)" in a text: "ap" follows one of its "("
                if any(shorter in lower for shorter in absent) or lower not in text:
                    absent.append(lower)  # "the x post" is not where "x post" is not
                    continue
            if alias not in patterns:
                patterns[alias] = re.compile(re.escape(alias), re.IGNORECASE)
            if patterns[alias].search(arts[text_of].text) is not None:
                known = True
                break
        said[key] = known
        return known

    out: list[Credit] = []
    for n, (i, j) in enumerate(pairs):
        if n % every == 0:
            report("relate", n, len(pairs))
        if crediting[i] == crediting[j]:
            continue  # one outlet (or none): credits are only looked for between outlets
        if not (names(i, j) or names(j, i)):
            continue  # a credit needs the outlet's name in the text
        for c in find_credits([arts[i], arts[j]]):
            k = (i, j)
            out.append(dataclasses.replace(c, article=k[c.article], source=k[c.source]))
    report("relate", len(pairs), len(pairs))
    return out


_Alias = tuple[str, str | None, str | None]
"""An outlet's alias, lower-cased if ASCII, and (for "(AP)", "(AP/") the letters in brackets."""
_BRACKETED = re.compile(r"\(([a-z0-9]+)")
_INSIDE = re.compile(r"\(([a-z0-9]+)[^a-z0-9]")


def _aliases(article: Article) -> list[_Alias]:
    """The outlet's aliases to look for in texts, shortest first (a longer one that contains
    a shorter one absent from a text is absent too)."""
    out: list[_Alias] = []
    for alias in sorted(outlet_aliases(article), key=len):
        lower = alias.lower() if alias.isascii() else None
        inside = _INSIDE.match(lower) if lower is not None else None
        out.append((alias, lower, inside.group(1) if inside else None))
    return out


def _features(
    text: str,
    sents: Sequence[Sentence],
    language: str,
    seen: dict[_Key, SentenceFeatures] | None = None,
    spans: Sequence[tuple[int, int]] | None = None,
) -> list[SentenceFeatures | None]:
    """Features of each sentence (None: boilerplate or too short). ``seen`` caches features
    by sentence text, language and quoted spans: copies of a wire sentence are read once.
    ``spans``: the text's quoted spans, when already known."""
    seen = {} if seen is None else seen
    spans = quoted_spans(text) if spans is None else spans
    reach = _reach(spans)
    out: list[SentenceFeatures | None] = []
    for s in sents:
        if s.boilerplate:
            out.append(None)
            continue
        inside = _inside(s.start, s.end, spans, reach)
        key = (s.text, language, inside)
        f = seen.get(key)
        if f is None:
            f = seen[key] = sentence_features(s.text, language, inside)
        out.append(f if len(f.words) >= _MIN_WORDS else None)
    return out


def _label_quotes(matches: Sequence[Match], provenance: Provenance) -> list[Match]:
    """Final kinds once relations are known.

    Between articles of different derivation trees, a shared quoted sentence is a ``quote``.
    Between texts of different translation generations (a translation and anything not derived
    from it), resemblance of wording is a translator's, not copying: ``paraphrase``.
    """
    sources = provenance.sources
    translated = {r.derived for r in provenance.relations if r.kind == "translated"}

    def generation(k: int) -> int:
        seen = set()
        while k not in translated and (p := sources[k]) is not None and k not in seen:
            seen.add(k)
            k = p
        return k

    roots = [root_of(k, sources) for k in range(len(sources))]
    generations = [generation(k) for k in range(len(sources))]
    out = []
    for m in matches:
        a, b = m.a.article, m.b.article
        if m.kind == "quote":
            pass
        elif m.quoted and roots[a] != roots[b]:
            m = Match(m.a, m.b, m.score, "quote", m.quoted)
        elif m.kind in ("verbatim", "edited") and generations[a] != generations[b]:
            m = Match(m.a, m.b, m.score, "paraphrase", m.quoted)
        out.append(m)
    return out
