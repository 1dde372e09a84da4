"""The sources list: each article's outlet, date, language, role badge and share found elsewhere."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from corpus.article import Article
from corpus.lookup import Lookup
from tui.safe_text import inert


def article_name(article: Article) -> str:
    """How an article is named on screen: its outlet, else its title, else its id."""
    return inert(article.outlet or article.title or article.id)


def role_badge(lookup: Lookup, k: int) -> str:
    """ "syndicated ← Wire", or the bare role for an original or independent article."""
    c = lookup.comparison
    role = c.provenance.roles[k]
    src = c.provenance.sources[k]
    return role if src is None else f"{role} ← {article_name(c.articles[src])}"


class SourcesList(OptionList):
    """One option per article; selecting one shows it in the focused pane.

    Moving the highlight repaints the two options involved, not the whole list: it follows
    the focused pane, so it moves on most keys that change pane or article.
    """

    HELP = """\
## Sources
Every article of the story with its role (original, syndicated, rewritten, translated,
independent; "← X" names the article it comes from), the share of its text found in other
articles, its date and language. `enter` shows the selected article in the focused pane.
"""

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    _sizes_seen: tuple[Size, Size, Size, Size] | None = None
    """What the last layout pass gave the list (see :meth:`_size_updated`)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual's scroll views repaint their scroll bar on every layout pass of the screen,
        # even when nothing about the list changed (a new pane count beside it): that repaint
        # cost a frame of its own after the pass's, and drawing the bar again a millisecond or
        # two of the pass's own frame. A pass that gives the list what the last one gave it,
        # while its own virtual size is unchanged too, changes nothing: it is skipped.
        seen = (size, virtual_size, container_size, self.virtual_size)
        if seen == self._sizes_seen and size == self._size:
            return False
        self._sizes_seen = seen
        bar = self._vertical_scrollbar
        quiet = bar is not None and not bar._repaint_required
        before = (self.size, self.virtual_size)
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if bar is not None and quiet and (self.size, self.virtual_size) == before:
            bar._repaint_required = False
        return resized

    def _watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            self._repaint_option(index)

    def _repaint_option(self, index: int | None) -> None:
        if index is None:
            return
        try:
            first, height = self._index_to_line[index], self._heights[index]
        except (KeyError, AttributeError):  # not laid out yet
            self.refresh()
            return
        self.refresh_lines(first, height)

    def show_plain(self, articles: list[Article]) -> None:
        """Names only, before matching has finished."""
        self.clear_options()
        for a in articles:
            self.add_option(Option(Text(article_name(a), style="bold"), id=a.id))

    def show_roles(self, lookup: Lookup) -> None:
        """Names with role badges and shares, once the comparison is ready."""
        self.clear_options()
        for k, a in enumerate(lookup.comparison.articles):
            if k:
                self.add_option(None)
            label = Text(article_name(a), style="bold")
            label.append(f"\n {role_badge(lookup, k)}")
            meta = [f"{lookup.shared_share(k):.0%} shared", (a.published or "")[:10], a.language]
            label.append("\n " + inert(" · ".join(x for x in meta if x)), style="dim")
            self.add_option(Option(label, id=a.id))
