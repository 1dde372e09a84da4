"""Passages: runs of adjacent matches of two articles, and their kind."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.match import Match, SentenceRef
from corpus.passage import build_passages, rekind, relabelled

KINDS = ["verbatim", "edited", "paraphrase", "quote"]


def _matches(rng: random.Random) -> list[Match]:
    """Matches between a few articles, sorted by sentence as a comparison holds them."""
    pairs = set()
    for _ in range(rng.randint(0, 60)):
        a, b = sorted(rng.sample(range(4), 2))
        pairs.add((SentenceRef(a, rng.randint(0, 12)), SentenceRef(b, rng.randint(0, 12))))
    return [Match(a, b, 0.9, rng.choice(KINDS)) for a, b in sorted(pairs)]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 3))
def test_passages_built_before_labels_and_given_them_are_those_built_after(
    seed: int, gap: int
) -> None:
    """A comparison groups its matches into passages before relations relabel some of them
    (quotes, paraphrases across translations): the kinds are then put right."""
    rng = random.Random(seed)
    before = _matches(rng)
    after = [m._replace(kind=rng.choice(KINDS)) if rng.random() < 0.3 else m for m in before]
    changed = relabelled(before, after)
    pairs = enumerate(zip(before, after, strict=True))
    assert changed == [i for i, (x, y) in pairs if x.kind != y.kind]
    assert rekind(build_passages(before, gap), after, changed) == build_passages(after, gap)


def test_a_passage_takes_the_first_seen_of_its_most_common_kinds() -> None:
    refs = [(SentenceRef(0, i), SentenceRef(1, i)) for i in range(4)]
    before = [Match(a, b, 0.9, "verbatim") for a, b in refs]
    kinds = ["quote", "edited", "edited", "quote"]
    after = [m._replace(kind=k) for m, k in zip(before, kinds, strict=True)]
    [passage] = rekind(build_passages(before, 1), after, relabelled(before, after))
    assert passage.kind == "quote" and passage.matches == (0, 1, 2, 3)
    assert rekind(build_passages(before, 1), before, []) == build_passages(before, 1)
