"""Syndicated (a reprint) against rewritten: how much of the derived article is copied."""

import pytest

from corpus.article import Article
from corpus.match import Match, SentenceRef
from corpus.relation import pair_stats, relate
from corpus.settings import Settings


def _kind_of(kinds: list[str], derived_size: int) -> str:
    arts = [
        Article(source="w.md", id="wire", outlet="Wire", text="x", published="2026-05-01T08:00Z"),
        Article(source="d.md", id="copy", outlet="Copy", text="x", published="2026-05-01T12:00Z"),
    ]
    matches = [
        Match(SentenceRef(0, i), SentenceRef(1, i), 0.9, kind) for i, kind in enumerate(kinds)
    ]
    p = relate(arts, [12, derived_size], ["en", "en"], pair_stats(matches), [], Settings())
    (relation,) = p.relations
    assert (relation.source, relation.derived) == (0, 1)
    return relation.kind


@pytest.mark.parametrize(
    ("kinds", "size", "expected"),
    [
        (["edited"] * 6 + ["verbatim"] * 2, 10, "syndicated"),  # a reprint with edits
        (["edited"] * 5 + ["paraphrase"] * 2, 12, "syndicated"),  # a reprint with a new lede
        (["edited"] * 3 + ["paraphrase"] * 2, 11, "rewritten"),  # a digest: copies are few
        (["edited"] * 2 + ["paraphrase"] * 4, 10, "rewritten"),
        (["paraphrase"] * 9, 10, "rewritten"),
    ],
)
def test_a_reprint_is_mostly_copies(kinds: list[str], size: int, expected: str) -> None:
    assert _kind_of(kinds, size) == expected


def test_pair_stats_count_each_side_once_in_any_article_order() -> None:
    ref = SentenceRef
    matches = [
        Match(ref(0, 0), ref(1, 0), 1.0, "verbatim"),
        Match(ref(0, 0), ref(1, 1), 0.5, "paraphrase"),  # sentence 0 of article 0 counted once
        Match(ref(0, 1), ref(2, 3), 0.9, "edited"),
        Match(ref(0, 2), ref(1, 2), 0.8, "quote", quoted=True),
        Match(ref(1, 4), ref(2, 4), 0.9, "edited"),
    ]
    stats = pair_stats(matches)
    assert pair_stats([matches[0], matches[4], *matches[1:4]]) == stats  # article 0 split
    first = stats[(0, 1)]
    assert (first.copied, first.quoted, first.either) == ((1, 2), (1, 1), (2, 3))
    assert first.kinds_of(0) == {"verbatim": 1}
    assert first.kinds_of(1) == {"verbatim": 1, "paraphrase": 1}
    assert set(stats) == {(0, 1), (0, 2), (1, 2)}
