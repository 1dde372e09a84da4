"""The reader: a sources list, two article panes, a status line and the keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from corpus.article import Article
from corpus.comparison import Comparison, compare
from corpus.match import SentenceRef
from tui.article_pane import ArticlePane
from tui.highlight import legend
from tui.paths import styles_dir
from tui.safe_text import inert


class BriefreadApp(App[int]):
    """Shows a story's articles side by side with what they share highlighted."""

    TITLE = "briefread"
    CSS_PATH = str(styles_dir() / "app.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_match", "Next match", id="next_match"),
        Binding("N", "previous_match", "Prev match", id="previous_match"),
        Binding("enter", "counterpart", "Counterpart", id="counterpart"),
        Binding("tab", "other_pane", "Other pane", id="other_pane"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, articles: Sequence[Article]) -> None:
        super().__init__()
        self.articles = list(articles)
        self.comparison: Comparison | None = None
        self.focused_pane = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield OptionList(id="sources")
            yield ArticlePane(id="pane-0")
            yield ArticlePane(id="pane-1")
        yield ProgressBar(id="progress", show_eta=False)
        yield Static(id="status")
        yield Static(legend(), id="legend")
        yield Footer()

    def on_mount(self) -> None:
        sources = self.query_one("#sources", OptionList)
        for a in self.articles:
            sources.add_option(Option(Text(inert(a.outlet or a.id)), id=a.id))
        for i, pane in enumerate(self.panes):
            if i < len(self.articles):
                pane.show_raw(i, self.articles[i])
        self.panes[0].focus()
        self.set_status(f"Matching {len(self.articles)} articles…")
        self.run_comparison()

    @property
    def panes(self) -> list[ArticlePane]:
        return list(self.query(ArticlePane))

    def set_status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(message))

    @work(thread=True, exclusive=True)
    def run_comparison(self) -> None:
        worker = get_current_worker()

        def progress(stage: str, done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.call_from_thread(self._progress, stage, done, total)

        result = compare(self.articles, progress=progress)
        if not worker.is_cancelled:
            self.call_from_thread(self.comparison_ready, result)

    def _progress(self, stage: str, done: int, total: int) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        self.set_status(f"{stage}: {done} of {total}")

    def comparison_ready(self, comparison: Comparison) -> None:
        """Show the highlights and roles once matching has finished."""
        self.comparison = comparison
        self.query_one("#progress", ProgressBar).display = False
        sources = self.query_one("#sources", OptionList)
        sources.clear_options()
        for k, a in enumerate(comparison.articles):
            src = comparison.provenance.sources[k]
            role = comparison.provenance.roles[k]
            badge = (
                f"{role} ← {comparison.articles[src].outlet or comparison.articles[src].id}"
                if (src is not None)
                else role
            )
            label = Text(inert(a.outlet or a.id), style="bold")
            label.append(f"\n {inert(badge)}\n {comparison.shared_share(k):.0%} found elsewhere")
            sources.add_option(Option(label, id=a.id))
        for pane, k in zip(self.panes, _opening_pair(comparison), strict=False):
            pane.show(comparison, k)
        self.set_status(
            f"{len(comparison.matches)} matched sentence pairs across "
            f"{len(comparison.articles)} articles. n/N: next/previous match, tab: other pane"
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.comparison is not None:
            self.panes[self.focused_pane].show(self.comparison, event.option_index)

    def _pane_matches(self, pane: ArticlePane) -> list[int]:
        assert self.comparison is not None and pane.article_index is not None
        k = pane.article_index
        return sorted(
            {r.sentence for m in self.comparison.matches for r in (m.a, m.b) if r.article == k}
        )

    def _go(self, step: int) -> None:
        if self.comparison is None:
            self.set_status("Still matching…")
            return
        pane = self.panes[self.focused_pane]
        matched = self._pane_matches(pane)
        if not matched:
            self.set_status("No matched sentences in this article")
            return
        cur = pane.current
        if cur is None:
            target = matched[0] if step > 0 else matched[-1]
        elif step > 0:
            target = next((s for s in matched if s > cur), matched[0])
        else:
            target = next((s for s in reversed(matched) if s < cur), matched[-1])
        self._select(pane, target)

    def _select(self, pane: ArticlePane, sentence: int) -> None:
        assert self.comparison is not None and pane.article_index is not None
        k = pane.article_index
        pane.show(self.comparison, k, sentence)
        pane.scroll_to_paragraph(self.comparison.sentences[k][sentence].paragraph)
        others = self.comparison.counterparts(SentenceRef(k, sentence))
        kinds = ", ".join(sorted({m.kind for _, m in others}))
        in_articles = len({r.article for r, _ in others}) + 1
        best = max((m.score for _, m in others), default=0.0)
        self.set_status(
            f"{kinds} · score {best:.2f} · in {in_articles} of {len(self.comparison.articles)}"
            " sources"
        )

    def action_next_match(self) -> None:
        self._go(1)

    def action_previous_match(self) -> None:
        self._go(-1)

    def action_other_pane(self) -> None:
        self.focused_pane = 1 - self.focused_pane
        self.panes[self.focused_pane].focus()

    def action_counterpart(self) -> None:
        """Show the current sentence's first counterpart in the other pane."""
        if self.comparison is None:
            return
        pane = self.panes[self.focused_pane]
        if pane.article_index is None or pane.current is None:
            return
        others = self.comparison.counterparts(SentenceRef(pane.article_index, pane.current))
        if not others:
            self.set_status("This sentence is found nowhere else")
            return
        ref, _ = others[0]
        other = self.panes[1 - self.focused_pane]
        other.article_index = ref.article
        self._select(other, ref.sentence)


def _opening_pair(comparison: Comparison) -> list[int]:
    """The articles shown first: the original beside its first derived article."""
    roles, sources = comparison.provenance.roles, comparison.provenance.sources
    left = next((k for k, r in enumerate(roles) if r == "original"), 0)
    right = next((k for k, s in enumerate(sources) if s == left), None)
    if right is None:
        right = next((k for k in range(len(roles)) if k != left), None)
    return [left] if right is None else [left, right]
