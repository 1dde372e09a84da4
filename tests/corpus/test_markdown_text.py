"""markdown_to_text: light Markdown becomes plain article text; plain text is untouched."""

from __future__ import annotations

import pytest

from corpus.markdown_text import markdown_to_text


def test_headings_lose_their_markers_and_stand_alone() -> None:
    text = "Intro line.\n# Harbour ferry returns ##\nThe ferry sails again.\n\n### Timetable\n"
    assert markdown_to_text(text) == (
        "Intro line.\n\nHarbour ferry returns\n\nThe ferry sails again.\n\nTimetable\n"
    )


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("The **refit** cost *2.6 million* crowns.", "The refit cost 2.6 million crowns."),
        ("It was __very__ _late_ and ***costly***.", "It was very late and costly."),
        ("**Bold with _italic_ inside**.", "Bold with italic inside."),
        ("See [the report](https://port.example/r.pdf).", "See the report."),
        ('See [the report](https://port.example/r "Report").', "See the report."),
        ("See [the report][1] today.", "See the report today."),
        ("Before ![The ferry](ferry.jpg) after.", "Before  after."),
        ("Kept <!-- editor: check figure --> text.", "Kept  text."),
        ("Run `refit --full` now.", "Run refit --full now."),
        ("> Islanders were patient, she said.", "Islanders were patient, she said."),
        (r"Prices rose \*sharply\* in \[March\].", "Prices rose *sharply* in [March]."),
    ],
)
def test_inline_markup_is_removed(markdown: str, plain: str) -> None:
    assert markdown_to_text(markdown) == plain


def test_comment_lines_and_reference_definitions_vanish() -> None:
    text = "First.\n<!--\nnote to self\n-->\nSecond [link][r].\n[r]: https://port.example/x\n"
    assert markdown_to_text(text) == "First.\nSecond link.\n"


def test_bullet_markers_are_kept() -> None:
    text = (
        "Changes:\n* six crossings a day\n- new engines\n+ a rebuilt car deck\n1. fares unchanged"
    )
    assert markdown_to_text(text) == text


@pytest.mark.parametrize(
    "plain",
    [
        "The ferry returns on Monday, the port authority said.\n\nIt cost 2.6m crowns.\n",
        "Costs rose 5% - to 2 * 3 * 4 units (est.) in the #1 port.",
        "The file snake_case_name and my_var_2 stay as they are.",
        "Prices: 3*4 = 12, and a_b_c.",
        'He said: "We will rebuild." [Editor\'s note: updated.]',
        "Email me at ops_team@port.example about item_1.",
        "市政府周二宣布，新的海滨公园将于明年春天开放。",
    ],
)
def test_plain_text_passes_through_unchanged(plain: str) -> None:
    assert markdown_to_text(plain) == plain


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("See [the page](https://wiki.example/Orrin_(island)).", "See the page."),
        ("![Map](https://maps.example/Orrin_(island).png) The map.", " The map."),
        ("Kept <!-- an unclosed comment runs on", "Kept <!-- an unclosed comment runs on"),
        ("A <!-- one --> and <!-- two --> here.", "A  and  here."),
        ("## Harbour ## news ##", "Harbour ## news"),
        ("# #hashtag", "#hashtag"),
        ("[outer [inner](https://x.example)] stays", "[outer inner] stays"),
    ],
)
def test_links_comments_and_headings_at_their_edges(markdown: str, plain: str) -> None:
    assert markdown_to_text(markdown) == plain


def test_private_use_characters_are_not_taken_for_parked_escapes() -> None:
    text = "Code points \U000f002a and \U000f005f are the publisher's own."
    assert markdown_to_text(text) == text
