"""Untrusted article text and metadata stay inert in every part of the reader."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.widgets import DataTable, OptionList, Tree

from corpus.article import Article
from tests.tui.support import pane, wait_for
from tui.app import BriefreadApp
from tui.overview import OverviewScreen
from tui.picker import ArticlePicker
from tui.provenance_view import ProvenanceScreen

EVIL_OUTLET = "[bold red]Evil[/] [@click=app.quit]Daily[/]\x1b]8;;http://x.example\x1b\\\u202e"
BODY = (
    "The harbour board approved a $40 million dredging plan on Monday after a 5-2 vote. "
    "Work on the Greyhaven channel will start in March and take eighteen months. "
    "[link=http://evil.example]Click[/link] \x1b[2J\x1b[31mred\x1b[0m and \u202egnirts\u202c."
)


def _articles() -> list[Article]:
    return [
        Article(source="evil.md", id="evil", outlet=EVIL_OUTLET, text=BODY, language="en"),
        Article(
            source="copy.md",
            id="copy",
            outlet="Plain Post",
            text=BODY.split("[link")[0],
            language="en",
        ),
    ]


def _plain(visual: Any) -> str:
    return getattr(visual, "plain", str(visual))


def test_hostile_metadata_and_text_are_shown_literally() -> None:
    async def main() -> None:
        app = BriefreadApp(_articles())
        async with app.run_test(size=(160, 45)) as pilot:
            await wait_for(pilot, lambda: app.lookup is not None)
            evil = next(p for p in app.visible_panes if p.article_index == 0)
            assert "[bold red]Evil[/]" in (evil.border_title or "").replace("\\[", "[")
            shown = " ".join(p.visible_text() for p in app.visible_panes).replace("\n", " ")
            assert "[link=http://evil.example]Click[/link]" in shown
            assert "\x1b" not in shown and "\u202e" not in shown
            sources = app.query_one("#sources", OptionList)
            prompts = [
                _plain(sources.get_option_at_index(i).prompt) for i in range(sources.option_count)
            ]
            assert any("[@click=app.quit]Daily[/]" in p for p in prompts)
            assert not any("\x1b" in p or "\u202e" in p for p in prompts)
            await pilot.press("o")
            assert isinstance(app.screen, ArticlePicker)
            picked = app.screen.query_one(OptionList)
            labels = [
                _plain(picked.get_option_at_index(i).prompt) for i in range(picked.option_count)
            ]
            assert any("[bold red]Evil[/]" in label for label in labels)
            await pilot.press("escape", "m")
            assert isinstance(app.screen, OverviewScreen)
            table = app.screen.query_one(DataTable)
            assert any("[bold" in _plain(table.get_cell_at((i, 0))) for i in range(2))
            await pilot.press("escape", "p")
            assert isinstance(app.screen, ProvenanceScreen)
            tree: Tree[int] = app.screen.query_one(Tree)
            assert any("[bold red]Evil[/]" in _plain(n.label) for n in tree.root.children)
            await pilot.press("escape", "n", "enter", "u")
            assert app.is_running
            assert pane(app, 0).visible_text()

    asyncio.run(main())
