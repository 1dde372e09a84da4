"""What the scorer looks at in a sentence: word forms, content stems, names, numbers, quotes."""

from __future__ import annotations

import math
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from corpus.dateline import dateline_end
from corpus.lexicon import STOPWORDS
from corpus.normalize import POSSESSIVE, strip_accents, token_forms, tokens, word_forms

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
    stemmer: object = _snowball()(name)
    return stemmer


def _snowball() -> Callable[[str], object]:
    """nltk's Snowball stemmer class, imported on first use (keeps start-up fast).

    Its module is imported alone (:func:`_import_snowball_alone`): nltk's package imports take
    ten times as long, for modules the stemmer never uses. Where that fails (another nltk
    layout), nltk is imported as usual."""
    with _IMPORTING:
        if "nltk" not in sys.modules:
            try:
                _import_snowball_alone()
            except Exception:  # any other layout: the usual import below, from scratch
                for module in [m for m in sys.modules if m == "nltk" or m.startswith("nltk.")]:
                    del sys.modules[module]
        from nltk.stem.snowball import SnowballStemmer

    made: Callable[[str], object] = SnowballStemmer
    return made


_IMPORTING = threading.Lock()  # nothing else imports nltk while stand-ins for it are in place


def _import_snowball_alone() -> None:
    """Import ``nltk.stem.snowball`` without running ``nltk/__init__.py`` (which imports nearly
    all of nltk, 0.3 s) or ``nltk/stem/__init__.py`` (every stemmer, and WordNet's corpus
    reader), nor ``nltk.corpus``, from which the module takes the stopword lists that only
    ``ignore_stopwords=True`` reads (unused here; asked for, they are imported then).

    Bare stand-ins for those packages are put in ``sys.modules`` for the time of the import
    and removed after it, whatever happens: a later ``import nltk`` then runs nltk's own
    package code, and finds the stemmer's modules already imported."""
    import importlib.util
    import types

    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("no nltk package")
    root = list(spec.submodule_search_locations)
    stand_ins: dict[str, types.ModuleType] = {}
    for name, path in (("nltk", root), ("nltk.stem", [f"{p}/stem" for p in root])):
        package = stand_ins[name] = types.ModuleType(name)
        package.__path__ = path
    stand_ins["nltk.corpus"] = types.ModuleType("nltk.corpus")
    stand_ins["nltk.corpus"].stopwords = _Stopwords()  # type: ignore[attr-defined]
    sys.modules.update(stand_ins)
    try:
        import nltk.stem.snowball  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


class _Stopwords:
    """nltk's stopword lists, imported when first read (see :func:`_import_snowball_alone`)."""

    def __getattr__(self, name: str) -> object:
        from nltk.corpus import stopwords

        return getattr(stopwords, name)


def stemmer_for(language: str) -> object | None:
    """The language's Snowball stemmer (None where there is none), loaded now."""
    return _stemmer(language)


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
    return assemble(feature_parts(text, language, quoted))


FeatureParts = tuple[
    str,
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    "tuple[str, ...] | None",
]
"""What :func:`assemble` builds :class:`SentenceFeatures` from: language, words, content, names
and numbers in the order found (repeats kept), quote words, frame words (None: no quotes).
Plain tuples of strings: cheap to send between processes, and the sets are built in the
receiving one exactly as here (same elements in the same order: same set, same iteration)."""


def feature_parts(
    text: str, language: str | None, quoted: Sequence[tuple[int, int]] = ()
) -> FeatureParts:
    """The costly part of :func:`sentence_features`: everything but building the sets.

    A wire dateline opening the sentence is left out (see :mod:`corpus.dateline`).
    """
    lang = (language or "en")[:2]
    cut = dateline_end(text)
    if cut:
        text = text[cut:]
        quoted = [(max(a - cut, 0), b - cut) for a, b in quoted if b > cut]
    raw = tokens(text)
    words = tuple(token_forms(raw, lang))
    known = _KNOWN.get(lang)
    if known is None or len(known) >= _MAX_KNOWN:
        known = _KNOWN[lang] = {}  # a long session reading many stories: stay bounded
    stop = STOPWORDS.get(lang, STOPWORDS["en"])
    try:
        terms = list(map(known.__getitem__, words))
    except KeyError:  # a word form not seen before: each is stemmed once
        for w in words:
            if w not in known:
                known[w] = stem(w, lang) if w not in stop and (len(w) > 1 or w.isdigit()) else None
        terms = list(map(known.__getitem__, words))
    content = tuple([term for term in terms if term is not None])
    capital = _CAPITALS.get(lang)
    if capital is None or len(capital) >= _MAX_KNOWN:
        capital = _CAPITALS[lang] = {}
    try:
        names = tuple(chain.from_iterable(map(capital.__getitem__, raw[1:])))
    except KeyError:  # a token not seen before: each is looked at once
        for t in raw[1:]:
            if t not in capital:
                capital[t] = _name_parts(t, stop)
        names = tuple(chain.from_iterable(map(capital.__getitem__, raw[1:])))
    numbers = tuple([w for w in words if w[:1].isdecimal() and _NUMBER.match(w)])  # \d: decimal
    if not quoted:  # without quotes the frame is the sentence itself
        return lang, words, content, names, numbers, (), None
    quote_words: list[str] = []
    frame: list[str] = []
    pos = 0
    for start, end in sorted(quoted):
        frame.extend(word_forms(text[pos:start], lang))
        quote_words.extend(word_forms(text[start:end], lang))
        pos = end
    frame.extend(word_forms(text[pos:], lang))
    return lang, words, content, names, numbers, tuple(quote_words), tuple(frame)


def _name_parts(token: str, stop: frozenset[str]) -> tuple[str, ...]:
    """The name parts a token gives when not first in a sentence (none: not capitalised)."""
    if not token[:1].isupper() or token.lower() in stop:
        return ()
    return tuple(
        strip_accents(POSSESSIVE.sub("", part.lower()))
        for part in token.split("-")
        if len(part) > 1
    )


def assemble(parts: FeatureParts) -> SentenceFeatures:
    """:class:`SentenceFeatures` from :func:`feature_parts`."""
    lang, words, content, names, numbers, quote_words, frame = parts
    share = len(quote_words) / len(words) if words else 0.0
    return SentenceFeatures(
        language=lang,
        words=words,
        norm=" ".join(words),
        content=content,
        names=frozenset(names),
        numbers=frozenset(numbers),
        quote_words=quote_words,
        quoted_share=min(share, 1.0),
        frame_words=words if frame is None else frame,
    )


_MAX_KNOWN = 400_000
_KNOWN: dict[str, dict[str, str | None]] = {}
"""Per language: word form -> its content stem (None for a function word). Read once a story."""
_CAPITALS: dict[str, dict[str, tuple[str, ...]]] = {}
"""Per language: raw token -> the name parts it gives when not first in a sentence."""


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
