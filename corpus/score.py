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
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class PairScore:
    """The measures of one sentence pair (all 0..1 except the agreements, which are -1..1)."""

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


def score_pair(
    a: SentenceFeatures, b: SentenceFeatures, weight: Weights, settings: Settings
) -> PairScore:
    """All measures for a pair of sentences in the same language. Symmetric in ``a`` and ``b``.

    The hot loop of matching: the shared terms are weighed once for both the Dice overlap and
    the containment, and the logistic sum is written out (same terms, same order, same result
    as :func:`weighted_dice`, :func:`containment` and :func:`paraphrase_probability`).
    """
    wa_, wb_ = a.words, b.words
    common = (len(wa_) + len(wb_) - Indel.distance(wa_, wb_)) // 2 if wa_ and wb_ else 0
    longer = max(len(wa_), len(wb_)) or 1
    shorter = min(len(wa_), len(wb_)) or 1
    char = Indel.normalized_similarity(a.norm, b.norm)
    (sa, wa), (sb, wb) = weight.terms(a.content), weight.terms(b.content)
    both = sum(map(weight, sa & sb))
    content = 2.0 * both / (wa + wb) if wa + wb > 0.0 else 0.0
    cover = common / shorter
    numbers = agreement(a.numbers, b.numbers)
    names = agreement(a.names, b.names)
    length = shorter / longer
    z = 0.0
    z += _W["content"] * content
    z += _W["char"] * char
    z += _W["cover"] * cover
    z += _W["numbers"] * numbers
    z += _W["names"] * names
    z += _W["length"] * length
    least = min(wa, wb)
    return PairScore(
        char=char,
        word=common / longer,
        cover=cover,
        content=content,
        numbers=numbers,
        names=names,
        length=length,
        quote=quote_overlap(a, b, settings.quote_min_words),
        paraphrase=1.0 / (1.0 + math.exp(-(_W["bias"] + z))),
        contained=both / least if least > 0.0 else 0.0,
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
