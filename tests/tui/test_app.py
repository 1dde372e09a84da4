"""The minimal reader: text on screen, highlights after matching, n/N and tab move as expected."""

from __future__ import annotations

import asyncio

from textual.widgets import Static

from corpus.article import Article
from corpus.load import load_sources, sample_sources
from tui.app import BriefreadApp
from tui.article_pane import ArticlePane


async def _ready(app: BriefreadApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        if app.comparison is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("comparison never finished")


def test_sample_story_opens_and_n_walks_matches() -> None:
    asyncio.run(_walk())


async def _walk() -> None:
    articles = load_sources(sample_sources(), warn=print)
    app = BriefreadApp(articles)
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(app, pilot)
        pane = app.query_one("#pane-0", ArticlePane)
        assert pane.current is None
        await pilot.press("n")
        first = pane.current
        assert first is not None
        await pilot.press("n")
        assert pane.current is not None and pane.current > first
        await pilot.press("N")
        assert pane.current == first
        assert "sources" in str(app.query_one("#status", Static).render())
        await pilot.press("tab")
        assert app.focused_pane == 1 and app.query_one("#pane-1", ArticlePane).has_class("-active")


def test_markup_in_article_text_is_shown_literally() -> None:
    asyncio.run(_markup())


async def _markup() -> None:
    evil = Article(
        source="evil.txt",
        id="evil",
        text="[bold red]Not markup[/] and \x1b[31mno escapes\x1b[0m [@click=app.quit]x[/].",
    )
    plain = Article(source="plain.txt", id="plain", text="A plain sentence about nothing much.")
    app = BriefreadApp([evil, plain])
    async with app.run_test(size=(100, 30)) as pilot:
        await _ready(app, pilot)
        pane = app.query_one("#pane-0", ArticlePane)
        shown = pane.visible_text().replace("\n", " ")
        assert "[bold red]Not markup[/]" in shown
        assert "\x1b" not in shown and "no escapes" in shown
        assert app.is_running
