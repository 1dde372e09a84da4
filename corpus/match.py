"""A matched sentence pair and how sentences are referred to."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter, itemgetter
from typing import NamedTuple

from corpus.features import SentenceFeatures


class SentenceRef(NamedTuple):
    """A sentence of the comparison: article position and sentence index in it.

    A named tuple, not a dataclass: references are hashed and compared millions of times in a
    big story, and tuples do that in C.
    """

    article: int
    sentence: int


class Match(NamedTuple):
    """Two sentences of different articles carrying the same content.

    ``a`` is always the one in the earlier-listed article. ``score`` is 0..1: the character
    similarity for verbatim and edited pairs, the quote overlap for quotes, the paraphrase score
    for paraphrases, the anchor score across languages. ``quoted`` is true when what the two share
    is a quoted statement (both sentences mostly inside quotation marks): evidence of quoting the
    same source, not of copying one another.

    A named tuple, like :class:`SentenceRef`: a big story has millions of matches, made several
    times over as they are accepted and labelled, and a tuple is made five times as fast as a
    frozen dataclass.
    """

    a: SentenceRef
    b: SentenceRef
    score: float
    kind: str
    quoted: bool = False


# Field readers, for passes over millions of matches that read their fields in C
# (``map(MATCH_A, matches)``) rather than attribute by attribute in Python.
MATCH_A = attrgetter("a")
MATCH_B = attrgetter("b")
MATCH_KIND = attrgetter("kind")
MATCH_SCORE = attrgetter("score")
MATCH_QUOTED = attrgetter("quoted")
REF_ARTICLE = itemgetter(0)
REF_SENTENCE = itemgetter(1)

Doc = Sequence[SentenceFeatures | None]
"""One article's sentences as features; None for boilerplate (never matched)."""
