"""The sentence scorer: kinds, the traps named in the matching issue, symmetry."""

import pytest

from corpus.features import sentence_features, story_weights
from corpus.score import classify, score_pair
from corpus.settings import Settings

BACKGROUND = [
    "The council met on Tuesday evening at the town hall.",
    "Residents asked about parking near the harbour.",
    "Tidal energy has been studied for decades along the coast.",
    "The weather was mild for the season.",
    "Several projects have been proposed in the region over the years.",
]


def kind_of(a: str, b: str) -> str | None:
    fa, fb = sentence_features(a, "en"), sentence_features(b, "en")
    weights = story_weights([fa, fb, *(sentence_features(s, "en") for s in BACKGROUND)])
    settings = Settings()
    return classify(fa, fb, score_pair(fa, fb, weights, settings), settings)


WIRE = (
    "The Port Elandra city council approved a $1.2 billion tidal energy array on Tuesday, "
    "clearing the way for 48 turbines in the Saltmere Channel."
)


@pytest.mark.parametrize(
    ("other", "kind"),
    [
        (WIRE.replace("$1.2 billion", "$1.2 billion"), "verbatim"),
        (
            WIRE.replace("city council", "City Council").replace(
                "$1.2 billion", "1,200 million dollar"
            ),
            "verbatim",
        ),
        (WIRE.replace("on Tuesday, clearing", "late on Tuesday, a vote clearing"), "edited"),
        (WIRE.replace("approved", "passed"), "edited"),
        (WIRE.replace("on Tuesday", "Tuesday"), "edited"),
        (WIRE.replace(", clearing the way for 48 turbines in the Saltmere Channel", ""), "edited"),
        ("The council approved the energy project.", None),
        (
            "Tidal energy projects like the one approved by the council are common in the region.",
            None,
        ),
        (
            "The Port Elandra city council approved a $2.5 billion housing plan on Tuesday, "
            "clearing the way for 900 homes in the Eastmoor district.",
            None,
        ),
    ],
    ids=[
        "identical",
        "surface",
        "words-added",
        "one-word-replaced",
        "one-word-dropped",
        "clause-dropped",
        "headline-subset",
        "topic-only",
        "same-frame-different-facts",
    ],
)
def test_kinds(other: str, kind: str | None) -> None:
    assert kind_of(WIRE, other) == kind


def test_shared_quote_with_different_frame_is_quote() -> None:
    a = (
        "“This array will light forty thousand homes without burning a single tonne of coal,” "
        "said Mayor Ilse Marrow at the vote."
    )
    b = (
        "Speaking to fishermen later, the mayor repeated her pledge: “This array will light "
        "forty thousand homes without burning a single tonne of coal.”"
    )
    fa = sentence_features(a, "en", [(1, a.index("”"))])
    fb = sentence_features(b, "en", [(b.index("“") + 1, b.index("”"))])
    weights = story_weights([fa, fb])
    s = score_pair(fa, fb, weights, Settings())
    assert s.quote >= 0.9
    assert classify(fa, fb, s, Settings()) == "quote"


def test_scores_are_symmetric() -> None:
    b = "Councillors voted for the tidal array, which will cost $1.2 billion."
    fa, fb = sentence_features(WIRE, "en"), sentence_features(b, "en")
    w = story_weights([fa, fb])
    assert score_pair(fa, fb, w, Settings()) == score_pair(fb, fa, w, Settings())


REWRITE = (
    "Forty-eight turbines will be installed in the Saltmere Channel after Port Elandra's "
    "councillors voted on Tuesday to back the $1.2 billion tidal scheme."
)
TOPIC = "Tidal energy projects like the one approved by the council are common in the region."


def test_rewrite_outscores_topic_sentence_and_reaches_related_threshold() -> None:
    sentences = [WIRE, REWRITE, TOPIC, *BACKGROUND]
    feats = [sentence_features(s, "en") for s in sentences]
    weights = story_weights(feats)
    settings = Settings()
    rewrite = score_pair(feats[0], feats[1], weights, settings)
    topic = score_pair(feats[0], feats[2], weights, settings)
    assert rewrite.numbers == 1.0 and rewrite.names == 1.0
    assert rewrite.paraphrase >= settings.related_min
    assert rewrite.paraphrase > 2 * topic.paraphrase
