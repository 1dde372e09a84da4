"""Candidate pairs: copies always, shared shingles or stems, common evidence ignored at scale."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from types import SimpleNamespace

import pytest

import corpus.candidates as candidates
from corpus.candidates import candidate_pairs, language_pairs
from corpus.comparison import _features
from corpus.features import SentenceFeatures, sentence_features, story_weights
from corpus.load import load_sources, sample_sources
from corpus.match import Doc, SentenceRef
from corpus.score import classify, score_pair
from corpus.segment import segment
from corpus.settings import Settings
from corpus.stock import mark_stock_text


def docs_of(*articles: list[str], language: str = "en") -> list[list[SentenceFeatures | None]]:
    return [[sentence_features(s, language) for s in sentences] for sentences in articles]


def pairs_of(docs: list[list[SentenceFeatures | None]], languages: list[str]) -> set:
    found = candidate_pairs(docs, languages)
    return {(a, b) for a, b, _ in found.expand(found.pairs)}


WIRE = "The Harlow council approved a $40 million seawall for the Quayside district on Monday."
EDIT = "The Harlow council approved a $40 million flood wall for the Quayside district on Monday."
OTHER = "Ferry services to Inchmoor island will resume on Thursday after repairs to the pier."


def test_copies_in_different_articles_are_proposed_once_and_never_within_one() -> None:
    docs = docs_of([WIRE, OTHER], [WIRE], [WIRE, WIRE])
    pairs = pairs_of(docs, ["en", "en", "en"])
    wire_refs = [SentenceRef(0, 0), SentenceRef(1, 0), SentenceRef(2, 0), SentenceRef(2, 1)]
    expected = {(a, b) for a in wire_refs for b in wire_refs if a < b and a.article != b.article}
    assert expected <= pairs
    assert (SentenceRef(2, 0), SentenceRef(2, 1)) not in pairs
    assert all(a < b and a.article != b.article for a, b in pairs)


def test_an_edited_copy_is_proposed_and_an_unrelated_sentence_is_not() -> None:
    pairs = pairs_of(docs_of([WIRE], [EDIT], [OTHER]), ["en", "en", "en"])
    assert (SentenceRef(0, 0), SentenceRef(1, 0)) in pairs
    assert not any(SentenceRef(2, 0) in pair for pair in pairs)


def test_sentences_in_different_languages_are_never_paired_here() -> None:
    docs = [[sentence_features(WIRE, "en")], [sentence_features(WIRE, "es")]]
    assert pairs_of(docs, ["en", "es"]) == set()


def test_expand_lists_every_copy_pair_sorted_with_its_distinct_key() -> None:
    docs = docs_of([WIRE], [EDIT], [WIRE], [EDIT])
    found = candidate_pairs(docs, ["en"] * 4)
    items = found.expand(found.pairs)
    assert [(a, b) for a, b, _ in items] == sorted((a, b) for a, b, _ in items)
    assert len(items) == 6  # all pairs of four sentences in four articles
    for a, b, (ka, kb) in items:
        assert found.features[ka] == docs[a.article][a.sentence]
        assert found.features[kb] == docs[b.article][b.sentence]


def test_a_shingle_in_too_many_sentences_proposes_nothing_once_the_budget_binds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every sentence carries the stock phrase "said in a statement" and nothing else in common.
    articles = [
        [f"Official {name} of the {place} board said in a statement that talks went well."]
        for name, place in zip(
            ["Adler", "Brandt", "Cole", "Dunn", "Ebert", "Fisk", "Gray", "Hale"],
            ["harbour", "rail", "water", "schools", "parks", "housing", "transit", "health"],
            strict=True,
        )
    ]
    docs = docs_of(*articles)
    small = pairs_of(docs, ["en"] * len(docs))
    assert small  # within the budget, the shared shingle proposes every pair
    monkeypatch.setattr(candidates, "BUDGET_BASE", 5)
    monkeypatch.setattr(candidates, "BUDGET_PER_SENTENCE", 0)
    assert pairs_of(docs, ["en"] * len(docs)) == set()


@pytest.mark.parametrize("hashing", ["hash", "colliding"])
def test_shingles_propose_the_pairs_of_every_shingle_within_the_cap(
    monkeypatch: pytest.MonkeyPatch, hashing: str
) -> None:
    """Against the rule written plainly, on random sentences over a small vocabulary (shingles
    recur in from one to many sentences) and budgets from tight to loose; also where most
    shingles share a hash (the hashes only sort out shingles found once)."""
    if hashing == "colliding":
        monkeypatch.setattr(candidates, "hash", lambda shingle: len(shingle[0]) % 2, raising=False)
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(12)]
    for trial in range(40):
        words = [tuple(rng.choices(vocabulary, k=rng.randint(0, 9))) for _ in range(40)]
        features = [SimpleNamespace(words=w) for w in words]
        group = sorted(rng.sample(range(len(words)), 30))
        budget = rng.choice([0, 3, 20, 100, 10_000])
        in_sentences: dict[tuple[str, ...], list[int]] = {}
        for k in group:
            for shingle in set(zip(words[k], words[k][1:], words[k][2:], strict=False)):
                in_sentences.setdefault(shingle, []).append(k)
        counts = Counter(len(ks) for ks in in_sentences.values() if len(ks) >= 2)
        cap = candidates._cap_within_budget(counts, budget, len(group))
        expected = {
            pair
            for ks in in_sentences.values()
            if 2 <= len(ks) <= cap
            for pair in itertools.combinations(ks, 2)
        }
        found: set[tuple[int, int]] = set()
        assert candidates._shingles(group, features, budget, found) == cap, trial  # type: ignore[arg-type]
        assert found == expected, trial


def test_stems_propose_the_pairs_sharing_enough_stems_within_the_caps() -> None:
    """Against the rule written plainly, on random sentences over a small set of stems, with
    copies (the old cap counts them), budgets from tight to loose and the old cap binding or
    not."""
    rng = random.Random(11)
    stems = [f"s{i}" for i in range(15)]
    for trial in range(60):
        content = [tuple(rng.choices(stems, k=rng.randint(0, 6))) for _ in range(40)]
        features = [SimpleNamespace(content=c) for c in content]
        members = [[0] * rng.randint(1, 3) for _ in content]
        group = sorted(rng.sample(range(len(content)), 30))
        budget = rng.choice([0, 5, 40, 200, 10_000])
        old_cap = rng.choice([4, 12, 1_000])
        postings: dict[str, list[int]] = {}
        for k in group:
            for stem in set(content[k]):
                postings.setdefault(stem, []).append(k)
        postings = {
            t: ks for t, ks in postings.items() if sum(len(members[k]) for k in ks) <= old_cap
        }
        cap = candidates._within_budget(postings, budget, len(group))  # type: ignore[arg-type]
        shared = Counter(
            pair for ks in postings.values() if 2 <= len(ks) <= cap
            for pair in itertools.combinations(ks, 2)
        )  # fmt: skip
        need = 2 if all(len(ks) <= cap for ks in postings.values()) else candidates.STEMS_AT_SCALE
        few = {k for k in group if len(set(content[k])) <= 2}
        expected = {
            (x, y) for (x, y), count in shared.items() if count >= need or x in few or y in few
        }
        found: set[tuple[int, int]] = set()
        got = candidates._stems(group, features, members, old_cap, budget, found)  # type: ignore[arg-type]
        assert got == cap, trial
        assert found == expected, trial


def test_within_budget_takes_the_rarest_units_first() -> None:
    postings: dict[object, list[int]] = {
        "rare": [1, 2],
        "mid": [1, 2, 3, 4],
        "common": list(range(50)),
    }
    assert candidates._within_budget(postings, 10, 100) == 4  # 1 + 6 pairs fit, 1225 do not
    assert candidates._within_budget(postings, 10_000, 100) == 50
    assert candidates._within_budget(postings, 10_000, 10) == 4  # never above the hard cap


def test_every_pair_the_scorer_accepts_in_the_sample_story_is_a_candidate() -> None:
    """Exhaustive check: score every same-language pair of the sample story."""
    settings = Settings()
    arts = load_sources(sample_sources(), warn=print)
    languages = [(a.language or "en")[:2] for a in arts]
    sentences = [segment(a.text, lang) for a, lang in zip(arts, languages, strict=True)]
    docs: list[list[SentenceFeatures | None]] = [
        _features(a.text, s, lang) for a, s, lang in zip(arts, sentences, languages, strict=True)
    ]
    mark_stock_text(arts, sentences, docs, languages, settings)
    weights = story_weights(f for doc in docs for f in doc if f is not None)
    proposed = pairs_of(docs, languages)
    accepted = set()
    refs = [
        (SentenceRef(ai, si), f, languages[ai])
        for ai, doc in enumerate(docs)
        for si, f in enumerate(doc)
        if f is not None
    ]
    for i, (ra, fa, la) in enumerate(refs):
        for rb, fb, lb in refs[i + 1 :]:
            if ra.article != rb.article and la == lb:
                s = score_pair(fa, fb, weights, settings)
                if classify(fa, fb, s, settings) is not None:
                    accepted.add((ra, rb))
    assert len(accepted) > 20
    assert accepted <= proposed


def test_language_pairs_aligns_all_when_few_and_needs_shared_figures_at_scale() -> None:
    en = docs_of(
        ["Mayor Ines Varga said 412 homes in Brackley and Tolland will get $31 million."],
        ["The Quill river rose 2 metres at Ostrava on Friday."],
    )
    es = docs_of(
        ["La alcaldesa Ines Varga dijo que 412 hogares en Brackley y Tolland recibirán fondos."],
        language="es",
    )
    docs: list[Doc] = [*en, *es]
    languages = ["en", "en", "es"]
    assert language_pairs(docs, languages) is None
    assert language_pairs(docs, languages, limit=0) == [(0, 2)]


def test_sentences_of_one_article_are_never_paired_with_each_other() -> None:
    """A long single article proposes nothing to score: its sentences can only match others'."""
    from corpus.candidates import candidate_pairs
    from corpus.features import sentence_features

    lines = [f"The harbour board approved dredging plan {i} for the channel." for i in range(300)]
    doc = [sentence_features(line, "en") for line in lines]
    assert candidate_pairs([doc], ["en"]).pairs == []
    both = candidate_pairs([doc, [doc[5]]], ["en", "en"])
    # Only pairs with the sentence that also appears in the second article are left.
    assert both.pairs and all(5 in pair for pair in both.pairs)
