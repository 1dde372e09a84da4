"""How similar two sentences are, measured several ways, and which kind of match that makes.

Every figure is 0..1. ``char`` is rapidfuzz's normalised Indel similarity of the normalised
sentences; ``word`` and ``cover`` come from the longest common subsequence of their words (over
the longer and the shorter sentence); ``content`` is a Dice overlap of content-word stems weighted
by rarity in the story; ``paraphrase`` combines them with agreement of numbers and names through a
logistic function whose weights were fitted on the MRPC training pairs
(``scripts/calibrate_mrpc.py``); ``quote`` is the share of the shorter quoted statement that the
other sentence quotes too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from corpus.features import SentenceFeatures, Weights
from corpus.settings import Settings

# Logistic weights of the paraphrase score, fitted on MRPC train by scripts/calibrate_mrpc.py.
PARAPHRASE_WEIGHTS: dict[str, float] = {
    "bias": -6.048,
    "content": 3.506,
    "char": 2.51,
    "cover": 0.776,
    "numbers": 0.277,
    "names": -0.244,
    "length": 2.667,
}


class PairScore(NamedTuple):
    """The measures of one sentence pair (all 0..1 except the agreements, which are -1..1).

    A named tuple, not a dataclass: one is made for every pair scored, and tuples are made
    (and sent back from a forked process) in C."""

    char: float
    word: float
    cover: float
    content: float
    numbers: float
    names: float
    length: float
    quote: float
    paraphrase: float
    contained: float = 0.0


def lcs_length(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Length in words of the longest common subsequence of two word sequences."""
    if not a or not b:
        return 0
    return (len(a) + len(b) - Indel.distance(a, b)) // 2


def containment(a: tuple[str, ...], b: tuple[str, ...], weight: Weights) -> float:
    """Share (0..1, by rarity weight) of the lighter sentence's terms found in the other.

    A sentence split in two, or two merged into one, keeps each part's specific content inside
    the longer sentence while the symmetric scores see only half of it.
    """
    (sa, wa), (sb, wb) = weight.terms(a), weight.terms(b)
    total = min(wa, wb)
    if total <= 0.0:
        return 0.0
    return sum(weight(t) for t in sa & sb) / total


def weighted_dice(a: tuple[str, ...], b: tuple[str, ...], weight: Weights) -> float:
    """Dice overlap of two sets of terms, each term counted by its rarity weight."""
    (sa, wa), (sb, wb) = weight.terms(a), weight.terms(b)
    total = wa + wb
    if total <= 0.0:
        return 0.0
    return 2.0 * sum(weight(t) for t in sa & sb) / total


def agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """+1 when both name the same things, -1 when both name things and none agree, else between.

    Specific content decides: two sentences with different figures make different claims.
    """
    if not a or not b:
        return 0.0 if not (a or b) else -0.25
    return 2.0 * len(a & b) / (len(a) + len(b)) * 2.0 - 1.0


def quote_overlap(a: SentenceFeatures, b: SentenceFeatures, min_words: int) -> float:
    """Share of the shorter quoted statement's words (in order) that the other one quotes too."""
    qa, qb = a.quote_words, b.quote_words
    if len(qa) < min_words or len(qb) < min_words:
        return 0.0
    common = lcs_length(qa, qb)
    if common < min_words:
        return 0.0
    return common / min(len(qa), len(qb))


def paraphrase_probability(features: dict[str, float]) -> float:
    """The logistic combination of the measures; 0..1."""
    z = PARAPHRASE_WEIGHTS["bias"] + sum(
        PARAPHRASE_WEIGHTS[name] * value for name, value in features.items()
    )
    return 1.0 / (1.0 + math.exp(-z))


_W = PARAPHRASE_WEIGHTS
_BIAS, _CONTENT, _CHAR, _COVER = _W["bias"], _W["content"], _W["char"], _W["cover"]
_NUMBERS, _NAMES, _LENGTH = _W["numbers"], _W["names"], _W["length"]
_distance = Indel.distance
_similarity = Indel.normalized_similarity
_exp = math.exp


def score_pair(
    a: SentenceFeatures, b: SentenceFeatures, weight: Weights, settings: Settings
) -> PairScore:
    """All measures for a pair of sentences in the same language. Symmetric in ``a`` and ``b``.

    The hot loop of matching: the shared terms are weighed once for both the Dice overlap and
    the containment, and the logistic sum is written out (same terms, same order, same result
    as :func:`weighted_dice`, :func:`containment` and :func:`paraphrase_probability`).
    """
    return _measure(
        a, b, weight.terms(a.content), weight.terms(b.content), weight, settings.quote_min_words
    )


class Scorer:
    """:func:`score_pair` for many pairs of one list of sentences, by their positions there:
    each sentence's distinct terms are looked up once, not once per pair (same results)."""

    __slots__ = ("_features", "_quote_min", "_terms", "_weight")

    def __init__(
        self, features: Sequence[SentenceFeatures], weight: Weights, settings: Settings
    ) -> None:
        self._features = features
        self._weight = weight
        self._quote_min = settings.quote_min_words
        self._terms: list[tuple[frozenset[str], float] | None] = [None] * len(features)

    def __call__(self, x: int, y: int) -> PairScore:
        """``score_pair(features[x], features[y], ...)``."""
        features, terms, weight = self._features, self._terms, self._weight
        a, b = features[x], features[y]
        ta = terms[x]
        if ta is None:
            ta = terms[x] = weight.terms(a.content)
        tb = terms[y]
        if tb is None:
            tb = terms[y] = weight.terms(b.content)
        return _measure(a, b, ta, tb, weight, self._quote_min)


def _measure(
    a: SentenceFeatures,
    b: SentenceFeatures,
    ta: tuple[frozenset[str], float],
    tb: tuple[frozenset[str], float],
    weight: Weights,
    quote_min: int,
) -> PairScore:
    """:func:`score_pair`, given each sentence's ``weight.terms``: :func:`agreement` and
    :func:`quote_overlap` written out (the same operations in the same order)."""
    wa_, wb_ = a.words, b.words
    la, lb = len(wa_), len(wb_)
    common = (la + lb - _distance(wa_, wb_)) // 2 if la and lb else 0
    longer = (la if la > lb else lb) or 1
    shorter = (la if la < lb else lb) or 1
    char = _similarity(a.norm, b.norm)
    sa, wa = ta
    sb, wb = tb
    both = sum(map(weight, sa & sb))
    content = 2.0 * both / (wa + wb) if wa + wb > 0.0 else 0.0
    cover = common / shorter
    xa, xb = a.numbers, b.numbers
    if xa and xb:
        numbers = 2.0 * len(xa & xb) / (len(xa) + len(xb)) * 2.0 - 1.0
    else:
        numbers = -0.25 if xa or xb else 0.0
    xa, xb = a.names, b.names
    if xa and xb:
        names = 2.0 * len(xa & xb) / (len(xa) + len(xb)) * 2.0 - 1.0
    else:
        names = -0.25 if xa or xb else 0.0
    length = shorter / longer
    z = (
        0.0
        + _CONTENT * content
        + _CHAR * char
        + _COVER * cover
        + _NUMBERS * numbers
        + _NAMES * names
        + _LENGTH * length
    )
    least = wa if wa < wb else wb
    qa, qb = a.quote_words, b.quote_words
    quote = 0.0
    if len(qa) >= quote_min and len(qb) >= quote_min:
        said = lcs_length(qa, qb)
        if said >= quote_min:
            quote = said / min(len(qa), len(qb))
    return PairScore(
        char,
        common / longer,
        cover,
        content,
        numbers,
        names,
        length,
        quote,
        1.0 / (1.0 + _exp(-(_BIAS + z))),
        both / least if least > 0.0 else 0.0,
    )


def classify(
    a: SentenceFeatures, b: SentenceFeatures, s: PairScore, settings: Settings
) -> str | None:
    """The kind of match a pair makes on its own, or None. Strongest kind first.

    ``verbatim``: the same words once surface forms are folded (or near-identical characters).
    ``edited``: most words shared in order, the shorter sentence mostly inside the longer.
    ``quote``: both carry the same quoted statement while the words around it differ (checked
    first: a sentence that wraps a copied quote in new words quotes it, it does not copy it).
    ``paraphrase``: the paraphrase score clears its threshold and, where both sentences give
    figures, at least one figure agrees (different figures are different claims).
    """
    if s.quote >= 0.8 and a.words != b.words and _frames_differ(a, b):
        return "quote"
    if a.words == b.words or s.char >= settings.verbatim_min:
        return "verbatim"
    if s.word >= settings.edited_min and s.cover >= settings.edited_cover_min:
        return "edited"
    if s.quote >= 0.8:
        return "quote"
    if s.paraphrase >= settings.paraphrase_min and s.numbers > -1.0:
        return "paraphrase"
    return None


def _frames_differ(a: SentenceFeatures, b: SentenceFeatures) -> bool:
    """Whether the words around the quotes differ (one sentence may have none at all)."""
    fa, fb = a.frame_words, b.frame_words
    longer = max(len(fa), len(fb))
    return longer > 2 and lcs_length(fa, fb) / longer < 0.5
