"""extract_html: the article paragraphs and page metadata, without the page around them."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from corpus.article import Article
from corpus.errors import SourceError
from corpus.html_extract import extract_html

PAGE = (Path(__file__).parent.parent / "fixtures" / "news_page.html").read_text(encoding="utf-8")

PARAGRAPHS = [
    "The passenger ferry linking Vell Harbour with the island of Orrin will resume sailings on "
    "Monday after a four-month refit, the port authority said on Thursday.",
    "Engineers replaced both engines and rebuilt the car deck of the 38-year-old vessel, the "
    "Orrin Star, at a cost of 2.6 million crowns, according to figures released by the "
    "authority.",
    '"Islanders have been patient through a long winter of cancelled crossings, and we are '
    'grateful," said harbour master Delphine Okafor. "From Monday the timetable returns to six '
    'crossings a day."',
    "During the refit, islanders relied on a chartered fishing boat that carried up to twelve "
    "passengers and no vehicles, which left several Orrin businesses without deliveries for "
    "weeks.",
    "The authority said a second, smaller vessel would be ordered next year so that future "
    "repairs do not interrupt the service.",
]

JUNK = [
    "Subscribe today",  # navigation
    "Sport",
    "Brightwater Mattresses",  # ads
    "Saltmarsh Spa",
    "Share on Chirper",  # share buttons
    "Copy link",
    "dry dock at Kessel Yard",  # caption
    "Related stories",  # related links
    "Kessel Yard to hire",
    "Gullwatcher42",  # comments
    "Lovely to have the old boat back",
    "All rights reserved",  # footer
    "Cookie settings",
    "window.adSlots",  # script and style
    "border: 1px",
]


@pytest.fixture(scope="module")
def article() -> Article:
    return extract_html(PAGE, "saved/ferry.html")


def test_article_paragraphs_are_kept_in_order_with_blank_lines(article: Article) -> None:
    positions = [article.text.index(paragraph) for paragraph in PARAGRAPHS]
    assert positions == sorted(positions)
    assert "\n\n".join(PARAGRAPHS) in article.text


@pytest.mark.parametrize("junk", JUNK)
def test_page_junk_is_dropped(article: Article, junk: str) -> None:
    assert junk not in article.text


def test_metadata_comes_from_the_page(article: Article) -> None:
    assert article.source == "saved/ferry.html"
    assert article.id == ""
    assert article.title == "Harbour ferry returns after winter repairs"
    assert article.outlet == "The Vell Courier"
    assert article.url == "https://courier.example/news/harbour-ferry-returns"
    assert article.published == "2024-03-14T08:30:00+00:00"
    assert article.language == "en-GB"


def test_minimal_page_without_metadata() -> None:
    page = (
        "<html><head><title>Orrin notes</title></head><body><article>"
        "<p>The island council met on Friday to discuss the harbour wall and agreed a repair "
        "plan.</p><p>Work is expected to start in May and last six weeks.</p>"
        "</article></body></html>"
    )
    article = extract_html(page, "notes.html")
    assert article.text.endswith(
        "agreed a repair plan.\n\nWork is expected to start in May and last six weeks."
    )
    assert article.outlet is None
    assert article.url is None
    assert article.language is None


def test_other_metadata_spellings() -> None:
    page = (
        '<html xml:lang="fr"><head>'
        "<meta content='Gazette &amp; Courrier' property='og:site_name'/>"
        '<link href="/relative/only" rel="canonical">'
        '<meta property="og:url" content="https://gazette.example/ferry">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-03-15T07:00:00+01:00"}</script>'
        "</head><body><article><p>Le ferry entre Vell et l'île d'Orrin reprendra ses traversées "
        "lundi, a annoncé l'autorité portuaire jeudi.</p></article></body></html>"
    )
    article = extract_html(page, "gazette.html")
    assert article.outlet == "Gazette & Courrier"
    assert article.url == "https://gazette.example/ferry"
    assert article.published == "2024-03-15T07:00:00+01:00"
    assert article.language == "fr"


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
    ],
)
def test_a_page_without_article_text_is_an_error(page: str) -> None:
    with pytest.raises(SourceError) as caught:
        extract_html(page, "empty.html")
    assert str(caught.value) == "empty.html: no article text found in the page"


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("extract_html tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = PAGE.replace("</article>", '<img src="https://cdn.example/x.jpg"></article>')
    assert PARAGRAPHS[0] in extract_html(page, "saved/ferry.html").text
