"""Stock text shared across articles is marked boilerplate and never matched."""

import pytest

from corpus.article import Article
from corpus.comparison import compare
from corpus.match import SentenceRef

FOOTER = "Our reporters cover the harbour district every single weekday."


def test_sentence_repeated_across_one_outlets_articles_is_boilerplate() -> None:
    stories = [
        "The Harlow bridge reopened on Monday after a long repair.",
        "Tomas Reyle won the regional chess title in Vellmar on Sunday.",
        "A fire closed the Quayside bakery for three days last week.",
    ]
    arts = [
        Article(source=f"{i}.txt", id=f"a{i}", outlet="The Bayside Post", text=f"{t}\n\n{FOOTER}")
        for i, t in enumerate(stories)
    ]
    c = compare(arts)
    for sents in c.sentences:
        footer = [s for s in sents if s.text == FOOTER]
        assert footer and footer[0].boilerplate
        assert not any(s.boilerplate for s in sents if s.text != FOOTER)
    assert c.matches == ()


def _story(*texts: tuple[str, str, str]) -> list[Article]:
    return [
        Article(source=f"{i}.md", id=i, outlet=outlet, text=text, language=lang)
        for i, outlet, text, lang in ((t[0], t[0].title(), t[1], t[2]) for t in texts)
    ]


WIRE = (
    "Drivers on the Brannock tramway walked out at dawn on Friday over a pay dispute. "
    "The union wants raises of 7.5% a year for four years, while the operator has offered "
    "2.9% a year and a bonus of $900 per driver. "
    "Only 14 of the 230 scheduled trams ran by noon, the operator said. "
    "The strike is the first on the network since 2009. "
    "Talks are set to resume on Monday at the labour ministry."
)
REWRITE = (
    "Tram drivers in Brannock stopped work at dawn Friday in a row over pay. "
    "Their union is asking for 7.5% more each year for four years. "
    "The operator's offer is 2.9% a year plus a $900 bonus for each driver. "
    "By noon the operator was running just 14 of 230 planned trams. "
    "It is the network's first strike since 2009."
)


def test_a_sentence_split_in_two_matches_both_halves() -> None:
    c = compare(_story(("wire", WIRE, "en"), ("blog", REWRITE, "en")))
    partners = {m.b.sentence for m in c.matches if m.a == SentenceRef(1, 1)}
    partners |= {m.a.sentence for m in c.matches if m.b == SentenceRef(1, 1)}
    halves = {m.b.sentence if m.a.article == 0 else m.a.sentence for m in c.matches}
    assert 1 in halves
    wire_second = [m for m in c.matches if SentenceRef(0, 1) in (m.a, m.b)]
    assert {(m.b if m.a.article == 0 else m.a).sentence for m in wire_second} == {1, 2}
    assert all(m.kind == "paraphrase" for m in wire_second)


def test_a_german_credit_line_names_the_source() -> None:
    copy = "Tramfahrer in Brannock haben am Freitag gestreikt. " + (
        "Dieser Artikel erschien zuerst in der Brannock Evening News."
    )
    arts = [
        Article(source="a.md", id="a", outlet="Brannock Evening News", text=WIRE, language="en"),
        Article(source="b.md", id="b", outlet="Tagesblatt", text=copy, language="de"),
    ]
    from corpus.attribution import find_credits

    credits = find_credits(arts)
    assert [(cr.article, cr.source, cr.strength) for cr in credits] == [(1, 0, 3)]


@pytest.mark.parametrize(
    "line",
    [
        "Este artículo se publicó originalmente en inglés en The Brannock Evening News.",
        "Publicado originalmente por The Brannock Evening News.",
        "La nota apareció por primera vez en The Brannock Evening News.",
    ],
)
def test_a_spanish_credit_line_names_the_source(line: str) -> None:
    copy = "Los conductores de tranvía de Brannock hicieron huelga el viernes. " + line
    arts = [
        Article(source="a.md", id="a", outlet="The Brannock Evening News", text=WIRE),
        Article(source="b.md", id="b", outlet="Diario", text=copy, language="es"),
    ]
    from corpus.attribution import find_credits

    credits = find_credits(arts)
    assert [(cr.article, cr.source, cr.strength) for cr in credits] == [(1, 0, 3)]


def test_a_sentence_repeated_in_one_article_counts_once() -> None:
    """Two files of one sentence repeated 3,000 times: one match, not nine million."""
    line = "The council approved the harbour dredging plan on Monday after a long debate. "
    arts = [
        Article(source=f"{i}.txt", id=str(i), text=line * 3000, language="en") for i in range(2)
    ]
    c = compare(arts)
    assert [(m.a, m.b, m.kind) for m in c.matches] == [
        (SentenceRef(0, 0), SentenceRef(1, 0), "verbatim")
    ]
    assert all(s.boilerplate for s in c.sentences[0][1:])


def test_shared_share_is_the_share_of_characters_in_matched_sentences() -> None:
    """Boilerplate aside, by sentence length: checked against the matches of the sample story,
    where some articles are partly shared and none is wholly."""
    from corpus.load import load_sources, sample_sources

    c = compare(load_sources(sample_sources(), warn=lambda message: None))
    matched = {m.a for m in c.matches} | {m.b for m in c.matches}
    shares = []
    for k, sents in enumerate(c.sentences):
        kept = [s for s in sents if not s.boilerplate]
        done = sum(s.end - s.start for s in kept if SentenceRef(k, s.index) in matched)
        expected = done / sum(s.end - s.start for s in kept)
        assert c.shared_share(k) == pytest.approx(expected, abs=1e-12)
        shares.append(expected)
    assert any(0.0 < share < 1.0 for share in shares)
