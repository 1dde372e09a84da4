"""Long articles: the reader measures every paragraph but draws only those on screen, so these
check that what it shows is still exactly where it says (centring, scrolling, swapping,
resizing) and that its line breaks are Rich's."""

from __future__ import annotations

import random
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text

from corpus.article import Article
from corpus.export_view import changed_spans
from corpus.inert import inert
from corpus.match import SentenceRef
from tests.tui.support import drive, long_article, pane
from tui.app import BriefreadApp
from tui.article_pane import ArticlePane
from tui.highlight import paragraph_plain, paragraph_text
from tui.line_breaks import line_starts, measure


@pytest.fixture(scope="module")
def long_story(sample_articles: list[Article]) -> list[Article]:
    by_id = {a.id: a for a in sample_articles}
    return [long_article(by_id[k], 8) for k in ("wire", "courier", "gazette")]


def _shown_lines(p: ArticlePane) -> range:
    top = p.scroll_offset.y
    return range(top, top + p.scrollable_content_region.height)


def _reversed_on_screen(p: ArticlePane) -> str:
    """The text drawn reversed (the current sentence) in the lines on screen."""
    out = []
    for y in range(p.scrollable_content_region.height):
        out.extend(s.text for s in p.render_line(y) if s.style is not None and s.style.reverse)
    return " ".join("".join(out).split())


def _words(text: str, n: int) -> str:
    return " ".join(inert(text).split()[:n])


def test_counterpart_deep_in_an_article_not_yet_drawn_is_centred_and_shown(
    long_story: list[Article],
) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.lookup is not None and app.comparison is not None
        left, right = pane(app, 0), pane(app, 1)
        shown = {left.article_index, right.article_index}
        (hidden,) = set(range(3)) - shown
        k = left.article_index or 0
        sents = app.comparison.sentences[hidden]
        # a counterpart far down the hidden article, not the first sentence of its paragraph
        ref, target = max(
            (
                (SentenceRef(k, s), other)
                for s in app.lookup.matched[k]
                for other, _ in app.lookup.counterparts(SentenceRef(k, s))
                if other.article == hidden
                and sents[other.sentence - 1].paragraph == sents[other.sentence].paragraph
            ),
            key=lambda pair: pair[1].sentence,
        )
        assert target.sentence > len(sents) * 3 // 4
        app.select(left, ref.sentence)
        others = app.lookup.counterparts(ref)
        for _ in range(len(others)):
            await pilot.press("enter")
            if (right.article_index, right.current) == (target.article, target.sentence):
                break
        assert (right.article_index, right.current) == (target.article, target.sentence)
        line = right.line_of_sentence(target.sentence)
        assert line is not None and line in _shown_lines(right)
        assert line > right.scrollable_content_region.height  # really scrolled down to it
        top, height = right.scroll_offset.y, right.scrollable_content_region.height
        assert line - top == height // 2 or top == right.line_count - height  # centred
        first_word = inert(app.comparison.sentence(target).text).split()[0]
        assert first_word in right.visible_text().split("\n")[line - top]
        text = app.comparison.sentence(target).text
        assert _words(text, 4) in " ".join(right.visible_text().split())
        assert _words(text, 4) in _reversed_on_screen(right)

    drive(long_story, check)


def test_end_shows_the_last_words_and_home_the_first(long_story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.comparison is not None
        left = pane(app, 0)
        last = app.comparison.sentences[left.article_index or 0][-1].text
        await pilot.press("end")
        assert left.scroll_offset.y == left.line_count - left.scrollable_content_region.height
        tail = " ".join(inert(last).split()[-4:])
        assert " ".join(left.visible_text().split()).endswith(tail)
        await pilot.press("home")
        first = app.comparison.sentences[left.article_index or 0][0].text
        assert _words(first, 3) in " ".join(left.visible_text().split())

    drive(long_story, check)


def test_swap_keeps_each_article_with_its_current_sentence(long_story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        left, right = pane(app, 0), pane(app, 1)
        for _ in range(25):
            await pilot.press("n")
        await pilot.press("tab", "n", "n", "n", "tab")
        before = [(p.article_index, p.current) for p in (left, right)]
        assert all(cur is not None for _, cur in before)
        await pilot.press("s")
        assert [(p.article_index, p.current) for p in (right, left)] == before
        for p in (left, right):
            assert p.current is not None
            assert p.line_of_sentence(p.current) in _shown_lines(p)
            assert _reversed_on_screen(p)

    drive(long_story, check)


def test_resize_breaks_lines_again_and_keeps_the_top_line(long_story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        left = pane(app, 0)
        for _ in range(30):
            await pilot.press("j")
        top_words = left.visible_text().split("\n")[0].split()[:2]
        old_lines = left.line_count
        await pilot.resize_terminal(120, 45)
        await pilot.pause()
        width = left.scrollable_content_region.width
        assert left.wrap_width == width
        assert left.line_count > old_lines  # narrower: more lines
        shown = left.visible_text().split("\n")
        assert all(len(line) <= width for line in shown)
        assert " ".join(top_words) in " ".join(shown[:2])
        _assert_heights_are_rich_heights(app, left)

    drive(long_story, check)


def _assert_heights_are_rich_heights(app: BriefreadApp, p: ArticlePane) -> None:
    """Every paragraph, drawn by Rich in full, takes the lines the pane counted for it."""
    console = app.console
    options = console.options.update_width(p.wrap_width)
    drawn = [len(console.render_lines(p.paragraph(k), options)) for k in p.paragraphs]
    assert p.line_count == sum(drawn) + len(drawn) - 1


def test_only_paragraphs_on_screen_are_drawn(long_story: list[Article]) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        left = pane(app, 0)
        await pilot.press("pagedown", "pagedown")
        bottom = left.scroll_offset.y + left.scrollable_content_region.height
        drawn = [k for k, par in left._paragraphs.items() if par.strips is not None]
        assert drawn and 2 * len(drawn) < len(left.paragraphs)  # only the three pages seen
        seen = {k for k in left.paragraphs if left.line_of_paragraph(k) < bottom}
        assert set(drawn) <= seen
        _assert_heights_are_rich_heights(app, left)

    drive(long_story, check)


def test_changed_words_are_worked_out_as_the_eager_version_did(
    sample_articles: list[Article],
) -> None:
    async def check(app: BriefreadApp, pilot: Any) -> None:
        assert app.lookup is not None and app.comparison is not None
        edited = next(m for m in app.comparison.matches if m.kind == "edited")
        app.open_pair(edited.a.article, edited.b.article)
        for p in app.visible_panes:
            k = p.article_index or 0
            lazy = app._changed_words(p)
            neighbours = {q.article_index for q in app.visible_panes if q is not p} - {k}
            eager: dict[int, list[tuple[int, int]]] = {}
            for s in app.lookup.matched[k]:
                ref = SentenceRef(k, s)
                for other, m in app.lookup.counterparts(ref):
                    if m.kind != "edited" or other.article not in neighbours:
                        continue
                    mine, theirs = app.comparison.sentence(ref), app.comparison.sentence(other)
                    spans = changed_spans(theirs.text, mine.text)[1]
                    if spans:
                        eager[s] = spans
                    break
            assert eager and dict(lazy) == eager

    drive(sample_articles, check)


@pytest.mark.parametrize("width", [1, 3, 10, 23, 57, 86])
def test_line_starts_are_where_rich_breaks_lines(width: int) -> None:
    console = Console(width=200)
    rng = random.Random(width)
    pieces = [
        "a", "word", " ", "  ", "\n", "\t", "東京", "é", "≡ ", "✎ ", "x" * 30, "👍", "\u0301", ".",
    ]  # fmt: skip
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        lines = console.render_lines(Text(text), console.options.update_width(width), pad=False)
        assert len(line_starts(measure(text), width)) + 1 == len(lines), repr(text)


def test_plain_paragraphs_are_the_drawn_text_and_locate_each_sentence(
    sample_articles: list[Article],
) -> None:
    from corpus.comparison import compare

    c = compare(sample_articles)
    kinds = {m.a.sentence: m.kind for m in c.matches if m.a.article == 0}
    sentences = c.sentences[0]
    marked = {sentences[1].index}
    by_par: dict[int, list[Any]] = {}
    for s in sentences:
        by_par.setdefault(s.paragraph, []).append(s)
    text = c.articles[0].text
    for sents in by_par.values():
        plain, starts = paragraph_plain(text, sents, kinds, marked)
        drawn = paragraph_text(
            text, sents, kinds, sents[0].index, {sents[0].index: [(0, 3)]}, marked
        )
        assert drawn.plain == plain
        for s, at in zip(sents, starts, strict=True):
            assert plain[at:].lstrip("✎≡±≈❝ ").startswith(inert(s.text)[:10])
