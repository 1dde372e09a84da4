"""One article shown as wrapped lines, its matched sentences highlighted, one sentence current.

The pane draws its own lines (Textual's line API, as Toolong does for big logs): a 5,000-word
article is one widget, not hundreds, so focus changes and key presses stay cheap. Paragraphs are
wrapped once per width; moving the current sentence re-wraps only the two paragraphs involved.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.article import Article
from corpus.sentence import Sentence
from tui.highlight import paragraph_text
from tui.safe_text import inert


class ArticlePane(ScrollView, can_focus=False):
    """Shows one article: plain text first, highlighted once the comparison is ready.

    Panes never take the keyboard focus themselves: the row of panes holds it and the reader
    marks one pane active, so switching panes does not re-style the whole screen.
    """

    @dataclass
    class Clicked(Message):
        """The reader clicked into this pane: make it the active one."""

        slot: int

    def __init__(self, slot: int) -> None:
        super().__init__(id=f"pane-{slot}", classes="pane")
        self.slot = slot
        self.article_index: int | None = None
        self.current: int | None = None
        self._text = ""
        self._sentences: Sequence[Sentence] = ()
        self._by_paragraph: dict[int, list[Sentence]] = {}
        self._kinds: Mapping[int, str] = {}
        self._changed: Mapping[int, Sequence[tuple[int, int]]] = {}
        self._marked: Collection[int] = ()
        self._raw: list[Text] = []
        self._width = 0
        self._wrapped: dict[int, list[Strip]] = {}
        self._lines: list[Strip] = []
        self._starts: list[int] = []
        self._order: list[int] = []
        self._drawn: dict[tuple[int, int, int, Style], tuple[Strip, Strip]] = {}
        """Finished screen lines by (line, scroll x, width, base style), kept while unchanged."""

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.slot))

    # ── what is shown ───────────────────────────────────────────────────────────────────
    def show_raw(self, k: int, article: Article) -> None:
        """Plain paragraphs before matching has finished: text on screen at once."""
        self.article_index = k
        self.current = None
        self.border_title = Text(inert(article.outlet or article.id))
        self._by_paragraph = {}
        self._raw = [Text(inert(p.strip())) for p in article.text.split("\n\n") if p.strip()]
        self._rewrap_all()

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
        """Article ``k`` with its sentences highlighted by ``kinds`` (sentence → strongest kind)."""
        self.article_index = k
        self.current = None
        self._text = article.text
        self._sentences = sentences
        self._kinds = kinds
        self._changed = changed or {}
        self._marked = marked
        self.border_title = Text(inert(title))
        self.border_subtitle = Text(inert(article.published or ""))
        by_par: dict[int, list[Sentence]] = defaultdict(list)
        for s in sentences:
            by_par[s.paragraph].append(s)
        self._by_paragraph = dict(sorted(by_par.items()))
        self._raw = []
        self._rewrap_all()
        self.scroll_home(animate=False)

    def restyle(
        self,
        *,
        changed: Mapping[int, Sequence[tuple[int, int]]] | None = None,
        marked: Collection[int] | None = None,
    ) -> None:
        """Redraw with new changed-word spans or highlights, keeping the article and position.

        Only the paragraphs whose sentences look different are wrapped again.
        """
        touched: set[int] = set()
        if changed is not None:
            old = self._changed
            keys = set(old) | set(changed)
            touched |= {k for k in keys if list(old.get(k, ())) != list(changed.get(k, ()))}
            self._changed = changed
        if marked is not None:
            touched |= set(self._marked) ^ set(marked)
            self._marked = marked
        self._rewrap({self._sentences[s].paragraph for s in touched if s < len(self._sentences)})

    def set_current(self, sentence: int | None, *, keep_if_visible: bool = False) -> None:
        """Make ``sentence`` current (shown reversed) and centre it.

        With ``keep_if_visible``, a sentence already well inside the view is not scrolled to:
        stepping through nearby sentences keeps the page still, as a pager does.
        """
        old, self.current = self.current, sentence
        self._rewrap(
            {
                self._sentences[s].paragraph
                for s in (old, sentence)
                if s is not None and s < len(self._sentences)
            }
        )
        if sentence is not None and sentence < len(self._sentences):
            self.centre_on(sentence, keep_if_visible=keep_if_visible)

    def _rewrap(self, paragraphs: set[int]) -> None:
        """Wrap these paragraphs again; lay everything out again only if their heights changed."""
        paragraphs &= set(self._by_paragraph)
        if not paragraphs:
            return
        heights = {p: len(self._wrapped.get(p, ())) for p in paragraphs}
        for p in paragraphs:
            self._wrapped[p] = self._wrap(self.paragraph(p))
        if any(len(self._wrapped[p]) != h for p, h in heights.items()):
            self._join()
            return
        for p in paragraphs:
            first = self._starts[self._order.index(p)]
            self._lines[first : first + len(self._wrapped[p])] = self._wrapped[p]
        self.refresh()

    def swap_with(self, other: ArticlePane) -> None:
        """Exchange what two panes of the same width show, without wrapping anything again."""
        fields = (
            "article_index", "current", "_text", "_sentences", "_by_paragraph", "_kinds",
            "_changed", "_marked", "_raw", "_wrapped", "_lines", "_starts", "_order",
        )  # fmt: skip
        titles = (
            other.border_title,
            other.border_subtitle,
            self.border_title,
            self.border_subtitle,
        )
        for name in fields:
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, theirs)
            setattr(other, name, mine)
        y_mine, y_theirs = self.scroll_offset.y, other.scroll_offset.y
        self.border_title, self.border_subtitle, other.border_title, other.border_subtitle = titles
        for pane, y in ((self, y_theirs), (other, y_mine)):
            pane.virtual_size = Size(pane._width, len(pane._lines))
            pane.scroll_to(y=y, animate=False)
            pane.refresh()

    @property
    def wrap_width(self) -> int:
        """The width (cells) the lines are wrapped to."""
        return self._width

    def centre_on(self, sentence: int, *, keep_if_visible: bool = False) -> None:
        """Scroll so that the first line of ``sentence`` is in the middle of the pane (unless
        ``keep_if_visible`` and it is already inside the view, clear of its top and bottom)."""
        s = self._sentences[sentence]
        if s.paragraph not in self._by_paragraph or not self._order:
            return
        first = self._starts[self._order.index(s.paragraph)]
        line = first + self._line_within(s)
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        margin = max(1, height // 5)
        if keep_if_visible and top + margin <= line < top + height - margin:
            return
        self.scroll_to(y=max(0, line - height // 2), animate=False)

    @property
    def marked(self) -> set[int]:
        """Sentences shown as the reader's own highlights."""
        return set(self._marked)

    @property
    def paragraphs(self) -> list[int]:
        """Paragraph numbers of the article shown, in order."""
        return list(self._by_paragraph)

    def paragraph(self, paragraph: int) -> Text:
        """Paragraph ``paragraph`` as drawn: sentences styled by kind, changed words, marks."""
        return paragraph_text(
            self._text,
            self._by_paragraph[paragraph],
            self._kinds,
            self.current,
            self._changed,
            self._marked,
        )

    def visible_text(self) -> str:
        """The text of the lines on screen now (for tests and screen readers of the state)."""
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        return "\n".join(strip.text.rstrip() for strip in self._lines[top : top + height])

    # ── wrapping and drawing ────────────────────────────────────────────────────────────
    def on_resize(self, event: Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._rewrap_all()

    def _rewrap_all(self) -> None:
        self._width = self.scrollable_content_region.width
        if self._by_paragraph:
            self._wrapped = {p: self._wrap(self.paragraph(p)) for p in self._by_paragraph}
        else:
            self._wrapped = {i: self._wrap(t) for i, t in enumerate(self._raw)}
        self._join()

    def _wrap(self, text: Text) -> list[Strip]:
        width = max(self._width, 10)
        if not self.is_mounted:
            return []
        console = self.app.console
        lines = console.render_lines(text, console.options.update_width(width), pad=False)
        return [Strip(line, Segment.get_line_length(line)) for line in lines]

    def _join(self) -> None:
        """Lay the wrapped paragraphs out one after another, a blank line between them."""
        self._order = list(self._wrapped)
        self._starts = []
        lines: list[Strip] = []
        for p in self._order:
            if lines:
                lines.append(Strip.blank(0))
            self._starts.append(len(lines))
            lines.extend(self._wrapped[p])
        self._lines = lines
        self.virtual_size = Size(self._width, len(lines))
        self.refresh()

    def _line_within(self, s: Sentence) -> int:
        """Which wrapped line of its paragraph ``s`` starts on (0 for the first)."""
        strips = self._wrapped.get(s.paragraph, [])
        ends = []
        total = 0
        for strip in strips:
            total += len(strip.text) + 1
            ends.append(total)
        before = sum(
            len(inert(self._text[x.start : x.end])) + 3
            for x in self._by_paragraph[s.paragraph]
            if x.index < s.index
        )
        return min(bisect_right(ends, before), max(len(strips) - 1, 0))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        line = self._lines[index]
        key = (index, scroll_x, width, style)
        cached = self._drawn.get(key)
        if cached is not None and cached[0] is line:
            return cached[1]
        strip = line.crop_extend(scroll_x, scroll_x + width, style).apply_style(style)
        if len(self._drawn) > 4096:
            self._drawn.clear()
        self._drawn[key] = (line, strip)
        return strip


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
            self.active.scroll_relative(y=lines, animate=False)

    def action_page(self, direction: int) -> None:
        if self.active is not None:
            page = max(1, self.active.scrollable_content_region.height - 2)
            self.active.scroll_relative(y=direction * page, animate=False)

    def action_ends(self, end: int) -> None:
        if self.active is not None:
            if end:
                self.active.scroll_end(animate=False)
            else:
                self.active.scroll_home(animate=False)
