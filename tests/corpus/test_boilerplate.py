"""Page and press-release furniture (corpus.boilerplate)."""

from __future__ import annotations

import pytest

from corpus.boilerplate import boilerplate_flags, is_boilerplate

FURNITURE = [
    # Share buttons and prompts.
    "Share this article",
    "Share on Facebook",
    "Share",
    "Tweet",
    "Facebook Twitter LinkedIn Email",
    "Print this article",
    "Copy link",
    "Follow us on Twitter",
    "Follow us on Chirper for the latest harbour news",
    "Follow @meridianwire on X",
    # Navigation.
    "Read more: Harbour plan faces new delay",
    "READ MORE: Council votes on the budget",
    "Related: Tidal power in the North Sea",
    "Related articles",
    "See also: How tidal turbines work",
    "Recommended",
    "Recommended for you",
    "Most read",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Continue reading",
    "Skip to content",
    "3 min read",
    "Leer más: El puerto aprueba el plan",
    "Lire aussi : le conseil vote",
    # Calls to action.
    "Sign up for our newsletter",
    "Sign up for our daily newsletter to get the latest harbour news in your inbox.",
    "Subscribe now",
    "Subscribe to our newsletter",
    "Download our app",
    "Download the Harbour Times app for free",
    "Click here to read the full report",
    "For more information, contact the press office.",
    # Copyright footers.
    "© 2026 Harbour Times",
    "© Meridian Wire Service",
    "Copyright 2026 Meridian Wire Service. All rights reserved.",
    "(c) 2026 Port Elandra Courier",
    "Harbour Times Ltd. All rights reserved.",
    # Captions and credits.
    "Photo: Jan Vos",
    "(Photo by Jan Vos/MWS)",
    "Image: Lina Ostrova / Getty",
    "Photograph: Jan Vos/Meridian Wire Service",
    "Turbines at Gannet Point / Getty Images",
    "Jan Vos/MWS",
    "File photo",
    # Counters.
    "1,234 views",
    "12 comments",
    "3.4K shares",
    "Comments (12)",
    # Bare timestamps and bylines.
    "Updated 10:42 GMT",
    "March 4, 2026",
    "4 March 2026",
    "Published 3 hours ago",
    "Last updated on 4 March 2026 at 10:42",
    "2026-03-04 10:42",
    "Tuesday, March 4, 2026 | 10:42 a.m.",
    "By Jane Doe",
    "By Jane Doe and Ravi Menon | Harbour Times",
    "By Ravi Menon, Staff Reporter",
    # Press-release furniture.
    "###",
    "# # #",
    "-ends-",
    "– ENDS –",
    "-30-",
    "Media contact: Jane Doe, press@example.org",
    "Press contact: Tomas Reller, +00 555 0142",
]

NEWS = [
    "The council will send a newsletter to every household next week.",
    "Subscribers to the council's newsletter were told on Monday that the harbour would close.",
    "Sign up for the scheme opens on Monday, the council said.",
    "A photograph of the mayor was shown at the meeting.",
    "The photo, taken on March 4, shows the flooded harbour.",
    "Photographers were kept away from the harbour.",
    "Copyright law in the bloc changed in 2024.",
    "The publisher said the photographs were protected by copyright.",
    "By Tuesday, the council had voted.",
    "By contrast, analysts expect growth.",
    "By March 4, 2026, the array must be complete.",
    "Officials said 1,234 people had viewed the plan online.",
    "The vote, held on March 4, 2026, was close.",
    "March 4, 2026 was the day the council voted.",
    "Read more about the plan on the council website.",
    "More than 600 people will work on the array.",
    "Share prices rose 3% on Tuesday.",
    "The council shared the report with residents.",
    "Follow the money, the auditor said.",
    "“Follow us on this journey,” the mayor told residents.",
    "Advertisement revenue fell 12% last year.",
    "Media coverage of the vote was intense.",
    "The harbour authority said the plan was recommended by engineers.",
    "Related projects in the region have stalled.",
    "The port/harbour authority approved the plan.",
    "Twelve comments were submitted during the consultation.",
    "The company will subscribe to the new grid tariff from 2028.",
    "The day began with a vote.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("sentence", NEWS)
def test_news_sentences_are_not_boilerplate(sentence: str) -> None:
    assert not is_boilerplate(sentence)


def test_whitespace_inside_a_line_does_not_matter() -> None:
    assert is_boilerplate("  Share\n  this   article ")
    assert not is_boilerplate("")


def test_long_sentence_with_furniture_words_is_not_boilerplate() -> None:
    sentence = (
        "Subscribe to the idea that the harbour can be rebuilt in a year and you will be "
        "disappointed, because the council has neither the money nor the engineers it needs "
        "and the tides do not wait for anyone."
    )
    assert not is_boilerplate(sentence)


def _article(*paragraphs: list[str]) -> list[tuple[str, int]]:
    return [(text, number) for number, sentences in enumerate(paragraphs) for text in sentences]


def test_about_section_at_the_end_of_a_release_is_boilerplate() -> None:
    sentences = _article(
        ["Acme Tidal will build the array.", "Work starts in 2027."],
        ["The first turbines follow in 2028."],
        ["About Acme Tidal Power"],
        ["Acme Tidal builds tidal plants.", "It employs 400 people."],
    )
    assert boilerplate_flags(sentences) == [False, False, False, True, True, True]


@pytest.mark.parametrize(
    "sentences",
    [
        # At the top of the article: a headline, not a closing section.
        _article(["About Acme Tidal Power"], ["One."], ["Two."], ["Three."], ["Four."]),
        # Not a company name.
        _article(["One.", "Two.", "Three."], ["About the plan"], ["Four.", "Five."]),
        # Not alone in its paragraph.
        _article(["One.", "Two.", "Three."], ["About Acme Tidal Power", "Four."], ["Five."]),
    ],
)
def test_about_heading_needs_its_shape_and_place(sentences: list[tuple[str, int]]) -> None:
    assert not any(boilerplate_flags(sentences))
