"""Lines kept across layouts (:mod:`tui.drawn_lines`): whatever a pane shows after ``v``, a
resize, another article, another current sentence or new marks is exactly what drawing it
afresh gives, and a new pane count is drawn in one frame."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget

from corpus.article import Article
from tests.tui.support import drive, long_article, pane, wait_for
from tui.app import LAYOUTS, YOUNG_AFTER_FRAME, YOUNG_THRESHOLD, BriefreadApp
from tui.article_pane import ArticlePane, _draw_text
from tui.drawn_lines import DrawnLines
from tui.highlight import USER_MARK
from tui.line_breaks import line_starts
from tui.sources_list import SourcesList


@pytest.fixture(scope="module")
def story(sample_articles: list[Article]) -> list[Article]:
    """Five sample articles written out four times: long enough to scroll, enough for 4 panes."""
    by_id = {a.id: a for a in sample_articles}
    return [long_article(by_id[k], 4) for k in ("wire", "courier", "gazette", "ledger", "blog")]


Cells = list[tuple[str, Style | None]]


def _cells(strip: Strip | None) -> Cells:
    if strip is None:
        return []
    return [(ch, seg.style) for seg in strip for ch in seg.text]


def assert_fresh(app: BriefreadApp) -> None:
    """Every line on screen in every visible pane is what drawing its paragraph now, with
    nothing kept, gives: same characters, same styles, lines broken at the same places."""
    for p in app.visible_panes:
        width = p.wrap_width
        assert width == max(p.scrollable_content_region.width, 10)
        top, height = p.scroll_offset.y, p.scrollable_content_region.height
        on_screen = [k for k in p.paragraphs if p.line_of_paragraph(k) < top + height]
        for k in on_screen:
            par = p._paragraphs[k]
            text = p.paragraph(k)
            assert par.measured.text == text.plain  # measured again after new marks
            breaks = line_starts(par.measured, width)
            assert par.breaks == breaks
            expected = _draw_text(app.console, text, par.measured, breaks, width)
            first = p.line_of_paragraph(k)
            for within, line in enumerate(expected):
                y = first + within
                if top <= y < top + height:
                    assert _cells(p._line(y)) == _cells(line), (p.slot, k, within)
        shown = p.visible_text().split("\n")
        assert all(len(line) <= width for line in shown)
    assert_framed_as_textual_frames(app)


def _segments(strips: list[Strip]) -> list[list[Segment]]:
    return [list(strip) for strip in strips]


def assert_framed_as_textual_frames(app: BriefreadApp) -> None:
    """Every visible pane, border, padding and scroll bar included, is what Textual's own
    drawing gives: the pane's framed lines and the bar's kept lines are only ever shortcuts."""
    for p in app.visible_panes:
        whole = Region(0, 0, *p.region.size)
        framed = p._framed_lines(whole)
        assert p._framed  # the shortcut was taken, not Textual's own drawing
        p._styles_cache.clear()
        assert _segments(framed) == _segments(ScrollView.render_lines(p, whole)), p.slot
        right = Region(3, 0, p.region.width - 5, p.region.height)  # a crop, as a dialog makes
        assert _segments(p._framed_lines(right)) == _segments(ScrollView.render_lines(p, right))
        bar = p._vertical_scrollbar
        if bar is None or not bar.display or not p.show_vertical_scrollbar:
            continue
        column = Region(0, 0, *bar.region.size)
        kept = bar.render_lines(column)
        assert bar._kept
        bar._set_dirty()  # Textual draws it afresh
        assert _segments(kept) == _segments(ScrollBar.render_lines(bar, column)), p.slot


def _reversed(p: ArticlePane) -> str:
    """The text drawn reversed (the current sentence) in the lines on screen."""
    out = []
    for y in range(p.scrollable_content_region.height):
        line = p.render_line(y)
        out.append("".join(s.text for s in line if s.style is not None and s.style.reverse))
    return " ".join(" ".join(out).split())


def test_every_layout_shows_freshly_drawn_lines(story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        for _ in range(6):
            await pilot.press("n")
        assert_fresh(app)
        for _ in range(2):  # the second time round, every width is one drawn before
            for _ in LAYOUTS:
                await pilot.press("v")
                assert_fresh(app)

    drive(story, check)


def test_a_new_current_sentence_is_shown_after_coming_back_to_a_width(
    story: list[Article],
) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.comparison is not None
        left = pane(app, 0)
        await pilot.press("n")
        first = left.current
        for _ in LAYOUTS:  # every width drawn with the first sentence current
            await pilot.press("v")
        await pilot.press("n")
        assert left.current is not None and left.current != first
        sentence = app.comparison.sentences[left.article_index or 0][left.current]
        for _ in LAYOUTS:  # the same widths again: the new sentence is the one reversed
            await pilot.press("v")
            assert_fresh(app)
            line = left.line_of_sentence(left.current)
            top = left.scroll_offset.y
            if line is not None and top <= line < top + left.scrollable_content_region.height:
                assert " ".join(sentence.text.split()[:3]) in _reversed(left)
        await pilot.press("N")  # back to the first one, drawn before at this width
        assert left.current == first
        assert_fresh(app)

    drive(story, check)


def test_another_article_in_a_pane_and_back_shows_the_right_text(
    story: list[Article],
) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.comparison is not None
        left = pane(app, 0)
        before = left.article_index
        shown_before = left.visible_text()
        other = next(k for k in range(len(story)) if k not in {p.article_index for p in app.panes})
        app.open_article(other, left)
        await pilot.pause()
        assert left.article_index == other
        assert_fresh(app)
        first_words = " ".join(app.comparison.sentences[other][0].text.split()[:3])
        assert first_words in " ".join(left.visible_text().split())
        await pilot.press("v", "v")  # other widths, then back to two panes
        await pilot.press("v", "v", "v")
        assert_fresh(app)
        app.open_article(before or 0, left)
        await pilot.pause()
        assert_fresh(app)
        assert left.visible_text() == shown_before

    drive(story, check)


def test_swap_and_resize_show_freshly_drawn_lines(story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("n", "n", "enter", "tab", "n")
        assert_fresh(app)
        await pilot.press("s")
        assert_fresh(app)
        await pilot.resize_terminal(130, 45)
        await pilot.pause()
        assert_fresh(app)
        await pilot.press("s")
        assert_fresh(app)
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert_fresh(app)

    drive(story, check)


def test_new_marks_are_shown_at_a_width_drawn_before(story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        left = pane(app, 0)
        await pilot.press("n")
        assert left.current is not None
        for _ in LAYOUTS:
            await pilot.press("v")
        assert USER_MARK not in left.visible_text()
        left.restyle(marked={left.current})
        await pilot.pause()
        assert_fresh(app)
        assert USER_MARK in left.visible_text()
        for _ in LAYOUTS:
            await pilot.press("v")
            assert_fresh(app)
            assert USER_MARK in left.visible_text()
        left.restyle(marked=set())
        await pilot.pause()
        assert_fresh(app)
        assert USER_MARK not in left.visible_text()

    drive(story, check)


def test_hidden_panes_are_loaded_once_the_highlights_show(story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.pane_count == 2
        hidden = app.panes[2:]
        await wait_for(pilot, lambda: all(p.loaded == p.article_index for p in hidden))
        assert all(p.article_index is not None for p in hidden)
        await pilot.press("v", "v", "v")  # 1, 2, then 3 panes
        assert app.pane_count == 3
        assert_fresh(app)

    drive(story, check)


def test_a_new_pane_count_is_drawn_in_one_frame(
    story: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    frames: list[object] = []
    _record_calls(monkeypatch, Screen, "_compositor_refresh", frames)

    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("n")
        await pilot.pause(0.2)
        counts = []  # the first time a pane shows too: its scroll bar was made with it
        for _ in range(2 * len(LAYOUTS)):
            frames.clear()
            await pilot.press("v")
            await pilot.pause(0.1)
            counts.append((app.pane_count, len(frames)))
            assert_fresh(app)
        assert counts == [(n, 1) for n, _ in counts]

    drive(story, check)


def test_once_v_is_used_the_next_layout_is_drawn_before_it_is_pressed(
    story: list[Article],
) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.press("n", "n")
        await pilot.pause(0.3)
        assert app._preparing is None  # never used: nothing drawn ahead
        for _ in LAYOUTS:
            await pilot.press("v")
        await pilot.press("n", "n", "tab", "n")
        for _ in range(len(LAYOUTS) + 1):
            await pilot.pause(0.3)  # the reader is idle: the next layout gets drawn
            before = {id(strips) for strips in app._drawn._kept.values()}
            await pilot.press("v")
            await pilot.pause()
            for p in app.visible_panes:
                top = p.scroll_offset.y
                bottom = top + p.scrollable_content_region.height
                for k in p.paragraphs:
                    first = p.line_of_paragraph(k)
                    if first < bottom and first + p._paragraphs[k].height > top:
                        assert id(p._paragraphs[k].strips) in before, (app.pane_count, p.slot)
            assert_fresh(app)

    drive(story, check)


def test_the_reader_goes_quiet_under_a_dialog(
    story: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[object] = []
    _record_calls(monkeypatch, ArticlePane, "render_lines", drawn)

    async def check(app: BriefreadApp, pilot: Any) -> None:
        for _ in LAYOUTS:
            await pilot.press("v")
        await pilot.press("o")  # a dialog over the panes
        await pilot.pause(0.3)
        drawn.clear()
        await pilot.pause(0.5)
        assert len(drawn) < 10  # the panes seen through it are not drawn again and again

    drive(story, check)


def test_drawn_lines_keep_the_most_recently_used_within_their_bound() -> None:
    def lines(n: int) -> list[Strip]:
        return [Strip.blank(1)] * n

    kept = DrawnLines(max_lines=10)
    kept.put("a", lines(4))
    kept.put("b", lines(4))
    assert kept.get("a") is not None  # now the most recently used
    kept.put("c", lines(4))  # 12 lines: "b" goes
    assert kept.get("b") is None
    assert kept.get("a") is not None and kept.get("c") is not None
    assert kept.lines == 8 and len(kept) == 2
    kept.put("a", lines(2))  # replaced, not counted twice
    assert kept.lines == 6
    kept.put("d", lines(30))  # bigger than the bound alone: kept, everything else goes
    assert len(kept) == 1 and kept.lines == 30


def test_a_scroll_bar_under_the_mouse_is_drawn_as_textual_draws_it(story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        left = pane(app, 0)
        bar = left._vertical_scrollbar
        assert bar is not None and bar.display
        column = Region(0, 0, *bar.region.size)
        before = _segments(bar.render_lines(column))
        await pilot.hover(bar, offset=(0, bar.region.height - 1))
        await pilot.pause(0.1)
        assert bar.mouse_over
        hovered = _segments(bar.render_lines(column))
        assert hovered != before  # another look: not the lines kept for the first one
        assert_framed_as_textual_frames(app)
        await pilot.hover(left, offset=(5, 5))
        await pilot.pause(0.1)
        assert not bar.mouse_over
        assert _segments(bar.render_lines(column)) == before
        assert_framed_as_textual_frames(app)

    drive(story, check)


def test_v_leaves_the_sources_list_and_its_scroll_bar_alone(
    story: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    dirtied: list[object] = []
    _record_calls(monkeypatch, Widget, "_set_dirty", dirtied)

    async def check(app: BriefreadApp, pilot: Any) -> None:
        await pilot.resize_terminal(160, 20)  # a list longer than the screen: it has a bar
        await pilot.pause(0.1)
        sources = app.query_one(SourcesList)
        bar = sources._vertical_scrollbar
        assert bar is not None and bar.display
        dirtied.clear()
        for _ in range(2 * len(LAYOUTS)):
            await pilot.press("v")
            await pilot.pause()
            assert_fresh(app)
        assert sources not in dirtied and bar not in dirtied
        assert any(isinstance(w, ArticlePane) for w in dirtied)  # what was recorded
        await pilot.resize_terminal(160, 24)  # the list itself resized: drawn again
        await pilot.pause(0.1)
        assert bar in dirtied

    drive(story, check)


def test_young_collections_follow_frames_and_python_s_thresholds_come_back(
    story: list[Article],
) -> None:
    before = gc.get_threshold()
    collections: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        young = [[] for _ in range(2 * YOUNG_AFTER_FRAME)]  # objects made before the key
        gc.callbacks.append(record)
        try:
            await pilot.press("v")
            await pilot.pause(0.2)
        finally:
            gc.callbacks.remove(record)
        assert 1 in collections  # collected once the frame was on screen
        assert len(young) == 2 * YOUNG_AFTER_FRAME

    drive(story, check)
    assert gc.get_threshold() == before


def _record_calls(
    monkeypatch: pytest.MonkeyPatch, owner: type, name: str, calls: list[object]
) -> None:
    """Append the object each call of method ``owner.name`` is made on to ``calls``."""
    method = getattr(owner, name)

    def recorded(self: object, *args: Any) -> Any:
        calls.append(self)
        return method(self, *args)

    monkeypatch.setattr(owner, name, recorded)
