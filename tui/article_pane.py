"""One article shown as paragraphs, its matched sentences highlighted, one sentence current."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from corpus.article import Article
from corpus.sentence import Sentence
from tui.highlight import paragraph_text
from tui.safe_text import inert


class ArticlePane(VerticalScroll, can_focus=True):
    """Shows one article: plain text first, highlighted once the comparison is ready.

    Moving the current sentence redraws only the two paragraphs involved, so a keypress costs
    the same on a 200-word brief and a 5,000-word feature.
    """

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
        Binding("j", "scroll_down", "Scroll down", show=False, id="scroll_down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="scroll_up"),
    ]

    def __init__(self, slot: int) -> None:
        super().__init__(id=f"pane-{slot}", classes="pane")
        self.slot = slot
        self.article_index: int | None = None
        self.current: int | None = None
        self._text = ""
        self._sentences: Sequence[Sentence] = ()
        self._by_paragraph: dict[int, list[Sentence]] = {}
        self._widgets: dict[int, Static] = {}
        self._kinds: Mapping[int, str] = {}
        self._changed: Mapping[int, Sequence[tuple[int, int]]] = {}
        self._marked: Collection[int] = ()

    def show_raw(self, k: int, article: Article) -> None:
        """Plain paragraphs before matching has finished: text on screen at once."""
        self.article_index = k
        self.current = None
        self.border_title = inert(article.outlet or article.id)
        self.remove_children()
        blocks = [p for p in article.text.split("\n\n") if p.strip()]
        self.mount_all(Static(Text(inert(p)), classes="paragraph") for p in blocks)

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
        self.border_title = inert(title)
        self.border_subtitle = inert(article.published or "")
        by_par: dict[int, list[Sentence]] = defaultdict(list)
        for s in sentences:
            by_par[s.paragraph].append(s)
        self._by_paragraph = dict(sorted(by_par.items()))
        self.remove_children()
        self._widgets = {
            p: Static(self.paragraph(p), classes="paragraph") for p in self._by_paragraph
        }
        self.mount_all(self._widgets.values())
        self.scroll_home(animate=False)

    @property
    def paragraphs(self) -> list[int]:
        """Paragraph numbers of the article shown, in order."""
        return list(self._by_paragraph)

    def restyle(
        self,
        *,
        changed: Mapping[int, Sequence[tuple[int, int]]] | None = None,
        marked: Collection[int] | None = None,
    ) -> None:
        """Redraw with new changed-word spans or highlights, keeping the article and position."""
        if changed is not None:
            self._changed = changed
        if marked is not None:
            self._marked = marked
        for p, widget in self._widgets.items():
            widget.update(self.paragraph(p))

    def set_current(self, sentence: int | None) -> None:
        """Make ``sentence`` current (shown reversed) and centre it."""
        old, self.current = self.current, sentence
        for s in (old, sentence):
            if s is not None and s < len(self._sentences):
                p = self._sentences[s].paragraph
                if p in self._widgets:
                    self._widgets[p].update(self.paragraph(p))
        if sentence is not None and sentence < len(self._sentences):
            widget = self._widgets.get(self._sentences[sentence].paragraph)
            if widget is not None:
                self.call_after_refresh(self.scroll_to_widget, widget, center=True, animate=False)

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
