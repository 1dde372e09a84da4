"""One article shown as paragraphs, its matched sentences highlighted."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from corpus.article import Article
from corpus.comparison import Comparison
from corpus.sentence import Sentence
from tui.highlight import PRIORITY, paragraph_text
from tui.safe_text import inert


class ArticlePane(VerticalScroll, can_focus=True):
    """Shows ``article`` (raw text first, highlighted once the comparison is ready)."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, classes="pane")
        self.article_index: int | None = None
        self.current: int | None = None
        self._paragraphs: dict[int, Static] = {}

    def show_raw(self, k: int, article: Article) -> None:
        """Plain paragraphs before matching has finished: text on screen at once."""
        self.article_index = k
        self.border_title = inert(article.outlet or article.id)
        self.remove_children()
        blocks = [p for p in article.text.split("\n\n") if p.strip()]
        self.mount_all(Static(Text(inert(p)), classes="paragraph") for p in blocks)

    def show(self, comparison: Comparison, k: int, current: int | None = None) -> None:
        """The article ``k`` with highlights; ``current`` sentence shown reversed."""
        article = comparison.articles[k]
        self.article_index = k
        self.current = current
        role = comparison.provenance.roles[k]
        self.border_title = inert(f"{article.outlet or article.id} · {role}")
        self.border_subtitle = inert(article.published or "")
        kinds = _best_kinds(comparison, k)
        by_par: dict[int, list[Sentence]] = defaultdict(list)
        for s in comparison.sentences[k]:
            by_par[s.paragraph].append(s)
        self.remove_children()
        self._paragraphs = {
            p: Static(paragraph_text(article.text, ss, kinds, current), classes="paragraph")
            for p, ss in sorted(by_par.items())
        }
        self.mount_all(self._paragraphs.values())

    def scroll_to_paragraph(self, paragraph: int) -> None:
        """Bring a paragraph into view, centred."""
        widget = self._paragraphs.get(paragraph)
        if widget is not None:
            self.call_after_refresh(self.scroll_to_widget, widget, center=True, animate=False)


def _best_kinds(comparison: Comparison, k: int) -> dict[int, str]:
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    best: dict[int, str] = {}
    for m in comparison.matches:
        for ref in (m.a, m.b):
            if ref.article == k:
                old = best.get(ref.sentence)
                if old is None or rank[m.kind] < rank[old]:
                    best[ref.sentence] = m.kind
    return best
