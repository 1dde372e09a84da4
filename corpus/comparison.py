"""The whole pipeline: articles in, an immutable :class:`Comparison` out."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corpus.article import Article
from corpus.attribution import find_credits
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
"""Called as ``progress(stage, done, total)``; stages: segment, match, relate."""

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

    def sentence(self, ref: SentenceRef) -> Sentence:
        """The sentence a reference points at."""
        return self.sentences[ref.article][ref.sentence]

    def shared_share(self, article: int) -> float:
        """Share (0..1) of the article's characters, boilerplate excluded, found in others."""
        matched = {r.sentence for m in self.matches for r in (m.a, m.b) if r.article == article}
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
        for m in self.matches:
            if m.a == ref:
                out.append((m.b, m))
            elif m.b == ref:
                out.append((m.a, m))
        return sorted(out, key=lambda rm: rm[0])


def compare(
    articles: Sequence[Article], settings: Settings | None = None, progress: Progress | None = None
) -> Comparison:
    """Segment, match, relate. ``articles`` keep their order; a missing language is detected."""
    settings = settings or Settings()
    report = progress or (lambda stage, done, total: None)
    arts = tuple(
        a if a.language else dataclasses.replace(a, language=detect_language(a.text))
        for a in articles
    )
    languages = [(a.language or "en")[:2].lower() for a in arts]
    sentences: list[tuple[Sentence, ...]] = []
    docs: list[list[SentenceFeatures | None]] = []
    for k, art in enumerate(arts):
        report("segment", k, len(arts))
        sents = segment(art.text, languages[k])
        sentences.append(sents)
        docs.append(_features(art.text, sents, languages[k]))
    report("segment", len(arts), len(arts))
    _mark_stock_text(arts, sentences, docs, languages, settings)
    report("match", 0, 1)
    found = find_matches(docs, languages, settings)
    report("match", 1, 1)
    sizes = [sum(1 for f in doc if f is not None) for doc in docs]
    provenance = relate(arts, sizes, languages, found, find_credits(list(arts)), settings)
    matches = _label_quotes(found, provenance)
    report("relate", 1, 1)
    return Comparison(
        articles=arts,
        sentences=tuple(sentences),
        matches=tuple(matches),
        passages=tuple(build_passages(matches, settings.passage_gap)),
        clusters=tuple(build_clusters(matches)),
        provenance=provenance,
        settings=settings,
    )


def _features(text: str, sents: Sequence[Sentence], language: str) -> list[SentenceFeatures | None]:
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
        f = sentence_features(s.text, language, inside)
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
    at least ``boilerplate_min_articles``) is a stock phrase.
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
        for si, f in enumerate(doc):
            if f is None:
                continue
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
