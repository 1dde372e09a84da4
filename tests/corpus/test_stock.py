"""Stray stock phrases (corpus.stock): short lines many unrelated articles carry alone."""

import dataclasses

from corpus.article import Article
from corpus.comparison import Comparison, compare
from corpus.settings import Settings

# Ten unrelated stories (fictional), two sentences each, nothing in common.
STORIES = [
    "The Harlow bridge reopened on Monday after eleven months of repairs. "
    "Commuters queued at dawn to be the first across the new deck.",
    "Tomas Reyle won the regional chess title in Vellmar on Sunday. "
    "He beat the defending champion in a tense final game that lasted five hours.",
    "A fire closed the Quayside bakery for three days last week. "
    "Firefighters blamed a faulty oven fan in the back kitchen.",
    "Brisk winds delayed the Ostrand ferry crossing for most of Thursday morning. "
    "Passengers waited in the terminal cafe until the harbour master gave the all clear.",
    "The Kelvane library will extend its opening hours through the winter exams. "
    "Students had petitioned the board for late access to the reading rooms.",
    "Farmers near Dunmere report an unusually early apple harvest this autumn. "
    "Orchard owners credit the warm spring and a dry, sunny August.",
    "A rare white heron has been spotted on the marshes outside Pellow. "
    "Birdwatchers travelled from across the country to photograph it.",
    "The Corvale youth orchestra toured four cities during the summer break. "
    "Its conductor praised the young violin section after the closing concert.",
    "Road crews began resurfacing the coastal highway near Amberly on Tuesday. "
    "Drivers should expect lane closures at night until the end of the month.",
    "The old Farrow mill is being turned into studios for local painters. "
    "Developers kept the brick chimney and the original wooden beams.",
]
OUTLETS = [
    "Harrow Gazette", "Lintel Courier", "Mossbank Post", "Ferrin Herald", "Quill Daily",
    "Sarne Ledger", "Tolby Chronicle", "Upwell Times", "Varrick Mail", "Wexley Argus",
]  # fmt: skip
STOCK = "The company did not respond to a request for comment."
ALONE = Settings(boilerplate_share=1.0)  # ten of ten articles: the share rule left out


def _articles(extra: list[str], count: int = 10) -> list[Article]:
    return [
        Article(
            source=f"{i}.txt",
            id=f"a{i}",
            outlet=OUTLETS[i],
            text=f"{STORIES[i]}\n\n{extra[i]}",
            language="en",
        )
        for i in range(count)
    ]


def _flags(c: Comparison, line: str) -> list[bool]:
    """Whether each copy of ``line`` (in article order) is boilerplate."""
    return [s.boilerplate for sents in c.sentences for s in sents if s.text == line]


def test_a_stock_line_carried_alone_by_many_articles_is_boilerplate() -> None:
    c = compare(_articles([STOCK] * 10), ALONE)
    assert _flags(c, STOCK) == [True] * 10
    assert c.matches == ()


def test_articles_without_an_outlet_are_read_the_same() -> None:
    arts = [dataclasses.replace(a, outlet=None) for a in _articles([STOCK] * 10)]
    c = compare(arts, ALONE)
    assert _flags(c, STOCK) == [True] * 10
    assert c.matches == ()


def test_fewer_holders_than_the_setting_leave_it_a_match() -> None:
    c = compare(_articles([STOCK] * 10), Settings(boilerplate_share=1.0, stray_min_articles=11))
    assert _flags(c, STOCK) == [False] * 10
    assert len(c.matches) == 45  # every pair of the ten articles shares that line


def test_lines_that_differ_by_an_outlet_name_are_one_stock_line() -> None:
    lines = [f"Read more local news from the {outlet} every morning." for outlet in OUTLETS]
    c = compare(_articles(lines), ALONE)
    assert [_flags(c, line) for line in lines] == [[True]] * 10
    assert c.matches == ()


def test_a_short_line_copied_with_its_context_is_evidence() -> None:
    # ten copies of one wire passage, each after its own story: the short middle line travels
    # with the sentences around it, so it is copied text, not a stock phrase
    passage = (
        "The Tessaly dam inspection found cracks in the northern spillway last week. "
        "Engineers want the reservoir lowered. "
        "The regional water board will decide on the request at its meeting next month."
    )
    c = compare(_articles([passage] * 10), ALONE)
    assert _flags(c, "Engineers want the reservoir lowered.") == [False] * 10
    matched = {m.a for m in c.matches} | {m.b for m in c.matches}
    short = [
        (k, s.index)
        for k, sents in enumerate(c.sentences)
        for s in sents
        if s.text == "Engineers want the reservoir lowered."
    ]
    assert all(any(r.article == k and r.sentence == i for r in matched) for k, i in short)


def test_a_quoted_statement_and_a_line_with_figures_are_never_stock() -> None:
    quote = '"We will rebuild the pier before summer," the mayor said.'
    figures = "The fund paid out 42 grants last year."
    for line in (quote, figures):
        c = compare(_articles([line] * 10), ALONE)
        assert _flags(c, line) == [False] * 10, line
        assert len(c.matches) == 45, line
