"""Wire datelines are left out of what the matcher compares."""

import pytest

from corpus.dateline import dateline_end
from corpus.features import sentence_features


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("HALVERTON, Westria, March 9 (CPW) — About 1,400 drivers walked out.", "About"),
        ("CASTELMARRE, Ostrevia, May 12, 2026 — Verdanne is recalling 14 batches.", "Verdanne"),
        ("PORT ELANDRA (MWS) – The council voted 7-2.", "The"),
        ("VELLMAR, 4 de mayo (HWS) -- El consejo votó 9-2.", "El"),
        ("HALVERTON, Westria, 9. März (CPW) – Rund 1400 Lokführer streikten.", "Rund"),
    ],
)
def test_a_dateline_ends_at_its_dash(text: str, rest: str) -> None:
    assert text[dateline_end(text) :].startswith(rest)


@pytest.mark.parametrize(
    "text",
    [
        "NATO — the alliance said on Monday it would send more ships.",
        "US-backed talks resumed in Geneva on Monday.",
        "The council voted 7-2 — a wide margin — on Tuesday.",
        "Halverton, a city of 400,000 — the state's third largest — voted.",
    ],
)
def test_sentences_without_a_dateline_are_whole(text: str) -> None:
    assert dateline_end(text) == 0


def test_a_copy_that_drops_the_dateline_reads_the_same() -> None:
    wire = sentence_features(
        "HALVERTON, Westria, March 9 (CPW) — Drivers walked out at dawn.", "en"
    )
    copy = sentence_features("Drivers walked out at dawn.", "en")
    assert wire.words == copy.words and wire.names == copy.names


def test_quotes_after_a_dateline_keep_their_place() -> None:
    text = 'HALVERTON (CPW) — "We never wanted a strike," she said.'
    start = text.index('"')
    f = sentence_features(text, "en", [(start, text.index('"', start + 1) + 1)])
    assert f.quote_words == ("we", "never", "wanted", "a", "strike")
    assert f.frame_words == ("she", "said")
