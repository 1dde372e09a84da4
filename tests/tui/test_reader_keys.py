"""Every key of the reader, driven with Pilot on the sample story, asserting on state."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, HelpPanel, Input, Static, Tree

from corpus.article import Article
from corpus.match import SentenceRef
from tests.tui.support import drive, pane, status, wait_for
from tui import app as app_module
from tui.app import BriefreadApp, auto_panes
from tui.article_pane import PaneRow
from tui.highlight import CHANGED
from tui.overview import OverviewScreen
from tui.picker import ArticlePicker
from tui.provenance_view import ProvenanceScreen


def active(app: BriefreadApp) -> int:
    """The slot of the pane keys act on, checked against what the screen shows."""
    shown = [p.slot for p in app.panes if p.has_class("-active")]
    assert shown == [app.focused_pane]
    return app.focused_pane


def index_of(app: BriefreadApp, article_id: str) -> int:
    return [a.id for a in app.articles].index(article_id)


def test_opens_on_the_original_beside_its_first_copy(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert pane(app, 0).article_index == index_of(app, "wire")
        assert app.comparison is not None
        assert app.comparison.provenance.sources[pane(app, 1).article_index or 0] == index_of(
            app, "wire"
        )
        assert active(app) == 0 and isinstance(app.focused, PaneRow)
        assert app.pane_count == 2

    drive(sample_articles, check)


def test_n_and_shift_n_walk_matched_sentences(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.lookup is not None
        left = pane(app, 0)
        matched = app.lookup.matched[left.article_index or 0]
        await pilot.press("n")
        assert left.current == matched[0]
        await pilot.press("n")
        assert left.current == matched[1]
        await pilot.press("N", "N")
        assert left.current == matched[-1]  # wraps around
        assert "of 7 sources" in status(app)
        assert "verbatim" in status(app) or "edited" in status(app)

    drive(sample_articles, check)


def test_u_walks_unique_passages_of_the_independent_report(
    sample_articles: list[Article],
) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.lookup is not None
        ledger = index_of(app, "ledger")
        app.open_article(ledger)
        left = pane(app, 0)
        runs = app.lookup.unique_runs[ledger]
        assert len(runs) >= 2
        await pilot.press("u")
        assert left.current == runs[0].first
        assert left.current not in app.lookup.best_kind[ledger]
        assert "found in no other article" in status(app)
        await pilot.press("u")
        assert left.current == runs[1].first
        await pilot.press("U")
        assert left.current == runs[0].first

    drive(sample_articles, check)


def test_enter_shows_each_counterpart_in_turn(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.lookup is not None
        left, right = pane(app, 0), pane(app, 1)
        wire = left.article_index or 0
        sentence = next(
            s
            for s in app.lookup.matched[wire]
            if len(app.lookup.counterparts(SentenceRef(wire, s))) >= 3
        )
        app.select(left, sentence)
        others = app.lookup.counterparts(SentenceRef(wire, sentence))
        for turn in range(3):
            await pilot.press("enter")
            target = others[turn][0]
            assert (right.article_index, right.current) == (target.article, target.sentence)
            assert f"counterpart {turn + 1} of {len(others)}" in status(app)
        assert active(app) == 0  # the active pane stays, so enter keeps cycling

    drive(sample_articles, check)


def test_tab_moves_focus_between_visible_panes(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("tab")
        assert active(app) == 1
        await pilot.press("tab")
        assert active(app) == 0
        await pilot.press("shift+tab")
        assert active(app) == 1
        await pilot.press("n")
        assert pane(app, 1).current is not None and pane(app, 0).current is None

    drive(sample_articles, check)


def test_o_picks_an_article_by_fuzzy_search(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("o")
        assert isinstance(app.screen, ArticlePicker)
        await pilot.press(*"saltm")  # The Saltmarsh Ledger
        await pilot.press("enter")
        assert not isinstance(app.screen, ArticlePicker)
        assert pane(app, 0).article_index == index_of(app, "ledger")
        await pilot.press("o", "escape")
        assert pane(app, 0).article_index == index_of(app, "ledger")

    drive(sample_articles, check)


def test_s_swaps_the_panes(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        before = (pane(app, 0).article_index, pane(app, 1).article_index)
        await pilot.press("n")
        current = pane(app, 0).current
        await pilot.press("s")
        assert (pane(app, 1).article_index, pane(app, 0).article_index) == before
        assert pane(app, 1).current == current

    drive(sample_articles, check)


def test_v_cycles_the_number_of_panes(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        seen = []
        for _ in range(5):
            await pilot.press("v")
            seen.append(app.pane_count)
            assert [p.display for p in app.panes] == [i < app.pane_count for i in range(4)]
        assert seen == [1, 2, 3, 4, 2]  # auto at 160 columns is 2

    drive(sample_articles, check)


@pytest.mark.parametrize(("width", "panes"), [(80, 1), (99, 1), (100, 2), (199, 2), (220, 3)])
def test_panes_follow_the_terminal_width(width: int, panes: int) -> None:
    assert auto_panes(width) == panes


def test_narrow_terminal_shows_one_pane(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.pane_count == 1
        assert not pane(app, 1).display
        await pilot.press("n", "enter")  # counterpart replaces the article in the only pane
        assert pane(app, 0).article_index != index_of(app, "wire")

    drive(sample_articles, check, size=(80, 24))


def test_slash_searches_the_focused_article(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.comparison is not None
        left = pane(app, 0)
        await pilot.press("slash")
        box = app.query_one("#search", Input)
        assert box.display and app.focused is box
        await pilot.press(*"turbines", "enter")
        first = left.current
        assert first is not None
        texts = app.comparison.sentences[left.article_index or 0]
        assert "turbines" in texts[first].text.lower()
        await pilot.press("enter")
        assert left.current is not None and left.current > first
        assert "hit 2 of" in status(app)
        await pilot.press("escape")
        assert not box.display and isinstance(app.focused, PaneRow) and active(app) == 0

    drive(sample_articles, check)


def test_m_opens_the_matrix_and_enter_opens_that_pair(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("m")
        assert isinstance(app.screen, OverviewScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 7 and len(table.columns) == 8
        assert table.cursor_coordinate == (0, 2)  # blog's row, courier's column
        await pilot.press("down", "left", "enter")  # courier's row, blog's column
        assert not isinstance(app.screen, OverviewScreen)
        assert (pane(app, 0).article_index, pane(app, 1).article_index) == (1, 0)
        await pilot.press("m", "escape")
        assert not isinstance(app.screen, OverviewScreen)

    drive(sample_articles, check)


def test_m_on_a_big_story_shows_the_active_article_and_those_nearest_it() -> None:
    """60 articles: the matrix shows 40, the active pane's article among them, and a cell
    opens the pair it names (story positions, not matrix positions)."""
    from tui.overview import MATRIX_MAX

    words = "amber basalt cobalt dune ember fjord garnet harbor indigo jasper kelp lagoon".split()
    lines = [
        f"The {words[k % 12]} {words[(k // 12 + 5) % 12]} survey logged {100 + 7 * k} "
        f"{words[(k * 5) % 12]}s near {words[(k * 7 + 3) % 12].title()} Point."
        for k in range(30)
    ]
    arts = []
    for k in range(60):
        # Article k shares sentences k..k+4 of the pool: neighbours in the story share most.
        text = " ".join(lines[(k + i) % 30] for i in range(5))
        arts.append(Article(source=f"{k}.txt", id=f"a{k:02d}", outlet=f"Outlet {k:02d}", text=text))

    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == MATRIX_MAX == len(screen.shown)
        around = pane(app, 0).article_index
        assert around is not None and around in screen.shown
        assert all(
            app.lookup is not None
            and (app.lookup.coverage(around, j) > 0 or app.lookup.coverage(j, around) > 0)
            for j in screen.shown
            if j != around
        )
        await pilot.press("right", "right", "enter")  # from column 2 (shown[1]) to shown[3]
        assert (pane(app, 0).article_index, pane(app, 1).article_index) == (
            screen.shown[0],
            screen.shown[3],
        )
        assert screen.shown != list(range(MATRIX_MAX))  # its neighbours at the end of the story

    drive(arts, check)


def test_p_opens_provenance_and_enter_opens_beside_source(
    sample_articles: list[Article],
) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.comparison is not None
        await pilot.press("p")
        assert isinstance(app.screen, ProvenanceScreen)
        tree: Tree[int] = app.screen.query_one(Tree)
        digest = index_of(app, "digest")
        node = next(n for n in _walk(tree.root) if n.data == digest)
        tree.move_cursor(node)
        await pilot.press("enter")
        assert not isinstance(app.screen, ProvenanceScreen)
        assert pane(app, 1).article_index == digest
        assert pane(app, 0).article_index == app.comparison.provenance.sources[digest]

    drive(sample_articles, check)


def _walk(node: Any) -> list[Any]:
    out = [node]
    for child in node.children:
        out.extend(_walk(child))
    return out


def test_question_mark_toggles_help_for_the_focused_widget(
    sample_articles: list[Article],
) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("question_mark")
        assert app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        assert not app.screen.query(HelpPanel)
        await pilot.press("f1")
        assert app.screen.query(HelpPanel)

    drive(sample_articles, check)


def test_command_palette_runs_verb_object_commands(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"coverage matrix")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))

    drive(sample_articles, check)


def test_l_toggles_the_legend(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        legend = app.query_one("#legend", Static)
        assert legend.display
        await pilot.press("l")
        assert not legend.display

    drive(sample_articles, check)


def test_a_remapped_key_works_and_the_old_one_does_not(sample_articles: list[Article]) -> None:
    async def main() -> None:
        app = BriefreadApp(sample_articles, keymap={"next_match": "x"})
        async with app.run_test(size=(160, 45)) as pilot:
            await wait_for(pilot, lambda: app.lookup is not None)
            await pilot.press("n")
            assert pane(app, 0).current is None
            await pilot.press("x")
            assert pane(app, 0).current is not None

    asyncio.run(main())


def test_changed_words_stand_out_in_edited_pairs(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.comparison is not None
        edited = next(m for m in app.comparison.matches if m.kind == "edited")
        app.open_pair(edited.a.article, edited.b.article)
        await pilot.pause()
        for slot in (0, 1):
            shown = pane(app, slot)
            drawn = [shown.paragraph(p) for p in shown.paragraphs]
            assert any(span.style == CHANGED for t in drawn for span in t.spans)

    drive(sample_articles, check)


def test_text_is_on_screen_before_matching_and_escape_cancels(
    sample_articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_compare(articles: Any, progress: Any = None, **_: Any) -> Any:
        for step in range(2000):
            progress("match", step, 2000)
            if release.wait(0.01):
                break
        raise AssertionError("the worker should have been cancelled")

    monkeypatch.setattr(app_module, "compare", slow_compare)

    async def main() -> None:
        app = BriefreadApp(sample_articles)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause(0.2)
            first = sample_articles[0].text.split()[:3]
            assert " ".join(first) in pane(app, 0).visible_text()
            assert "match:" in status(app)
            await pilot.press("n")
            assert app.lookup is None and pane(app, 0).current is None
            await pilot.press("escape")
            await wait_for(pilot, lambda: "cancelled" in status(app))
            assert app.lookup is None and app.is_running
        release.set()

    asyncio.run(main())


def test_scroll_keys_move_the_active_pane_only(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("j", "j", "pagedown")
        assert pane(app, 0).scroll_offset.y > 2 and pane(app, 1).scroll_offset.y == 0
        await pilot.press("home")
        assert pane(app, 0).scroll_offset.y == 0
        await pilot.press("tab", "end")
        assert pane(app, 1).scroll_offset.y > 0 and pane(app, 0).scroll_offset.y == 0

    drive(sample_articles, check)


def test_clicking_a_pane_makes_it_active(sample_articles: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.click("#pane-1")
        assert active(app) == 1

    drive(sample_articles, check)
