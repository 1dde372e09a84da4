"""Helpers shared by the reader's Pilot tests."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rich.text import Text
from textual.widgets import Static

from corpus.article import Article
from tui.app import BriefreadApp
from tui.article_pane import ArticlePane


async def wait_for(pilot: Any, condition: Callable[[], bool], seconds: float = 30) -> None:
    """Pause until ``condition()`` holds; fail after ``seconds``."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


def status(app: BriefreadApp) -> str:
    """The status line's text."""
    rendered = app.query_one("#status", Static).render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


def pane(app: BriefreadApp, slot: int) -> ArticlePane:
    return app.query_one(f"#pane-{slot}", ArticlePane)


Scenario = Callable[[BriefreadApp, Any], Awaitable[None]]
"""What a test does with the reader once its comparison is ready."""


def drive(articles: list[Article], scenario: Scenario, size: tuple[int, int] = (160, 45)) -> None:
    """Open the reader on ``articles`` at ``size``, wait for the comparison, run ``scenario``."""

    async def main() -> None:
        app = BriefreadApp(articles)
        async with app.run_test(size=size) as pilot:
            await wait_for(pilot, lambda: app.lookup is not None)
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


def long_article(base: Article, blocks: int) -> Article:
    """``base`` written out ``blocks`` times, figures shifted in each copy (about 400 words a
    block for the sample's articles)."""
    parts = []
    for b in range(blocks):
        parts.append(re.sub(r"\d+", lambda m, b=b: str(int(m.group(0)) + b * 7), base.text))
        parts.append(f"Part {b + 1} of the file kept by {base.id}.")
    return Article(
        source=base.source,
        id=base.id,
        text="\n\n".join(parts),
        outlet=base.outlet,
        language=base.language,
        published=base.published,
        title=base.title,
    )
