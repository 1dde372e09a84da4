"""What the scorer looks at in a sentence: word forms, content stems, names, numbers, quotes."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus.lexicon import STOPWORDS
from corpus.normalize import POSSESSIVE, TOKEN, fold, strip_accents, word_forms

_STEMMER_LANGS = {
    "en": "english", "es": "spanish", "fr": "french", "de": "german", "it": "italian",
    "pt": "portuguese", "nl": "dutch", "sv": "swedish", "da": "danish", "no": "norwegian",
    "fi": "finnish", "ru": "russian", "ro": "romanian", "hu": "hungarian", "ar": "arabic",
}  # fmt: skip
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


@lru_cache(maxsize=32)
def _stemmer(language: str) -> object | None:
    name = _STEMMER_LANGS.get(language)
    if name is None:
        return None
    from nltk.stem.snowball import SnowballStemmer  # lazy: keeps start-up fast

    stemmer: object = SnowballStemmer(name)
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """Snowball stem of a lower-case word (the word itself where no stemmer exists)."""
    stemmer = _stemmer(language)
    if stemmer is None or _NUMBER.match(word):
        return word
    return str(stemmer.stem(word))  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """Comparison forms of one sentence (nothing here is shown to users).

    ``words``: folded word forms in order (for character and word-level similarity).
    ``content``: stems of the words that are not function words, in order.
    ``names``: capitalised words not at the sentence start, lower-cased, accents stripped.
    ``numbers``: numeric values as text ("1200000000").
    ``quote_words``: folded word forms inside quotation marks; ``quoted_share`` is their share
    of all words (0..1); ``frame_words``: the words outside quotation marks.
    """

    language: str
    words: tuple[str, ...]
    norm: str
    content: tuple[str, ...]
    names: frozenset[str]
    numbers: frozenset[str]
    quote_words: tuple[str, ...]
    quoted_share: float
    frame_words: tuple[str, ...] = ()


def sentence_features(
    text: str, language: str | None, quoted: Sequence[tuple[int, int]] = ()
) -> SentenceFeatures:
    """Features of ``text``; ``quoted`` are (start, end) character spans within ``text``."""
    lang = (language or "en")[:2]
    words = tuple(word_forms(text, lang))
    stop = STOPWORDS.get(lang, STOPWORDS["en"])
    content = tuple(stem(w, lang) for w in words if w not in stop and (len(w) > 1 or w.isdigit()))
    raw = TOKEN.findall(fold(text))
    names = frozenset(
        strip_accents(POSSESSIVE.sub("", part.lower()))
        for i, t in enumerate(raw)
        if i > 0 and t[:1].isupper() and t.lower() not in stop
        for part in t.split("-")
        if len(part) > 1
    )
    numbers = frozenset(w for w in words if _NUMBER.match(w))
    quote_words: list[str] = []
    frame: list[str] = []
    if quoted:  # without quotes the frame is the sentence itself
        pos = 0
        for start, end in sorted(quoted):
            frame.extend(word_forms(text[pos:start], lang))
            quote_words.extend(word_forms(text[start:end], lang))
            pos = end
        frame.extend(word_forms(text[pos:], lang))
    share = len(quote_words) / len(words) if words else 0.0
    return SentenceFeatures(
        language=lang,
        words=words,
        norm=" ".join(words),
        content=content,
        names=names,
        numbers=numbers,
        quote_words=tuple(quote_words),
        quoted_share=min(share, 1.0),
        frame_words=tuple(frame) if quoted else words,
    )


class Weights(dict[str, float]):
    """How much each content stem says about a sentence: log inverse sentence frequency.

    A word in every sentence of the story weighs ~0; a word in one sentence weighs ``log(1+N)``.
    Copies of a sentence raise its words' frequency a little, topic words a lot. Call it with a
    stem (``weights("turbin")``); the table is computed once, as scoring asks for it hundreds of
    times a pair. ``df``: sentences per stem; ``n``: sentences in all.
    """

    __slots__ = ("_terms", "df", "n")

    def __init__(self, df: dict[str, int], n: int) -> None:
        super().__init__((t, math.log(1.0 + n / (1 + c))) for t, c in df.items())
        self.df = df
        self.n = n
        self._terms: dict[tuple[str, ...], tuple[frozenset[str], float]] = {}

    def terms(self, content: tuple[str, ...]) -> tuple[frozenset[str], float]:
        """The distinct terms of a sentence and their total weight, computed once per sentence."""
        found = self._terms.get(content)
        if found is None:
            distinct = frozenset(content)
            found = (distinct, sum(self[t] for t in distinct))
            self._terms[content] = found
        return found

    def __missing__(self, term: str) -> float:
        return math.log(1.0 + self.n / 1)

    __call__ = dict.__getitem__  # a C call: no Python frame per lookup


def story_weights(features: Iterable[SentenceFeatures]) -> Weights:
    """Document frequencies of content stems over all the story's sentences."""
    df: Counter[str] = Counter()
    n = 0
    for f in features:
        n += 1
        df.update(set(f.content))
    return Weights(dict(df), n)
