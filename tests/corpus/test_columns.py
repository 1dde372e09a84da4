"""A comparison's records as columns for the cache (corpus.columns): they come back equal."""

from __future__ import annotations

import dataclasses

import pytest

from corpus import cache, columns
from corpus.comparison import Comparison
from corpus.match import SentenceRef
from corpus.passage import Cluster, Passage
from corpus.sentence import Sentence
from tests.corpus.export_fixtures import hostile, sample


@pytest.fixture(scope="module", params=["sample", "hostile"])
def compared(request: pytest.FixtureRequest) -> Comparison:
    return sample() if request.param == "sample" else hostile()


def test_the_sample_has_every_kind_of_record() -> None:
    # the round trips below must see both values of every flag, or they prove little
    c = sample()
    flat = [s for sents in c.sentences for s in sents]
    assert {s.boilerplate for s in flat} == {s.quote for s in flat} == {True, False}
    assert {m.quoted for m in c.matches} == {True, False}
    assert len({m.kind for m in c.matches}) >= 3 and len({p.kind for p in c.passages}) >= 2


def test_sentences_come_back_equal(compared: Comparison) -> None:
    packed = columns.pack_sentences(compared.articles, compared.sentences)
    assert packed is not None
    back = columns.unpack_sentences(compared.articles, packed)
    assert back == compared.sentences
    assert {type(s) for sents in back for s in sents} == {Sentence}


def test_matches_come_back_equal_sharing_one_reference_per_sentence(
    compared: Comparison,
) -> None:
    packed = columns.pack_matches(compared.matches, compared.sentences)
    assert packed is not None
    back = columns.unpack_matches(columns.references(compared.sentences), packed)
    assert back == compared.matches
    assert {type(r) for m in back for r in (m.a, m.b)} == {SentenceRef}
    assert {type(m.quoted) for m in back} == {bool}
    shared = {id(r) for m in back for r in (m.a, m.b)}
    assert len(shared) == len({r for m in back for r in (m.a, m.b)})


def test_passages_come_back_equal(compared: Comparison) -> None:
    packed = columns.pack_passages(compared.passages)
    assert packed is not None
    back = columns.unpack_passages(packed)
    assert back == compared.passages
    assert {type(p) for p in back} == {Passage}
    assert {type(p.matches) for p in back} == {tuple}


def test_clusters_come_back_equal_sharing_the_references_of_matches(
    compared: Comparison,
) -> None:
    assert compared.clusters
    refs = columns.references(compared.sentences)
    packed = columns.pack_clusters(compared.clusters, compared.sentences)
    back = columns.unpack_clusters(refs, packed)
    assert back == compared.clusters
    assert {type(k) for k in back} == {Cluster} and {type(k.id) for k in back} == {int}
    members = [r for k in back for r in k.members]
    assert members and all(r is refs[refs.index(r)] for r in members)
    # and a stored comparison's matches and clusters name a sentence with one object
    stored = cache.decode(cache.encode(compared))
    assert stored is not None
    by_value = {r: r for m in stored.matches for r in (m.a, m.b)}
    shared = [r for k in stored.clusters for r in k.members if r in by_value]
    assert shared and all(by_value[r] is r for r in shared)


def test_no_records_pack_and_come_back_empty() -> None:
    passages = columns.pack_passages(())
    matches = columns.pack_matches((), ())
    sentences = columns.pack_sentences((), ())
    assert passages is not None and matches is not None and sentences is not None
    assert columns.unpack_passages(passages) == ()
    assert columns.unpack_matches([], matches) == ()
    assert columns.unpack_sentences((), sentences) == ()
    assert columns.unpack_clusters([], columns.pack_clusters((), ())) == ()


def test_a_sentence_whose_text_is_not_its_span_is_kept_whole() -> None:
    c = sample()
    first = c.sentences[0][0]
    odd = (
        (dataclasses.replace(first, text=first.text.upper()), *c.sentences[0][1:]),
        *c.sentences[1:],
    )
    assert columns.pack_sentences(c.articles, odd) is None
    unusual = dataclasses.replace(c, sentences=odd)
    assert cache.decode(cache.encode(unusual)) == unusual


def test_passages_of_too_many_kinds_are_kept_whole() -> None:
    c = sample()
    odd = tuple(p._replace(kind=f"kind {k}") for k, p in enumerate(c.passages * 300))
    assert columns.pack_passages(odd) is None
    unusual = dataclasses.replace(c, passages=odd)
    assert cache.decode(cache.encode(unusual)) == unusual


def test_matches_of_too_many_kinds_are_kept_whole() -> None:
    c = sample()
    odd = tuple(m._replace(kind=f"kind {k}") for k, m in enumerate(c.matches * 300))
    assert columns.pack_matches(odd, c.sentences) is None
    unusual = dataclasses.replace(c, matches=odd)
    assert cache.decode(cache.encode(unusual)) == unusual


def test_a_stored_comparison_is_equal_and_smaller_than_plain_pickling(
    compared: Comparison,
) -> None:
    import pickle
    import zlib

    data = cache.encode(compared)
    assert cache.decode(data) == compared
    assert len(data) < len(zlib.compress(pickle.dumps(compared, protocol=5), 1))
