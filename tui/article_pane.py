"""One article shown as wrapped lines, its matched sentences highlighted, one sentence current.

The pane draws its own lines (Textual's line API, as Toolong does for big logs): a 5,000-word
article is one widget, not hundreds, so focus changes and key presses stay cheap. Only the
paragraphs on screen are styled and drawn; the others are measured (:mod:`tui.line_breaks`), so
the pane knows exactly where every line is without drawing it. Moving the current sentence
draws only the paragraphs involved again; a new width breaks lines again but draws only what
shows. Drawn lines are kept by paragraph, width and look (:mod:`tui.drawn_lines`), and so are a
paragraph's line starts for the last few widths: going back to a pane count re-uses both.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from rich.color import Color as RichColor
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._border import get_box
from textual._segment_tools import line_pad
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style as TextualStyle

from corpus.article import Article
from corpus.sentence import Sentence
from tui.drawn_lines import DrawnLines
from tui.highlight import paragraph_plain, paragraph_text
from tui.line_breaks import Measured, line_starts, measure
from tui.safe_text import inert

MIN_WIDTH = 10
"""Narrowest width (cells) text is wrapped to, so a pane squeezed to nothing stays readable."""
WIDTHS_KEPT = 6
"""Widths whose line starts a paragraph keeps: one per pane count, and a resize or two."""


@dataclass(slots=True, eq=False)
class _Paragraph:
    """One paragraph of the article shown: its plain text measured once, where its sentences
    begin in it, and at the pane's width where its lines begin and (once on screen) its lines.

    Compared (and hashed) by identity: it names its drawings in :class:`DrawnLines`, and a
    paragraph measured again (new marks, another article) is a new one.
    """

    sentences: list[Sentence]
    """Empty while matching runs: the paragraph is plain text then."""
    measured: Measured
    offsets: dict[int, int]
    """Sentence index → character (into the plain text) where its marks or text begin."""
    breaks: list[int] = field(default_factory=list)
    """Characters where the 2nd, 3rd, … line begins at the width laid out."""
    strips: list[Strip] | None = None
    """The drawn lines; None until the paragraph is on screen, or after it changed look."""
    widths: dict[int, list[int]] = field(default_factory=dict)
    """Line starts by width, for the :data:`WIDTHS_KEPT` widths used last."""

    def breaks_at(self, width: int) -> list[int]:
        """Where its 2nd, 3rd, … lines begin at ``width`` (known widths are not worked out
        again)."""
        breaks = self.widths.pop(width, None)
        if breaks is None:
            breaks = line_starts(self.measured, width)
            if len(self.widths) >= WIDTHS_KEPT:
                del self.widths[next(iter(self.widths))]  # the least recently used
        self.widths[width] = breaks
        return breaks

    def lay_out(self, width: int) -> None:
        """Break it into lines at ``width``, to be drawn when next shown."""
        self.breaks = self.breaks_at(width)
        self.strips = None

    @property
    def height(self) -> int:
        """Lines it takes (without the blank line after it)."""
        return len(self.breaks) + 1

    def line_of(self, offset: int) -> int:
        """Which of its lines (0 for the first) holds character ``offset``."""
        return bisect_right(self.breaks, offset)


class ArticlePane(ScrollView, can_focus=False):
    """Shows one article: plain text first, highlighted once the comparison is ready.

    Panes never take the keyboard focus themselves: the row of panes holds it and the reader
    marks one pane active, so switching panes does not re-style the whole screen.
    """

    @dataclass
    class Clicked(Message):
        """The reader clicked into this pane: make it the active one."""

        slot: int

    class Drawn(Message):
        """The pane drew lines in a frame: what it shows, or where, may have changed. One at a
        time: the next is sent once this one has been handled."""

    _CONTENT: ClassVar[tuple[str, ...]] = (
        "article_index", "current", "loaded", "_text", "_sentences", "_kinds", "_changed",
        "_marked", "_paragraphs", "_order", "_starts", "_total", "_laid_width",
    )  # fmt: skip
    """What :meth:`swap_with` exchanges: everything about the article shown, not the widget."""

    def __init__(self, slot: int, drawn: DrawnLines | None = None) -> None:
        super().__init__(id=f"pane-{slot}", classes="pane")
        self.slot = slot
        self._drawn = drawn if drawn is not None else DrawnLines()
        """Lines drawn before, by paragraph, width and look (shared by the reader's panes)."""
        self.article_index: int | None = None
        self.current: int | None = None
        self.loaded: int | None = None
        """The article shown with its highlights (None: nothing, or plain text only)."""
        self._text = ""
        self._sentences: Sequence[Sentence] = ()
        self._kinds: Mapping[int, str] = {}
        self._changed: Mapping[int, Sequence[tuple[int, int]]] = {}
        self._marked: Collection[int] = ()
        self._paragraphs: dict[int, _Paragraph] = {}
        self._order: list[int] = []
        self._starts: list[int] = []
        """First line of each paragraph, in order; a blank line follows each but the last."""
        self._total = 0
        self._laid_width = 0
        """Width (cells) the breaks were worked out for; 0 before any."""
        self._style = Style()
        self._telling = False
        """A :class:`Drawn` is on its way."""
        self._framed: dict[int, tuple[Strip, Hashable, Strip]] = {}
        """By row: the content line, the look it was framed in, and the framed line (see
        :meth:`_framed_lines`)."""

    def on_mount(self) -> None:
        # The scroll bar is made now, shown, as a long article will need it: made when the pane
        # first shows (Textual makes it when first needed), it cost a second layout pass and
        # frame of the whole screen, the first time a pane count showed this pane. A pane whose
        # article fits hides it in its first layout pass.
        self.vertical_scrollbar.display = True
        self.set_reactive(ScrollView.show_vertical_scrollbar, True)

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.slot))

    def on_article_pane_drawn(self, event: Drawn) -> None:
        self._telling = False  # it goes on to the reader

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical scroll bar, made as Textual makes it but of :class:`_PaneScrollBar`."""
        if self._vertical_scrollbar is None:
            bar = _PaneScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    # ── what is shown ───────────────────────────────────────────────────────────────────
    def show_raw(self, k: int, article: Article) -> None:
        """Plain paragraphs before matching has finished: text on screen at once."""
        self.article_index = k
        self.loaded = None
        self.current = None
        self.border_title = Text(inert(article.outlet or article.id))
        self._sentences = ()
        raw = [inert(p.strip()) for p in article.text.split("\n\n") if p.strip()]
        self._load({i: _Paragraph([], measure(text), {}) for i, text in enumerate(raw)})

    def show(
        self,
        k: int,
        article: Article,
        sentences: Sequence[Sentence],
        kinds: Mapping[int, str],
        *,
        title: str,
        changed: Mapping[int, Sequence[tuple[int, int]]] | None = None,
        marked: Collection[int] = (),
    ) -> None:
        """Article ``k`` with its sentences highlighted by ``kinds`` (sentence → strongest kind).

        ``changed`` may compute its spans when asked for a sentence: only sentences drawn are.
        """
        self.article_index = k
        self.loaded = k
        self.current = None
        self._text = article.text
        self._sentences = sentences
        self._kinds = kinds
        self._changed = changed if changed is not None else {}
        self._marked = marked
        self.border_title = Text(inert(title))
        self.border_subtitle = Text(inert(article.published or ""))
        by_par: dict[int, list[Sentence]] = defaultdict(list)
        for s in sentences:
            by_par[s.paragraph].append(s)
        self._load({p: self._measure(by_par[p]) for p in sorted(by_par)})
        self.scroll_home(animate=False, immediate=True)

    def _measure(self, sentences: list[Sentence]) -> _Paragraph:
        plain, starts = paragraph_plain(self._text, sentences, self._kinds, self._marked)
        offsets = {s.index: at for s, at in zip(sentences, starts, strict=True)}
        return _Paragraph(sentences, measure(plain), offsets)

    def restyle(
        self,
        *,
        changed: Mapping[int, Sequence[tuple[int, int]]] | None = None,
        marked: Collection[int] | None = None,
    ) -> None:
        """Redraw with new changed-word spans or highlights, keeping the article and position.

        Only paragraphs on screen are drawn again; new marks measure their paragraphs again.
        """
        if changed is not None and changed != self._changed:
            old, self._changed = self._changed, changed
            shown = set(self._on_screen())
            differ = []
            for p, par in self._paragraphs.items():
                if p not in shown:
                    par.strips = None
                elif any(_spans(old, s) != _spans(changed, s) for s in par.sentences):
                    differ.append(p)
            self._redraw(differ)
        if marked is not None:
            touched = set(self._marked) ^ set(marked)
            self._marked = marked
            pars = {self._sentences[s].paragraph for s in touched if s < len(self._sentences)}
            self._remeasure(pars & set(self._paragraphs))

    def _remeasure(self, pars: set[int]) -> None:
        """Measure these paragraphs again (their plain text changed) and lay them out."""
        if not pars:
            return
        anchor = self._anchor()
        width = self._laid_width or self._wanted_width()
        grew = False
        for p in pars:
            old = self._paragraphs[p]
            new = self._measure(old.sentences)
            new.lay_out(width)
            grew |= new.height != old.height
            self._paragraphs[p] = new
        if grew:
            self._stack()
            self._scroll_to_anchor(anchor)
        self.refresh()

    def set_current(self, sentence: int | None, *, keep_if_visible: bool = False) -> None:
        """Make ``sentence`` current (shown reversed) and centre it.

        With ``keep_if_visible``, a sentence already well inside the view is not scrolled to:
        stepping through nearby sentences keeps the page still, as a pager does.
        """
        old, self.current = self.current, sentence
        self._redraw(
            self._sentences[s].paragraph
            for s in (old, sentence)
            if s is not None and s < len(self._sentences)
        )
        if sentence is not None and sentence < len(self._sentences):
            self.centre_on(sentence, keep_if_visible=keep_if_visible)

    def _redraw(self, pars: Iterable[int]) -> None:
        """Draw these paragraphs again when next shown, repainting only their lines."""
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        for p in set(pars):
            par = self._paragraphs.get(p)
            if par is None:
                continue
            par.strips = None
            first = self._starts[self._order.index(p)]
            lo, hi = max(first, top), min(first + par.height, top + height)
            if lo < hi:
                self.refresh_lines(lo, hi - lo)

    def swap_with(self, other: ArticlePane) -> None:
        """Exchange what two panes show, keeping each article's place and current sentence.

        Nothing is measured again; if the widths differ, lines are only broken again.
        """
        mine, theirs = self._anchor(), other._anchor()
        for name in self._CONTENT:
            a, b = getattr(self, name), getattr(other, name)
            setattr(self, name, b)
            setattr(other, name, a)
        self.border_title, other.border_title = other.border_title, self.border_title
        self.border_subtitle, other.border_subtitle = other.border_subtitle, self.border_subtitle
        for pane, anchor in ((self, theirs), (other, mine)):
            if pane._laid_width != pane._wanted_width():
                pane._lay_out()
            else:
                pane._set_virtual_size()
            pane._scroll_to_anchor(anchor)
            pane.refresh()

    @property
    def wrap_width(self) -> int:
        """The width (cells) the lines are wrapped to."""
        return self._laid_width

    def centre_on(self, sentence: int, *, keep_if_visible: bool = False) -> None:
        """Scroll so that the first line of ``sentence`` is in the middle of the pane (unless
        ``keep_if_visible`` and it is already inside the view, clear of its top and bottom)."""
        line = self.line_of_sentence(sentence)
        if line is None:
            return
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        margin = max(1, height // 5)
        if keep_if_visible and top + margin <= line < top + height - margin:
            return
        self._scroll(max(0, line - height // 2))

    def line_of_sentence(self, sentence: int) -> int | None:
        """The line (0 for the article's first) where ``sentence`` begins, or None."""
        if sentence >= len(self._sentences):
            return None
        p = self._sentences[sentence].paragraph
        par = self._paragraphs.get(p)
        if par is None or sentence not in par.offsets:
            return None
        return self._starts[self._order.index(p)] + par.line_of(par.offsets[sentence])

    def line_of_paragraph(self, paragraph: int) -> int:
        """The line (0 for the article's first) where ``paragraph`` begins."""
        return self._starts[self._order.index(paragraph)]

    @property
    def marked(self) -> set[int]:
        """Sentences shown as the reader's own highlights."""
        return set(self._marked)

    @property
    def paragraphs(self) -> list[int]:
        """Paragraph numbers of the article shown with highlights, in order."""
        return list(self._order) if self.loaded is not None else []

    @property
    def line_count(self) -> int:
        """Lines the article takes at the current width, blank lines between paragraphs too."""
        return self._total

    def paragraph(self, paragraph: int) -> Text:
        """Paragraph ``paragraph`` as drawn: sentences styled by kind, changed words, marks."""
        return self._styled(self._paragraphs[paragraph], self._changed)

    def _styled(self, par: _Paragraph, changed: Mapping[int, Sequence[tuple[int, int]]]) -> Text:
        if not par.sentences:
            return Text(par.measured.text)
        return paragraph_text(
            self._text, par.sentences, self._kinds, self.current, changed, self._marked
        )

    def visible_text(self) -> str:
        """The text of the lines on screen now (for tests and screen readers of the state)."""
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        lines = (self._line(y) for y in range(top, min(top + height, self._total)))
        return "\n".join("" if line is None else line.text.rstrip() for line in lines)

    # ── laying out and drawing ──────────────────────────────────────────────────────────
    def on_resize(self, event: Resize) -> None:
        self._fit_width()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual calls this in its layout pass, before drawing: breaking the lines for a new
        # width here puts them, the scroll position and the scroll bar right in the same frame.
        new_size = size != self.size
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self._fit_width()
        if new_size and layout:
            # A pane resized by a layout pass is drawn whole (its scroll bar too, which moved or
            # changed size) in the frame this pass makes; the repaints asked for above (new
            # lines, scroll position, scroll bar) would draw it all again in a frame of its own.
            self._repaint_required = False
            if self._vertical_scrollbar is not None:
                self._vertical_scrollbar._repaint_required = False
        return resized

    def _fit_width(self) -> None:
        """Break the lines again if the pane's width changed, keeping the top line's text."""
        if self._paragraphs and self._laid_width != self._wanted_width():
            anchor = self._anchor()
            self._lay_out()
            self._scroll_to_anchor(anchor)

    def _wanted_width(self) -> int:
        return max(self.scrollable_content_region.width, MIN_WIDTH)

    def _load(self, paragraphs: dict[int, _Paragraph]) -> None:
        self._paragraphs = paragraphs
        self._order = list(paragraphs)
        self._lay_out()

    def _lay_out(self) -> None:
        """Break every paragraph into lines at the pane's width (nothing is drawn yet)."""
        width = self._wanted_width()
        for par in self._paragraphs.values():
            par.lay_out(width)
        self._laid_width = width
        self._stack()

    def _stack(self) -> None:
        """Place the paragraphs one after another, a blank line between them."""
        starts = []
        line = 0
        for p in self._order:
            starts.append(line)
            line += self._paragraphs[p].height + 1
        self._starts = starts
        self._total = max(0, line - 1)
        self._set_virtual_size()
        self.refresh()

    def _set_virtual_size(self) -> None:
        """Tell Textual how many lines there are, without a layout pass of the whole screen
        (the pane's own size does not depend on it; a scroll bar that appears or goes still
        asks for one). No width: lines are wrapped to the pane, nothing scrolls sideways."""
        size = Size(0, self._total)
        if size == self.virtual_size:
            return
        if not self.is_mounted or not self.container_size:
            self.virtual_size = size
            return
        self.set_reactive(ArticlePane.virtual_size, size)
        self._scroll_update(size)

    def _anchor(self) -> tuple[int, int] | None:
        """(paragraph, character) at the top of the view, to come back to after a change."""
        if not self._order:
            return None
        top = self.scroll_offset.y
        i = max(0, bisect_right(self._starts, top) - 1)
        par = self._paragraphs[self._order[i]]
        within = top - self._starts[i]
        if within == 0:
            return self._order[i], 0
        if within > len(par.breaks):  # the blank line after it: anchor to the next paragraph
            return (self._order[i + 1], 0) if i + 1 < len(self._order) else (self._order[i], 0)
        return self._order[i], par.breaks[within - 1]

    def _scroll_to_anchor(self, anchor: tuple[int, int] | None) -> None:
        if anchor is None or anchor[0] not in self._paragraphs:
            self._scroll(0)
            return
        p, offset = anchor
        self._scroll(self._starts[self._order.index(p)] + self._paragraphs[p].line_of(offset))

    def _scroll(self, y: int) -> None:
        """Scroll now, not after the next frame: the frame a key causes shows its result."""
        self.scroll_to(y=y, animate=False, immediate=True)

    def _on_screen(self) -> list[int]:
        """Paragraphs with at least one line in the view."""
        if not self._order:
            return []
        top = self.scroll_offset.y
        first = max(0, bisect_right(self._starts, top) - 1)
        last = bisect_right(self._starts, top + self.scrollable_content_region.height - 1)
        return self._order[first:last]

    def _line(self, index: int) -> Strip | None:
        """Line ``index`` of the article (None for a blank line between paragraphs)."""
        i = bisect_right(self._starts, index) - 1
        if i < 0 or index >= self._total:
            return None
        strips = self._draw(self._order[i])
        within = index - self._starts[i]
        return strips[within] if within < len(strips) else None

    def _draw(self, p: int) -> list[Strip]:
        """The lines of paragraph ``p``, drawing it if needed."""
        par = self._paragraphs[p]
        if par.strips is not None:
            return par.strips
        if not self.is_mounted:
            return []
        strips = self._drawing(par, self._laid_width, par.breaks, self._changed)
        par.strips = strips
        if len(strips) != par.height:  # never expected: trust the drawing, keep it exact
            par.breaks = par.widths[self._laid_width] = _approximate_breaks(strips)
            self._stack()
        return strips

    def _drawing(
        self,
        par: _Paragraph,
        width: int,
        breaks: list[int],
        changed: Mapping[int, Sequence[tuple[int, int]]],
    ) -> list[Strip]:
        """The lines of ``par`` at ``width`` (where they begin: ``breaks``) with ``changed``
        words: drawn before, or now."""
        # Everything the drawing depends on besides the paragraph itself (its text, marks and
        # kinds, fixed while it lives): the width, the current sentence if it holds it, and
        # the changed words of each of its sentences.
        key = (
            par,
            width,
            self.current if self.current in par.offsets else None,
            tuple(tuple(changed.get(s.index, ())) for s in par.sentences),
        )
        strips = self._drawn.get(key)
        if strips is None:
            text = self._styled(par, changed)
            strips = _draw_text(self.app.console, text, par.measured, breaks, width)
            self._drawn.put(key, strips)
        return strips

    def prepare(
        self, width: int, height: int, changed: Mapping[int, Sequence[tuple[int, int]]]
    ) -> Iterator[None]:
        """Draw what the pane would show ``width`` cells wide and ``height`` lines high with
        ``changed`` words (a layout the reader may switch to next), a paragraph per step, and
        keep the drawings: switching then finds them. What the pane shows now does not
        change."""
        if self.loaded is None or not self._order or not self.is_mounted:
            return
        width = max(width, MIN_WIDTH)
        if width == self._laid_width and changed == self._changed:
            return
        anchor = self._anchor()
        starts, end = [], 0  # as _stack would place the paragraphs at this width
        for i, p in enumerate(self._order, 1):
            starts.append(end)
            end += len(self._paragraphs[p].breaks_at(width)) + 2
            if i % 32 == 0:
                yield
        top = 0
        if anchor is not None:
            p, offset = anchor
            top = starts[self._order.index(p)] + bisect_right(
                self._paragraphs[p].breaks_at(width), offset
            )
        top = max(0, min(top, end - 1 - height))  # as scrolling there would stop
        first = max(0, bisect_right(starts, top) - 1)
        last = bisect_right(starts, top + height - 1)
        style = self.rich_style
        for p in self._order[first:last]:
            par = self._paragraphs[p]
            for strip in self._drawing(par, width, par.breaks_at(width), changed):
                _finish(strip, 0, width, style)  # what showing it will ask for
            yield

    def render_lines(self, crop: Region) -> list[Strip]:
        self._fit_width()  # a new width is drawn in the frame that shows it, not one later
        self._style = self.rich_style  # once a frame: it walks every ancestor's styles
        if not self._telling and self.screen is self.app.screen:  # not seen through a dialog
            self._telling = True
            self.call_later(self._tell_drawn)  # sent once this frame is on screen
        return self._framed_lines(crop)

    def _framed_lines(self, crop: Region) -> list[Strip]:
        """The pane's lines inside its border and padding, as Textual's styles cache draws them
        (``StylesCache.render_line``), each built once for the line it frames.

        Textual's cache keeps a framed line until the pane is resized or refreshed whole; a new
        pane count does both, so every line was framed again (border, padding, background),
        which took most of the time of drawing a pane whose lines were already drawn. Here a
        framed line is kept for as long as the line it frames is the same :class:`Strip` (the
        pane's drawn lines are kept, and so are their crops) and the border, padding and
        background are the same; the border rows, and any look this does not cover (vertical
        padding, an outline, tint, opacity, hatching, links), are left to Textual.
        """
        styles = self.styles
        width, height = self.region.size
        pad_top, pad_right, pad_bottom, pad_left = styles.padding
        (_, (border_right, right_color), _, (border_left, left_color)) = styles.border
        hover = self.hover_style
        if (
            not crop
            or pad_top
            or pad_bottom
            or self.opacity != 1.0
            or styles.text_opacity != 1.0
            or styles.tint.a
            or any(styles.outline[i][0] for i in range(4))
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or (self.auto_links and hover._link_id and hover._meta and "@click" in hover.meta)
        ):
            return super().render_lines(crop)
        cache = self._styles_cache
        if width != cache._width:  # as Textual's cache does: nothing kept is the right width
            cache.clear()
            cache._width = width
        base, background = self.background_colors
        inner, outer = cache.get_inner_outer(base, background)
        inner_style = inner.rich_style
        left = right = None
        if border_left:
            left_style = TextualStyle(foreground=base + left_color.multiply_alpha(1.0))
            left = get_box(border_left, inner, outer, left_style)[1][0]
        if border_right:
            right_style = TextualStyle(foreground=base + right_color.multiply_alpha(1.0))
            right = get_box(border_right, inner, outer, right_style)[1][2]
        content_width, content_height = self.content_region.size
        look = (width, content_width, pad_left, pad_right, left, right, inner_style)
        top = styles.gutter.top
        filters = self.get_line_filters()
        framed = self._framed
        drawn, dirty = cache._cache, cache._dirty_lines
        strips: list[Strip] = []
        for y in crop.line_range:
            if y not in dirty and y in drawn:  # Textual's own test of a line it keeps
                strip = drawn[y]
            elif (styles.border_top[0] and y == 0) or (styles.border_bottom[0] and y == height - 1):
                strip = cache.render_widget(self, Region(0, y, width, 1))[0]
                strips.append(strip)  # filtered there already
                continue
            else:
                content_y = y - top
                if content_y < content_height:
                    line = self.render_line(content_y)
                else:
                    line = Strip.blank(content_width, inner_style)
                kept = framed.get(y)
                if kept is not None and kept[0] is line and kept[1] == look:
                    strip = kept[2]
                else:
                    fitted = line.adjust_cell_length(content_width, inner_style)
                    if pad_left or pad_right:
                        segments = line_pad(fitted, pad_left, pad_right, inner_style)
                    else:
                        segments = list(fitted)
                    if left is not None:
                        segments.insert(0, left)
                    if right is not None:
                        segments.append(right)
                    strip = Strip(segments, width)
                    framed[y] = (line, look, strip)
                drawn[y] = strip
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        dirty.difference_update(crop.line_range)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _tell_drawn(self) -> None:
        # Made here, not while the screen draws: a message made then would be the screen's,
        # and stop there instead of reaching the reader.
        self.post_message(self.Drawn())

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        line = self._line(scroll_y + y)
        if line is None:
            return Strip.blank(width, self._style)
        return _finish(line, scroll_x, width, self._style)


def _finish(line: Strip, x: int, width: int, style: Style) -> Strip:
    """``line`` as the pane shows it: ``width`` cells from ``x``, in the pane's style. Strips
    keep what they made from themselves: an unchanged line costs a lookup."""
    return line.crop_extend(x, x + width, style).apply_style(style)


class _PaneScrollBar(ScrollBar):
    """A scroll bar that, resized, does not ask for a second layout pass of the whole screen,
    and draws each kind of line once (see :meth:`render_lines`).

    Textual's does (it has a virtual size, which a new size sets "with layout"), though it has
    nothing inside to lay out: after a new pane count, that second pass drew the screen again.
    """

    MAX_KEPT: ClassVar[int] = 512
    """Lines kept (see :meth:`render_lines`): a few dozen looks of a few dozen kinds of line."""

    def __init__(self, *, vertical: bool, name: str, thickness: int) -> None:
        super().__init__(vertical=vertical, name=name, thickness=thickness)
        self._kept: dict[tuple[Hashable, Segment], Strip] = {}

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The bar's lines as Textual draws them, each kind of line drawn once.

        A vertical bar is one segment a line (track above the thumb, thumb, track below, or a
        thumb end), and Textual draws each line from its segment alone. A new pane count gives
        every bar a new size and thumb, which Textual draws whole again (a millisecond or two a
        bar); here a line whose segment was drawn before in the same look is the line drawn
        then. Anything this does not cover is left to Textual.
        """
        bar = self.render()
        styles = self.styles
        width, height = self.region.size
        if (
            not self.vertical
            or type(bar) is not ScrollBarRender
            or self.text_selection is not None
            or any(styles.gutter)
            or self.opacity != 1.0
            or styles.text_opacity != 1.0
            or styles.tint.a
            or any(styles.outline[i][0] for i in range(4))
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or tuple(styles.content_align) != ("left", "top")
            or not isinstance(bar.style, Style)
        ):
            return super().render_lines(crop)
        segments = ScrollBarRender.render_bar(  # as ScrollBarRender.__rich_console__ calls it
            size=height,
            window_size=bar.window_size,
            virtual_size=bar.virtual_size,
            position=bar.position,
            vertical=True,
            thickness=width,
            back_color=bar.style.bgcolor or RichColor.parse("#555555"),
            bar_color=bar.style.color or RichColor.parse("bright_magenta"),
        ).segments
        look = (
            width,
            bar.style,
            self.visual_style,
            self.background_colors,
            tuple(self.get_line_filters()),
        )
        kept = self._kept
        rows = segments[crop.y : crop.bottom]
        try:
            strips = [kept[look, segment] for segment in rows]
        except KeyError:
            whole = super().render_lines(Region(0, 0, width, height))
            if len(whole) == len(segments):
                if len(kept) > self.MAX_KEPT:
                    kept.clear()
                kept.update(((look, s), strip) for s, strip in zip(segments, whole, strict=True))
            strips = whole[crop.y : crop.bottom]
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips


def _draw_text(
    console: Console, text: Text, measured: Measured, breaks: list[int], width: int
) -> list[Strip]:
    """``text`` cut at the paragraph's known line starts (``breaks``) and drawn line by line:
    what ``console.render_lines`` draws, without breaking the lines again. Text with newlines
    or tabs (rare) is left to Rich."""
    if "\n" in measured.text or "\t" in measured.text:
        lines = console.render_lines(text, console.options.update_width(width), pad=False)
        return [Strip(line, Segment.get_line_length(line)) for line in lines]
    strips = []
    for line in text.divide(breaks):
        line.rstrip_end(width)
        line.truncate(width, overflow="fold")
        strips.append(Strip(line.render(console), line.cell_len))
    return strips


def _spans(changed: Mapping[int, Sequence[tuple[int, int]]], s: Sentence) -> list[tuple[int, int]]:
    return list(changed.get(s.index, ()))


def _approximate_breaks(strips: list[Strip]) -> list[int]:
    """Line starts guessed from drawn lines' lengths (a space lost at each break)."""
    out = []
    at = 0
    for strip in strips[:-1]:
        at += len(strip.text) + 1
        out.append(at)
    return out


class PaneRow(Horizontal, can_focus=True):
    """The article panes side by side. It holds the keyboard focus for them and scrolls the
    active pane (set by the reader) with the scrolling keys."""

    HELP = """\
## Article pane
One article of the story. Highlights show what is found in other articles:
**≡ verbatim**, **± edited** (changed words stand out against the neighbouring pane),
**≈ paraphrase** (also translations), **❝ quote**. Plain text is found nowhere else;
dim text is page furniture. **✎** marks your own highlights.

- `n` / `N`: next / previous matched sentence
- `u` / `U`: next / previous passage found nowhere else
- `enter`: show the counterpart in the other pane (again: the next counterpart)
- `j` / `k`, arrows, page keys: scroll
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="scroll_down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="scroll_up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page_up"),
        Binding("home", "ends(0)", "Top", show=False, id="scroll_home"),
        Binding("end", "ends(1)", "Bottom", show=False, id="scroll_end"),
    ]

    active: ArticlePane | None = None

    def action_scroll(self, lines: int) -> None:
        if self.active is not None:
            self.active.scroll_relative(y=lines, animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        if self.active is not None:
            page = max(1, self.active.scrollable_content_region.height - 2)
            self.active.scroll_relative(y=direction * page, animate=False, immediate=True)

    def action_ends(self, end: int) -> None:
        if self.active is not None:
            if end:
                self.active.scroll_end(animate=False, immediate=True)
            else:
                self.active.scroll_home(animate=False, immediate=True)
