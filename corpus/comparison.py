"""The whole pipeline: articles in, an immutable :class:`Comparison` out."""

from __future__ import annotations

import dataclasses
import gc
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from corpus.article import Article
from corpus.attribution import Credit, find_credits, outlet_aliases
from corpus.features import SentenceFeatures, sentence_features
from corpus.language import detect_language
from corpus.match import Match, SentenceRef
from corpus.matching import find_matches
from corpus.passage import Cluster, Passage, build_clusters, build_passages
from corpus.quote import quoted_spans
from corpus.relation import Provenance, relate, root_of
from corpus.segment import segment
from corpus.sentence import Sentence
from corpus.settings import Settings

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``, at most about a hundred times a stage.

Stages in order: ``segment`` (articles), ``index`` (1 step), ``score`` (distinct sentence
pairs), ``relate`` (article pairs sharing matches, credits looked for in each).
"""

_ASCII_FOLDS = str.maketrans({"\u212a": "k", "\u017f": "s", "\u0131": "i", "\u0130": "i"})
"""Characters ``re.IGNORECASE`` matches to ASCII letters that ``str.lower`` leaves alone."""
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

    def sentence(self, ref: SentenceRef) -> Sentence:
        """The sentence a reference points at."""
        return self.sentences[ref.article][ref.sentence]

    def shared_share(self, article: int) -> float:
        """Share (0..1) of the article's characters, boilerplate excluded, found in others."""
        index = self._matches_of()
        matched = {
            s.index for s in self.sentences[article] if SentenceRef(article, s.index) in index
        }
        total = done = 0
        for s in self.sentences[article]:
            if s.boilerplate:
                continue
            total += s.end - s.start
            if s.index in matched:
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
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _compare(articles, settings, progress)
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
    sentences: list[tuple[Sentence, ...]] = []
    docs: list[list[SentenceFeatures | None]] = []
    seen: dict[tuple[str, str, tuple[tuple[int, int], ...]], SentenceFeatures] = {}
    every = _step(len(arts))
    alone = len(arts) < 2  # nothing to match a single article with: skip its features
    for k, art in enumerate(arts):
        if k % every == 0:
            report("segment", k, len(arts))
        sents = segment(art.text, languages[k])
        sentences.append(sents)
        docs.append(
            [None] * len(sents) if alone else _features(art.text, sents, languages[k], seen)
        )
    report("segment", len(arts), len(arts))
    _mark_stock_text(arts, sentences, docs, languages, settings)
    found = find_matches(docs, languages, settings, report)
    sizes = [sum(1 for f in doc if f is not None) for doc in docs]
    credits = _credits(arts, found, report)
    provenance = relate(arts, sizes, languages, found, credits, settings)
    matches = _label_quotes(found, provenance)
    return Comparison(
        articles=arts,
        sentences=tuple(sentences),
        matches=tuple(matches),
        passages=tuple(build_passages(matches, settings.passage_gap)),
        clusters=tuple(build_clusters(matches)),
        provenance=provenance,
        settings=settings,
    )


def _step(total: int) -> int:
    """Report progress every this many items: about a hundred reports a stage."""
    return max(1, total // 100)


def _credits(arts: Sequence[Article], found: Sequence[Match], report: Progress) -> list[Credit]:
    """Credits between articles that share matches: the only pairs relations look at."""
    pairs = sorted({(m.a.article, m.b.article) for m in found})
    every = _step(len(pairs))
    aliases: dict[int, list[str]] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    named: dict[tuple[int, str], bool] = {}
    folded: dict[int, str] = {}

    def names(text_of: int, outlet_of: int) -> bool:
        """Whether the text names the other's outlet at all (as the credit search reads it)."""
        if outlet_of not in aliases:
            aliases[outlet_of] = outlet_aliases(arts[outlet_of])
        for alias in aliases[outlet_of]:
            key = (text_of, alias)
            if key not in named and alias.isascii():
                # an ASCII name matched ignoring case is also found in the text lower-cased
                # (the four letters re also folds to ASCII mapped first; checked for all of
                # Unicode): a plain substring test rules most texts out before the regex
                if text_of not in folded:
                    folded[text_of] = arts[text_of].text.translate(_ASCII_FOLDS).lower()
                if alias.lower() not in folded[text_of]:
                    named[key] = False
            if key not in named:
                if alias not in patterns:
                    patterns[alias] = re.compile(re.escape(alias), re.IGNORECASE)
                named[key] = patterns[alias].search(arts[text_of].text) is not None
            if named[key]:
                return True
        return False

    out: list[Credit] = []
    for n, (i, j) in enumerate(pairs):
        if n % every == 0:
            report("relate", n, len(pairs))
        if not (names(i, j) or names(j, i)):
            continue  # a credit needs the outlet's name in the text
        for c in find_credits([arts[i], arts[j]]):
            k = (i, j)
            out.append(dataclasses.replace(c, article=k[c.article], source=k[c.source]))
    report("relate", len(pairs), len(pairs))
    return out


def _features(
    text: str,
    sents: Sequence[Sentence],
    language: str,
    seen: dict[tuple[str, str, tuple[tuple[int, int], ...]], SentenceFeatures] | None = None,
) -> list[SentenceFeatures | None]:
    """Features of each sentence (None: boilerplate or too short). ``seen`` caches features
    by sentence text, language and quoted spans: copies of a wire sentence are read once."""
    seen = {} if seen is None else seen
    spans = quoted_spans(text)
    out: list[SentenceFeatures | None] = []
    for s in sents:
        if s.boilerplate:
            out.append(None)
            continue
        inside = [
            (max(a, s.start) - s.start, min(b, s.end) - s.start)
            for a, b in spans
            if a < s.end and b > s.start
        ]
        key = (s.text, language, tuple(inside))
        f = seen.get(key)
        if f is None:
            f = seen[key] = sentence_features(s.text, language, inside)
        out.append(f if len(f.words) >= _MIN_WORDS else None)
    return out


def _mark_stock_text(
    arts: Sequence[Article],
    sentences: list[tuple[Sentence, ...]],
    docs: list[list[SentenceFeatures | None]],
    languages: Sequence[str],
    settings: Settings,
) -> None:
    """Mark as boilerplate the stock text that is no evidence of copying (in place).

    A sentence repeated across three or more articles of one outlet is that outlet's furniture;
    a short sentence (≤ 12 words) found in more than ``boilerplate_share`` of all articles (and
    at least ``boilerplate_min_articles``) is a stock phrase. A sentence an article repeats (a
    pull quote, a pasted block) counts once: its later copies say nothing new, and would make
    the matches of two such articles grow with the square of the repeats.
    """
    where: dict[str, set[int]] = defaultdict(set)
    for k, doc in enumerate(docs):
        for f in doc:
            if f is not None:
                where[f"{languages[k]}:{f.norm}"].add(k)
    per_outlet = Counter(a.outlet for a in arts if a.outlet)
    limit = max(settings.boilerplate_min_articles, settings.boilerplate_share * len(arts))
    for k, doc in enumerate(docs):
        marked: set[int] = set()
        seen: set[str] = set()
        for si, f in enumerate(doc):
            if f is None:
                continue
            if f.norm in seen:
                doc[si] = None
                marked.add(si)
                continue
            seen.add(f.norm)
            holders = where[f"{languages[k]}:{f.norm}"]
            outlet = arts[k].outlet
            same = sum(1 for h in holders if outlet and arts[h].outlet == outlet)
            stock = len(f.words) <= 12 and len(holders) > limit
            if (outlet and same >= 3 and per_outlet[outlet] >= 3) or stock:
                doc[si] = None
                marked.add(si)
        if marked:
            sentences[k] = tuple(
                dataclasses.replace(s, boilerplate=True) if s.index in marked else s
                for s in sentences[k]
            )


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

    out = []
    for m in matches:
        a, b = m.a.article, m.b.article
        if m.kind == "quote":
            pass
        elif m.quoted and root_of(a, sources) != root_of(b, sources):
            m = dataclasses.replace(m, kind="quote")
        elif m.kind in ("verbatim", "edited") and generation(a) != generation(b):
            m = dataclasses.replace(m, kind="paraphrase")
        out.append(m)
    return out
