"""Stock text shared across articles is marked boilerplate and never matched."""

from corpus.article import Article
from corpus.comparison import compare

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
