"""Quoted statements (corpus.quote) and the sentence quote flag."""

from __future__ import annotations

import pytest

from corpus.quote import count_words, quote_flags, quoted_spans
from corpus.segment import segment


def _quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quoted_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We will rebuild the harbour,” the mayor said.",
            ["We will rebuild the harbour,"],
        ),
        (
            'She said "the tide will keep our lights on" and left.',
            ["the tide will keep our lights on"],
        ),
        (
            "« Nous allons reconstruire le port », a déclaré la maire.",
            ["Nous allons reconstruire le port"],
        ),
        (
            "„Wir bauen den Hafen auf“, sagte sie. »Das dauert noch viele Jahre«, fügte sie hinzu.",
            ["Wir bauen den Hafen auf", "Das dauert noch viele Jahre"],
        ),
        (
            "‘We will not back down on this,’ Ms Vance said.",
            ["We will not back down on this,"],
        ),
        (
            "「我们将重建港口」，市长说。",
            ["我们将重建港口"],
        ),
        (
            "“He told me ‘we will rebuild’ before the vote,” she said.",
            ["He told me ‘we will rebuild’ before the vote,"],
        ),
    ],
    ids=["curly", "straight", "guillemets", "german", "british_single", "cjk", "nested"],
)
def test_quotation_marks(text: str, expected: list[str]) -> None:
    assert _quoted(text) == expected


def test_spans_exclude_the_marks() -> None:
    text = "The mayor said: “It will keep our lights on.” Then she left."
    [(start, end)] = quoted_spans(text)
    assert text[start - 1] == "“"
    assert text[end] == "”"


def test_multi_sentence_quote_is_one_span() -> None:
    text = (
        "“The tide has shaped this town. Now it will keep our lights on. "
        "It is a good day,” Mayor Vance said."
    )
    assert _quoted(text) == [
        "The tide has shaped this town. Now it will keep our lights on. It is a good day,"
    ]
    assert [sentence.quote for sentence in segment(text)] == [True, True, True]


def test_quote_continues_across_paragraphs() -> None:
    text = (
        "“We will rebuild the harbour, and we will do it together.\n\n"
        "“The council has the money,” she added.\n\n"
        "Other business followed."
    )
    assert _quoted(text) == [
        "We will rebuild the harbour, and we will do it together.",
        "The council has the money,",
    ]
    assert [sentence.quote for sentence in segment(text)] == [True, True, False]


def test_continued_quote_counts_words_over_all_its_paragraphs() -> None:
    text = "“Tides turn.\n\n“Plans too,” she said."
    assert _quoted(text) == ["Tides turn.", "Plans too,"]


def test_paragraph_without_fresh_mark_ends_an_unclosed_straight_quote() -> None:
    text = 'He said "we will not give up on this harbour\n\nThe vote was close.'
    assert quoted_spans(text) == []


def test_unclosed_curly_quote_runs_to_the_end_of_its_paragraph() -> None:
    text = "“We will not give up on this harbour\n\nThe vote was close."
    assert _quoted(text) == ["We will not give up on this harbour"]


@pytest.mark.parametrize(
    "text",
    [
        "The council’s plan won’t pass, and the ’90s showed why.",
        "The councils’ plans and the harbours’ budgets were cut.",
        "It's the mayor's plan, and it isn't cheap.",
        "Rock 'n' roll played at the harbour's opening.",
        "The pipe is 6\" wide and 12' long.",
        "O’Neill’s report and the ‘80s boom were cited.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert quoted_spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The plan is “green” and “cheap”, critics said.",
        "Residents call it 'the big wheel' without irony.",
        "The report, titled “Harbour Futures”, was published.",
        "She called the vote «historique».",
        "「绿色」计划",
    ],
)
def test_scare_quotes_are_not_statements(text: str) -> None:
    assert quoted_spans(text) == []
    assert not any(sentence.quote for sentence in segment(text))


def test_sentence_flag_needs_four_quoted_words_in_that_sentence() -> None:
    text = "“We will build it. Soon,” she said. Then she left."
    assert _quoted(text) == ["We will build it. Soon,"]
    assert [sentence.quote for sentence in segment(text)] == [True, False, False]


def test_quote_flags_with_spans_given() -> None:
    text = "one two three four five six seven eight"
    quoted = [(4, 23)]  # "two three four five"
    assert quote_flags(text, [(0, 13), (14, 39), (0, 39)], quoted) == [False, False, True]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("We won’t back down", 4),
        ("well-known harbour", 2),
        ("$1.2 billion, 40,000 homes", 4),
        ("我们将重建港口", 4),
        ("", 0),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words
