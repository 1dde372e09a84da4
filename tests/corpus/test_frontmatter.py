"""split_front_matter: the flat key: value block at the top of a text article."""

from __future__ import annotations

from corpus.frontmatter import split_front_matter

STORY = "The ferry returns on Monday.\n\nIslanders are pleased.\n"


def test_fields_and_body() -> None:
    text = (
        "---\n"
        "Title: Harbour ferry returns\n"
        'outlet: "The Vell Courier"\n'
        "url: https://courier.example/news/ferry\n"
        "published: '2024-03-14T08:30:00Z'\n"
        "Language:   en  \n"
        "---\n"
        "\n" + STORY
    )
    fields, body = split_front_matter(text)
    assert fields == {
        "title": "Harbour ferry returns",
        "outlet": "The Vell Courier",
        "url": "https://courier.example/news/ferry",
        "published": "2024-03-14T08:30:00Z",
        "language": "en",
    }
    assert body == STORY


def test_value_may_contain_colons() -> None:
    fields, _ = split_front_matter("---\ntitle: Ferry: the return\n---\nText.")
    assert fields == {"title": "Ferry: the return"}


def test_no_front_matter_returns_the_text_unchanged() -> None:
    assert split_front_matter(STORY) == ({}, STORY)
    assert split_front_matter("") == ({}, "")


def test_unclosed_block_is_not_front_matter() -> None:
    text = "---\ntitle: Harbour ferry returns\n\nThe ferry returns on Monday."
    assert split_front_matter(text) == ({}, text)


def test_block_must_start_on_the_first_line() -> None:
    text = "\n---\ntitle: x\n---\nBody."
    assert split_front_matter(text) == ({}, text)


def test_prose_between_rules_is_not_front_matter() -> None:
    text = "---\nThe ferry returns on Monday, officials said.\n---\nMore text."
    assert split_front_matter(text) == ({}, text)


def test_comments_lists_and_empty_values_are_skipped() -> None:
    text = "---\n# exported by a tool\ntags:\n  - ferry\n- harbour\ntitle: Ferry\n\n---\nBody."
    assert split_front_matter(text) == ({"title": "Ferry"}, "Body.")


def test_empty_block() -> None:
    assert split_front_matter("---\n---\nBody text.") == ({}, "Body text.")
