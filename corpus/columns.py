"""A comparison's many small records as columns of numbers, for the library's cache.

A big story has hundreds of thousands of sentences, matches and passages. Pickled one by one,
each costs a Python call to write and to read; as columns (arrays of numbers, a byte per flag)
they are written in C and rebuilt in C, and matches share one reference object per sentence.
Each ``pack_*`` returns None where its records do not fit the columns (they are then stored as
they are); each ``unpack_*`` gives back records equal to those packed.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain
from operator import add, attrgetter, itemgetter
from typing import TypeVar

from corpus.article import Article
from corpus.match import (
    MATCH_A,
    MATCH_B,
    MATCH_KIND,
    MATCH_QUOTED,
    MATCH_SCORE,
    REF_ARTICLE,
    REF_SENTENCE,
    Match,
    SentenceRef,
)
from corpus.passage import Cluster, Passage
from corpus.sentence import Sentence

Sentences = Sequence[Sequence[Sentence]]
T = TypeVar("T")
PackedSentences = tuple[bytes, bytes, bytes, bytes, bytes]
PackedMatches = tuple[bytes, bytes, bytes, bytes, bytes, tuple[str, ...]]
PackedPassages = tuple[bytes, bytes, bytes, bytes, tuple[str, ...]]
PackedClusters = tuple[bytes, bytes, bytes]


def _ints(values: Iterable[int]) -> bytes:
    return array("q", values).tobytes()


def _read_ints(data: bytes) -> array[int]:
    out = array("q")
    out.frombytes(data)
    return out


def _names(values: Sequence[str]) -> tuple[bytes, tuple[str, ...]] | None:
    """Names as a byte each, numbering a table of them (None: more than 255 names)."""
    table = tuple(dict.fromkeys(values))
    if len(table) > 255:
        return None
    number = {name: i for i, name in enumerate(table)}
    return bytes(map(number.__getitem__, values)), table


def pack_sentences(articles: Sequence[Article], sentences: Sentences) -> PackedSentences | None:
    """Sentences as columns: per article their count; per sentence start, end, paragraph and
    flags. Their text is the article's text between start and end (None where it is not, or an
    index is not the sentence's position)."""
    flat = list(chain.from_iterable(sentences))
    for article, sents in zip(articles, sentences, strict=True):
        text = article.text
        for i, s in enumerate(sents):
            if s.index != i or s.text != text[s.start : s.end]:
                return None
    return (
        _ints(map(len, sentences)),
        _ints(map(attrgetter("start"), flat)),
        _ints(map(attrgetter("end"), flat)),
        _ints(map(attrgetter("paragraph"), flat)),
        bytes(s.boilerplate + 2 * s.quote for s in flat),
    )


def unpack_sentences(
    articles: Sequence[Article], packed: PackedSentences
) -> tuple[tuple[Sentence, ...], ...]:
    """Sentences rebuilt from their columns and their articles' texts."""
    counts, starts, ends, paragraphs, flags = packed
    rows = zip(_read_ints(starts), _read_ints(ends), _read_ints(paragraphs), flags, strict=True)
    out = []
    for article, count in zip(articles, _read_ints(counts), strict=True):
        text = article.text
        out.append(
            tuple(
                Sentence(i, start, end, text[start:end], paragraph, bool(f & 1), bool(f & 2))
                for i, (start, end, paragraph, f) in zip(range(count), rows, strict=False)
            )
        )
    return tuple(out)


def _numbers(refs: Sequence[SentenceRef], sentences: Sentences) -> bytes:
    """References as global sentence numbers (the sentences of all articles in order)."""
    first = list(accumulate(map(len, sentences), initial=0))
    articles = map(first.__getitem__, map(REF_ARTICLE, refs))
    return _ints(map(add, articles, map(REF_SENTENCE, refs)))


def references(sentences: Sentences) -> list[SentenceRef]:
    """One reference object per sentence, by global sentence number."""
    return [SentenceRef(k, i) for k, sents in enumerate(sentences) for i in range(len(sents))]


def pack_matches(matches: Sequence[Match], sentences: Sentences) -> PackedMatches | None:
    """Matches as columns: each side's global sentence number, scores, kinds, quoted flags."""
    kinds = _names(list(map(MATCH_KIND, matches)))
    if kinds is None:
        return None
    return (
        _numbers(list(map(MATCH_A, matches)), sentences),
        _numbers(list(map(MATCH_B, matches)), sentences),
        array("d", map(MATCH_SCORE, matches)).tobytes(),
        kinds[0],
        bytes(map(int, map(MATCH_QUOTED, matches))),
        kinds[1],
    )


def unpack_matches(refs: Sequence[SentenceRef], packed: PackedMatches) -> tuple[Match, ...]:
    """Matches rebuilt in C from their columns; ``refs`` are :func:`references`."""
    a, b, scores, kinds, quoted, names = packed
    values = array("d")
    values.frombytes(scores)
    return tuple(
        map(
            Match._make,
            zip(
                map(refs.__getitem__, _read_ints(a)),
                map(refs.__getitem__, _read_ints(b)),
                values,
                map(names.__getitem__, kinds),
                map(bool, quoted),
                strict=True,
            ),
        )
    )


_PASSAGE_NUMBERS = tuple(map(itemgetter, range(6)))  # a_article … b_last


def pack_passages(passages: Sequence[Passage]) -> PackedPassages | None:
    """Passages as columns: their six sentence numbers, their matches (one column, with each
    passage's count) and kinds."""
    kinds = _names(list(map(attrgetter("kind"), passages)))
    if kinds is None:
        return None
    owned = list(map(attrgetter("matches"), passages))
    numbers = chain.from_iterable(map(field, passages) for field in _PASSAGE_NUMBERS)
    return (
        _ints(numbers),
        _ints(map(len, owned)),
        _ints(chain.from_iterable(owned)),
        kinds[0],
        kinds[1],
    )


def unpack_passages(packed: PackedPassages) -> tuple[Passage, ...]:
    """Passages rebuilt from their columns, in C."""
    numbers, counts, matches, kinds, names = packed
    n = len(kinds)
    columns = _read_ints(numbers)
    fields = [columns[k * n : (k + 1) * n] for k in range(6)]
    groups = _groups(_read_ints(matches).tolist(), _read_ints(counts))
    return tuple(
        map(Passage._make, zip(*fields, groups, map(names.__getitem__, kinds), strict=True))
    )


def pack_clusters(clusters: Sequence[Cluster], sentences: Sentences) -> PackedClusters:
    """Clusters as columns: ids, member counts, members as global sentence numbers."""
    members = list(map(attrgetter("members"), clusters))
    return (
        _ints(map(attrgetter("id"), clusters)),
        _ints(map(len, members)),
        _numbers(list(chain.from_iterable(members)), sentences),
    )


def unpack_clusters(refs: Sequence[SentenceRef], packed: PackedClusters) -> tuple[Cluster, ...]:
    """Clusters rebuilt from their columns; ``refs`` are :func:`references`."""
    ids, counts, members = packed
    groups = _groups(list(map(refs.__getitem__, _read_ints(members))), _read_ints(counts))
    return tuple(map(Cluster, _read_ints(ids), groups))


def _groups(flat: list[T], sizes: Sequence[int]) -> Iterator[tuple[T, ...]]:
    """``flat`` cut into consecutive tuples of the given sizes (in C)."""
    ends = list(accumulate(sizes))
    starts = map(add, ends, map(int.__neg__, sizes))
    return map(tuple, map(flat.__getitem__, map(slice, starts, ends)))
