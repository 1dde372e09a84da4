"""Helpers shared by the reader's Pilot tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.widgets import Static

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
