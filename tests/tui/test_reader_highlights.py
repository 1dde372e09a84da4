"""The reader's own highlights and exports: marked, kept across sessions, exported, never lost."""

from __future__ import annotations

import asyncio
import csv
import io
import shutil
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, RadioButton

from corpus.article import Article
from corpus.library import Library
from tests.tui.support import pane, status, wait_for
from tui import cli
from tui.app import BriefreadApp
from tui.export_dialog import ConfirmDialog, ExportDialog
from tui.highlights_panel import HighlightsPanel
from tui.note_dialog import NoteDialog


async def _open(app: BriefreadApp, pilot: Any) -> None:
    await wait_for(pilot, lambda: app.lookup is not None)


def _reopen(tmp_path: Path) -> tuple[list[Article], cli._Memory]:
    memory = cli._Memory()
    return cli.reader_articles([], 100.0, memory), memory


def test_highlight_survives_quit_and_reopen_and_is_exported(tmp_path: Path) -> None:
    source = tmp_path / "story"
    shutil.copytree(Path(cli.__file__).parents[1] / "corpus" / "sample", source)
    sources = [str(p) for p in sorted(source.glob("*.md"))]
    out = tmp_path / "out" / "mine.csv"

    async def first_session() -> None:
        memory = cli._Memory()
        articles = cli.reader_articles(sources, 100.0, memory)
        app = BriefreadApp(articles, library=memory.library, export_dir=tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await _open(app, pilot)
            await pilot.press("n", "h")
            assert isinstance(app.screen, NoteDialog)
            await pilot.press(*"check the figure", "tab", *"lede", "enter")
            assert not isinstance(app.screen, NoteDialog)
            assert [h.note for h in app.highlights] == ["check the figure"]
            assert pane(app, 0).current in pane(app, 0).marked
            await pilot.press("q")
        memory.close()

    async def second_session() -> None:
        articles, memory = _reopen(tmp_path)  # no arguments: the last story
        assert [a.source for a in articles] == sources
        app = BriefreadApp(articles, library=memory.library, export_dir=tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await _open(app, pilot)
            assert [(h.note, h.tag) for h in app.highlights] == [("check the figure", "lede")]
            assert pane(app, 0).marked
            await pilot.press("H")
            assert isinstance(app.screen, HighlightsPanel)
            await pilot.press("enter")
            assert pane(app, 0).current in pane(app, 0).marked
            await pilot.press("e")
            assert isinstance(app.screen, ExportDialog)
            app.screen.query_one("#fmt-csv", RadioButton).value = True
            app.screen.query_one("#scope-highlights", RadioButton).value = True
            app.screen.query_one("#path", Input).value = str(out)
            await pilot.click("#save")
            await wait_for(pilot, lambda: out.exists())
            assert "Exported to" in status(app)
        memory.close()

    asyncio.run(first_session())
    asyncio.run(second_session())
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and any("check the figure" in " ".join(r.values()) for r in rows)


def test_h_on_a_marked_passage_unmarks_it(sample_articles: list[Article], tmp_path: Path) -> None:
    async def main() -> None:
        with Library.open(tmp_path / "lib.sqlite3") as library:
            app = BriefreadApp(sample_articles, library=library)
            async with app.run_test(size=(160, 45)) as pilot:
                await _open(app, pilot)
                await pilot.press("n", "h")
                await pilot.click("#save")  # no note: a highlight may have none
                assert len(app.highlights) == 1 and app.highlights[0].note == ""
                await pilot.press("h")
                assert app.highlights == []
                assert library.highlights_for(sample_articles) == []
                assert not pane(app, 0).marked

    asyncio.run(main())


def test_escape_in_the_note_dialog_saves_nothing(
    sample_articles: list[Article], tmp_path: Path
) -> None:
    async def main() -> None:
        with Library.open(tmp_path / "lib.sqlite3") as library:
            app = BriefreadApp(sample_articles, library=library)
            async with app.run_test(size=(160, 45)) as pilot:
                await _open(app, pilot)
                await pilot.press("n", "h", *"abc", "escape")
                assert app.highlights == []

    asyncio.run(main())


def test_export_asks_before_replacing_a_file(
    sample_articles: list[Article], tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("my own notes", encoding="utf-8")

    async def main() -> None:
        app = BriefreadApp(sample_articles, export_dir=tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await _open(app, pilot)
            for answer in ("n", "y"):
                await pilot.press("e")
                app.screen.query_one("#path", Input).value = str(target)
                await pilot.click("#save")
                assert isinstance(app.screen, ConfirmDialog)
                await pilot.press(answer)
                if answer == "n":
                    assert target.read_text(encoding="utf-8") == "my own notes"
                    assert "kept as it was" in status(app)
            assert target.read_text(encoding="utf-8").startswith("#")

    asyncio.run(main())


def test_export_to_an_unwritable_place_says_so_and_keeps_going(
    sample_articles: list[Article], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")

    async def main() -> None:
        app = BriefreadApp(sample_articles, export_dir=tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await _open(app, pilot)
            await pilot.press("e")
            app.screen.query_one("#path", Input).value = str(blocker / "sub" / "x.md")
            await pilot.click("#save")
            await pilot.pause()
            assert app.is_running and not isinstance(app.screen, ExportDialog)
            assert "Exported" not in status(app)

    asyncio.run(main())


def test_the_export_dialog_defaults_to_the_export_folder(
    sample_articles: list[Article], tmp_path: Path
) -> None:
    async def main() -> None:
        app = BriefreadApp(sample_articles, export_dir=tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await _open(app, pilot)
            await pilot.press("e")
            path = Path(app.screen.query_one("#path", Input).value)
            assert path.parent == tmp_path and path.suffix == ".md"
            app.screen.query_one("#fmt-html", RadioButton).value = True
            await pilot.pause()
            assert Path(app.screen.query_one("#path", Input).value).suffix == ".html"
            await pilot.click("#cancel")
            assert not isinstance(app.screen, ExportDialog)
            assert not list(tmp_path.iterdir())
            assert app.screen.query(Button) is not None

    asyncio.run(main())
