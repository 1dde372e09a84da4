"""The reader: a sources list, article panes side by side, a status line and the keys."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from itertools import chain
from pathlib import Path
from time import monotonic
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, ProgressBar, Static
from textual.widgets.option_list import OptionDoesNotExist
from textual.worker import Worker, WorkerState, get_current_worker

from corpus.article import Article
from corpus.atomic import write_atomic
from corpus.comparison import Comparison, compare
from corpus.errors import BriefreadError
from corpus.highlight import Highlight
from corpus.kinds import MARKS
from corpus.library import Library
from corpus.lookup import Lookup
from corpus.match import SentenceRef
from corpus.settings import Settings
from tui.article_pane import ArticlePane, PaneRow
from tui.changed_words import ChangedWords, DiffMemo
from tui.drawn_lines import DrawnLines
from tui.export_dialog import ConfirmDialog, ExportDialog, ExportRequest
from tui.highlight import legend
from tui.highlights_panel import HighlightsPanel
from tui.note_dialog import NoteDialog
from tui.overview import OverviewScreen
from tui.paths import styles_dir
from tui.picker import ArticlePicker
from tui.provenance_view import ProvenanceScreen
from tui.sources_list import SourcesList, article_name, role_badge

MAX_PANES = 4
IDLE_SECONDS = 1.0
"""Time without input (seconds) after which the reader runs a full garbage collection."""
FULL_COLLECTION_EVERY = 1000
"""Generation-1 collections between automatic full ones once a story is shown (Python: 10)."""
YOUNG_THRESHOLD = 50_000
"""Objects made (less those freed) before an automatic young collection once a story is shown
(Python: 700). Drawing a new pane count makes tens of thousands: at Python's threshold, the
dozens of collections they cause took several milliseconds of the key's frame."""
YOUNG_AFTER_FRAME = 2_000
"""Young objects above which a frame is followed by a young collection (see
:meth:`BriefreadApp._collect_young`)."""
LAYOUTS = ("auto", "1", "2", "3", "4")


class Cancelled(Exception):
    """Raised inside the comparison worker when the reader pressed escape."""


def auto_panes(width: int) -> int:
    """Panes for a terminal ``width`` columns wide: 1 below 100, 2 up to 199, then 3, then 4."""
    if width < 100:
        return 1
    if width < 200:
        return 2
    return 3 if width < 260 else 4


class BriefreadApp(App[int]):
    """Shows a story's articles side by side with what they share highlighted."""

    TITLE = "briefread"
    CSS_PATH = str(styles_dir() / "app.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_match", "Next match", id="next_match"),
        Binding("N", "previous_match", "Prev match", id="previous_match"),
        Binding("u", "next_unique", "Next unique", id="next_unique"),
        Binding("U", "previous_unique", "Prev unique", show=False, id="previous_unique"),
        Binding("enter", "counterpart", "Counterpart", id="counterpart"),
        Binding("tab", "other_pane", "Other pane", id="other_pane", priority=True),
        Binding(
            "shift+tab",
            "other_pane(-1)",
            "Previous pane",
            show=False,
            id="previous_pane",
            priority=True,
        ),
        Binding("o", "choose_article", "Open", id="choose_article"),
        Binding("s", "swap_panes", "Swap", show=False, id="swap_panes"),
        Binding("v", "cycle_layout", "Panes", show=False, id="cycle_layout"),
        Binding("slash", "search", "Search", id="search"),
        Binding("h", "highlight", "Highlight", id="highlight"),
        Binding("H", "highlights", "My highlights", show=False, id="highlights"),
        Binding("e", "export", "Export", id="export"),
        Binding("m", "overview", "Overview", id="overview"),
        Binding("p", "provenance", "Provenance", id="provenance"),
        Binding("l", "toggle_legend", "Legend", show=False, id="toggle_legend"),
        Binding("question_mark,f1", "toggle_help", "Help", id="help"),
        Binding("escape", "escape", "Back", show=False, id="back"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        keymap: dict[str, str] | None = None,
        warnings: Sequence[str] = (),
        library: Library | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.export_dir = export_dir or Path.cwd()
        self.highlights: list[Highlight] = []
        self.keys = dict(keymap or {})
        self.articles = list(articles)
        self.comparison: Comparison | None = None
        self.lookup: Lookup | None = None
        self.focused_pane = 0
        self.layout_mode = "auto"
        self.pane_count = 0
        self._cycle: tuple[SentenceRef, int] | None = None
        self._diffs = DiffMemo()
        self._drawn = DrawnLines()
        self._preparing: asyncio.Task[None] | None = None
        """Drawing what the next layout would show (see :meth:`_prepare_next_layout`)."""
        self._cycling = False
        """``v`` has been pressed: the next layout is worth drawing ahead of time."""
        self._panes: list[ArticlePane] = []
        self._last_input = monotonic()
        self._collector: Timer | None = None
        self._thresholds: tuple[int, int, int] | None = None
        """Python's collection thresholds before the reader raised them (None: not raised)."""
        self._search = ""
        self._startup_warnings = list(warnings)

    # ── layout ──────────────────────────────────────────────────────────────────────────
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield SourcesList(id="sources")
            with PaneRow(id="panes"):
                for slot in range(MAX_PANES):
                    yield ArticlePane(slot, self._drawn)
        yield ProgressBar(id="progress", show_eta=False)
        yield Input(placeholder="search this article; enter: next hit, escape: close", id="search")
        yield Static(id="status")
        yield Static(legend(), id="legend")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sources", SourcesList).show_plain(self.articles)
        self.query_one("#search", Input).display = False
        for slot, pane in enumerate(self.panes):
            if slot < len(self.articles):
                pane.show_raw(slot, self.articles[slot])
        self._apply_layout(self.size.width)
        self._activate(0)
        self.query_one(PaneRow).focus()
        self.set_status(f"Matching {len(self.articles)} articles… (escape cancels)")
        if self.keys:
            self.set_keymap(self.keys)
        for warning in self._startup_warnings:
            self.notify(warning, severity="warning", timeout=8, markup=False)
        self.run_comparison()

    @classmethod
    def binding_ids(cls) -> set[str]:
        """Every binding id a keymap file may remap."""
        found: set[str] = set()
        for owner in (cls, PaneRow):
            found |= {b.id for b in owner.BINDINGS if isinstance(b, Binding) and b.id}
        return found

    @property
    def panes(self) -> list[ArticlePane]:
        """All pane widgets, visible or not, by slot."""
        if not self._panes:  # found once: a DOM query on every key adds up
            self._panes = list(self.query(ArticlePane))
        return list(self._panes)

    @property
    def visible_panes(self) -> list[ArticlePane]:
        """The panes on screen, left to right."""
        return self.panes[: self.pane_count]

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size.width)

    def _panes_for(self, mode: str, width: int) -> int:
        """Panes that layout ``mode`` shows on a terminal ``width`` columns wide."""
        wanted = auto_panes(width) if mode == "auto" else int(mode)
        return max(1, min(wanted, MAX_PANES, max(1, len(self.articles))))

    def _apply_layout(self, width: int) -> None:
        count = self._panes_for(self.layout_mode, width)
        if count == self.pane_count:
            return
        self.pane_count = count
        self.set_class(width < 100, "-narrow")
        for slot, pane in enumerate(self.panes):
            pane.display = slot < count
        if self.focused_pane >= count:
            self._activate(0)
        if self.lookup is not None:
            self._fill_panes()

    def set_status(self, message: str | Text) -> None:
        self.query_one("#status", Static).update(
            message if isinstance(message, Text) else Text(message), layout=False
        )  # one line, always: no layout pass for the whole screen on every key

    # ── matching in the background ──────────────────────────────────────────────────────
    @work(thread=True, exclusive=True, group="compare")
    def run_comparison(self) -> Comparison:
        worker = get_current_worker()

        def progress(stage: str, done: int, total: int) -> None:
            if worker.is_cancelled:
                raise Cancelled
            self.call_from_thread(self._progress, stage, done, total)

        if self.library is not None:
            cached = self.library.cached_comparison(self.articles, Settings())
            if cached is not None:
                return cached
        result = compare(self.articles, progress=progress)
        if self.library is not None:
            self.library.store_comparison(result)
        return result

    def _progress(self, stage: str, done: int, total: int) -> None:
        if not self.is_running or not self.query("#progress"):
            return
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        self.set_status(f"{stage}: {done:,} of {total:,} (escape cancels)")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "compare":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Comparison):
            self.comparison_ready(event.worker.result)
        elif event.state in (WorkerState.CANCELLED, WorkerState.ERROR):
            self.query_one("#progress", ProgressBar).display = False
            if event.state == WorkerState.ERROR and not isinstance(event.worker.error, Cancelled):
                self.set_status(f"Matching failed: {event.worker.error}")
            else:
                self.set_status("Matching cancelled: plain text only. q quits.")

    def comparison_ready(self, comparison: Comparison) -> None:
        """Show the highlights and roles once matching has finished."""
        self.comparison = comparison
        self.lookup = Lookup(comparison)
        if self.library is not None:
            try:
                self.highlights = self.library.highlights_for(comparison.articles)
            except BriefreadError as exc:
                self.notify(str(exc), severity="error", markup=False)
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#sources", SourcesList).show_roles(self.lookup)
        self._select_source(self._focused())
        shown = _opening(comparison)
        extra = [k for k in range(len(comparison.articles)) if k not in shown]
        for pane, k in zip(self.panes, shown + extra, strict=False):
            pane.article_index = k
        self._fill_panes()
        self._collect_between_keys()
        self.call_after_refresh(self._load_hidden_panes)
        self.set_status(
            f"{len(comparison.matches)} matched sentence pairs across "
            f"{len(comparison.articles)} articles. n: next match, u: next unique, "
            "m: overview, p: provenance, ?: help"
        )

    def _collect_between_keys(self) -> None:
        """Keep full garbage collections out of key presses.

        A big story is millions of long-lived objects: frozen (``gc.freeze``), a full
        collection no longer walks them, but still takes tens of milliseconds, as what is left
        points into them. So full collections wait until the reader pauses (or, as a safety
        valve, run a hundred times more rarely than Python's default). Frozen last, so that
        indexes the comparison builds on first use (the sources list above) are frozen too.
        """
        gc.freeze()
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
        gc.set_threshold(YOUNG_THRESHOLD, self._thresholds[1], FULL_COLLECTION_EVERY)
        if self._collector is None:
            self._collector = self.set_interval(IDLE_SECONDS / 2, self._collect_if_idle)

    def _collect_if_idle(self) -> None:
        if monotonic() - self._last_input < IDLE_SECONDS:
            return
        if gc.get_count()[2]:
            gc.collect()
        else:
            self._collect_young()

    def _collect_young(self) -> None:
        """Collect the young generations once a frame is on screen, if they have grown: with
        the high threshold (:data:`YOUNG_THRESHOLD`), collections then seldom fall inside a
        key's frame, and each walks the objects of a frame or two, not of a hundred."""
        if self._thresholds is not None and gc.get_count()[0] >= YOUNG_AFTER_FRAME:
            gc.collect(1)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseEvent):
            self._last_input = monotonic()
        if isinstance(event, events.Key) and self._preparing is not None:
            self._preparing.cancel()  # out of date: the key comes first
            self._preparing = None
        await super().on_event(event)

    def on_article_pane_drawn(self, event: ArticlePane.Drawn) -> None:
        self._collect_young()  # the frame is on screen: the reader is reading it
        self._prepare_next_layout()

    def _prepare_next_layout(self) -> None:
        """Once panes have been drawn (a key answered, say), draw what the next layout (``v``)
        would show, a paragraph at a time, letting anything else run between two (the next
        key cancels it): ``v`` then finds the lines drawn and only lays the panes out. Only
        paragraphs not drawn before cost anything. Never needed for what is shown to be right,
        only to be quick; not done before ``v`` has been pressed once (a reader who never
        changes layout would pay for lines never shown)."""
        widths = self._next_widths()
        if self.lookup is None or widths is None or not self._cycling:
            return
        panes = self.panes[: len(widths)]
        height = self.visible_panes[0].scrollable_content_region.height
        steps = [
            pane.prepare(width, height, self._changed_words(pane, panes))
            for pane, width in zip(panes, widths, strict=True)
            if pane.article_index is not None
        ]
        if self._preparing is not None:
            self._preparing.cancel()
        self._preparing = asyncio.create_task(
            _run_steps(chain(chain.from_iterable(steps), self._young_collection()))
        )

    def _young_collection(self) -> Iterator[None]:
        """The last step of drawing ahead: collect what it made, before the next key comes."""
        self._collect_young()
        yield

    def on_unmount(self) -> None:
        if self._preparing is not None:
            self._preparing.cancel()
        if self._thresholds is not None:  # the process may go on without the reader
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def _next_widths(self) -> list[int] | None:
        """The widths the next layout (``v``) would wrap its panes' lines to, shared out as
        Textual shares the row among panes of ``1fr`` each; None if it shows as many panes as
        now, or on another screen (a wrong guess only costs the drawing of lines never used)."""
        if not self.is_running or len(self.screen_stack) != 1 or not self.visible_panes:
            return None
        mode = LAYOUTS[(LAYOUTS.index(self.layout_mode) + 1) % len(LAYOUTS)]
        count = self._panes_for(mode, self.size.width)
        if count == self.pane_count:
            return None
        shown = self.visible_panes
        row = sum(p.outer_size.width for p in shown)
        gutter = shown[0].outer_size.width - shown[0].scrollable_content_region.width
        return [(i + 1) * row // count - i * row // count - gutter for i in range(count)]

    def _fill_panes(self) -> None:
        """Show each visible pane's article with highlights (panes that already do keep their
        place), then bring every pane's changed words up to date with its new neighbours."""
        shown = [p for p in self.visible_panes if p.article_index is not None]
        for pane in shown:
            if pane.loaded != pane.article_index:
                self._show(pane, pane.article_index or 0, restyle_others=False)
        for pane in shown:
            pane.restyle(changed=self._changed_words(pane))

    def _load_hidden_panes(self) -> None:
        """Load the articles of the panes not shown yet, once the highlights are on screen: a
        long article takes tens of milliseconds to measure, which ``v`` would otherwise spend
        when it first shows more panes. Their lines are broken when they show."""
        if self.lookup is None:
            return
        for pane in self.panes[self.pane_count :]:
            if pane.article_index is not None and pane.loaded != pane.article_index:
                self._show(pane, pane.article_index, restyle_others=False)

    def _show(self, pane: ArticlePane, k: int, *, restyle_others: bool = True) -> None:
        """Put article ``k`` in ``pane`` with its highlights and changed words."""
        assert self.comparison is not None and self.lookup is not None
        c = self.comparison
        pane.article_index = k
        title = f"{article_name(c.articles[k])} · {role_badge(self.lookup, k)}"
        pane.show(
            k,
            c.articles[k],
            c.sentences[k],
            self.lookup.best_kind[k],
            title=title,
            changed=self._changed_words(pane),
            marked=self._marked(k),
        )
        if pane is self._focused():
            self._select_source(pane)
        if restyle_others:
            for other in self.visible_panes:
                if other is not pane and other.article_index is not None:
                    other.restyle(changed=self._changed_words(other))

    def _select_source(self, pane: ArticlePane) -> None:
        """Point the sources list at the article of ``pane``."""
        if pane.article_index is None:
            return
        sources = self.query_one("#sources", SourcesList)
        with suppress(OptionDoesNotExist):  # the list is still being filled
            sources.highlighted = sources.get_option_index(self.articles[pane.article_index].id)

    def _changed_words(
        self, pane: ArticlePane, panes: Sequence[ArticlePane] | None = None
    ) -> ChangedWords:
        """Spans of words changed in each edited sentence of ``pane`` against its neighbours
        (the other panes of ``panes``, by default the visible ones), worked out as sentences
        are drawn."""
        assert self.lookup is not None and pane.article_index is not None
        k = pane.article_index
        beside = self.visible_panes if panes is None else panes
        neighbours = {p.article_index for p in beside if p is not pane} - {k, None}
        return ChangedWords(
            self.lookup, k, frozenset(n for n in neighbours if n is not None), self._diffs
        )

    # ── moving around ───────────────────────────────────────────────────────────────────
    def _focused(self) -> ArticlePane:
        return self.visible_panes[min(self.focused_pane, self.pane_count - 1)]

    def _matched(self) -> bool:
        if self.lookup is None:
            self.set_status("Still matching… (escape cancels)")
            return False
        return True

    def _step(self, step: int, unique: bool) -> None:
        if not self._matched():
            return
        assert self.lookup is not None
        pane = self._focused()
        k = pane.article_index
        if k is None:
            return
        find = self.lookup.next_unique if unique else self.lookup.next_matched
        target = find(k, pane.current, step)
        if target is None:
            self.set_status(
                "Every sentence of this article is found elsewhere"
                if unique
                else "Nothing in this article is found elsewhere"
            )
            return
        self.select(pane, target, keep_if_visible=True)

    def select(self, pane: ArticlePane, sentence: int, *, keep_if_visible: bool = False) -> None:
        """Make ``sentence`` current in ``pane``, centred, and describe it in the status line."""
        assert self.lookup is not None and pane.article_index is not None
        pane.set_current(sentence, keep_if_visible=keep_if_visible)
        self._describe(SentenceRef(pane.article_index, sentence))

    def _describe(self, ref: SentenceRef, shown: int | None = None) -> None:
        assert self.lookup is not None
        lookup = self.lookup
        others = lookup.counterparts(ref)
        n = len(lookup.comparison.articles)
        where = f"sentence {ref.sentence + 1}"
        if not others:
            run = lookup.unique_run_at(ref.article, ref.sentence)
            size = f" (a passage of {run.last - run.first + 1})" if run else ""
            self.set_status(f"{where}: found in no other article{size}")
            return
        kinds = sorted({m.kind for _, m in others}, key=list(MARKS).index)
        best = max(m.score for _, m in others)
        label = " / ".join(f"{MARKS[kd]} {kd}" for kd in kinds)
        text = f"{where}: {label} · score {best:.2f} · in {lookup.sources_with(ref)} of {n} sources"
        if shown is not None:
            text += f" · counterpart {shown + 1} of {len(others)}"
        elif len(others) > 1:
            text += f" · {len(others)} counterparts (enter cycles)"
        self.set_status(text)

    def action_next_match(self) -> None:
        self._step(1, unique=False)

    def action_previous_match(self) -> None:
        self._step(-1, unique=False)

    def action_next_unique(self) -> None:
        self._step(1, unique=True)

    def action_previous_unique(self) -> None:
        self._step(-1, unique=True)

    def action_other_pane(self, step: int = 1) -> None:
        """Focus the next visible pane (in a dialog: the dialog's next field)."""
        if self.screen is not self.screen_stack[0]:
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        self._activate((self.focused_pane + step) % self.pane_count)
        self._to_panes()

    def _activate(self, slot: int) -> None:
        """Make the pane in ``slot`` the one keys act on, and show it."""
        self.focused_pane = slot
        for pane in self.panes:
            pane.set_class(pane.slot == slot, "-active")
        self.query_one(PaneRow).active = self.panes[slot]
        self._select_source(self.panes[slot])

    def _to_panes(self) -> None:
        """Give the keyboard back to the panes (from the sources list or the search box)."""
        row = self.query_one(PaneRow)
        if self.focused is not row:
            row.focus()

    def on_article_pane_clicked(self, event: ArticlePane.Clicked) -> None:
        if event.slot < self.pane_count:
            self._activate(event.slot)
            self._to_panes()

    def action_counterpart(self) -> None:
        """Show the current sentence's counterpart; pressed again, the next counterpart."""
        if not self._matched():
            return
        assert self.lookup is not None
        pane = self._focused()
        if pane.article_index is None or pane.current is None:
            self.set_status("Pick a sentence first: n goes to the next match")
            return
        ref = SentenceRef(pane.article_index, pane.current)
        others = self.lookup.counterparts(ref)
        if not others:
            self.set_status("This sentence is found in no other article")
            return
        turn = self._cycle[1] + 1 if self._cycle and self._cycle[0] == ref else 0
        turn %= len(others)
        self._cycle = (ref, turn)
        target, _ = others[turn]
        dest = self._pane_for(target.article, pane)
        if dest.article_index != target.article:
            self._show(dest, target.article)
        dest.set_current(target.sentence)
        if dest is pane:
            self._cycle = None
        self._describe(ref if dest is not pane else target, turn if dest is not pane else None)

    def _pane_for(self, article: int, beside: ArticlePane) -> ArticlePane:
        """A visible pane already showing ``article``, else the pane after ``beside``."""
        visible = self.visible_panes
        for p in visible:
            if p is not beside and p.article_index == article:
                return p
        return visible[(visible.index(beside) + 1) % len(visible)]

    def action_swap_panes(self) -> None:
        if not self._matched() or self.pane_count < 2:
            return
        a = self._focused()
        b = self.visible_panes[(self.focused_pane + 1) % self.pane_count]
        if a.article_index is None or b.article_index is None:
            return
        a.swap_with(b)
        self._select_source(a)

    def action_cycle_layout(self) -> None:
        self._cycling = True
        self.layout_mode = LAYOUTS[(LAYOUTS.index(self.layout_mode) + 1) % len(LAYOUTS)]
        self._apply_layout(self.size.width)
        # In the status line, like every other key's answer: a pop-up would cost a second
        # layout pass of the whole screen after the new panes are drawn.
        self.set_status(f"Panes: {self.layout_mode} ({self.pane_count} shown); v: next layout")

    def open_article(self, k: int, pane: ArticlePane | None = None) -> None:
        """Show article ``k`` in ``pane`` (default: the focused one)."""
        if not self._matched():
            return
        target = pane or self._focused()
        self._show(target, k)
        self._describe_article(k)

    def _describe_article(self, k: int) -> None:
        assert self.lookup is not None
        name = article_name(self.lookup.comparison.articles[k])
        self.set_status(
            f"{name}: {role_badge(self.lookup, k)} · "
            f"{self.lookup.shared_share(k):.0%} of its text found elsewhere"
        )

    def on_option_list_option_selected(self, event: SourcesList.OptionSelected) -> None:
        if isinstance(event.option_list, SourcesList) and event.option.id is not None:
            self.open_article([a.id for a in self.articles].index(event.option.id))
            self._to_panes()

    def action_choose_article(self) -> None:
        if not self._matched():
            return
        assert self.lookup is not None
        labels = [
            f"{article_name(a)} · {role_badge(self.lookup, k)}"
            for k, a in enumerate(self.lookup.comparison.articles)
        ]
        pane = self._focused()

        def chosen(k: int | None) -> None:
            if k is not None:
                self.open_article(k, pane)

        self.push_screen(ArticlePicker(labels, f"Show in pane {pane.slot + 1}"), chosen)

    def action_overview(self) -> None:
        if not self._matched():
            return
        assert self.lookup is not None

        def chosen(pair: tuple[int, int] | None) -> None:
            if pair is not None:
                self.open_pair(*pair)

        around = self._focused().article_index
        self.push_screen(OverviewScreen(self.lookup, around or 0), chosen)

    def action_provenance(self) -> None:
        if not self._matched():
            return
        assert self.lookup is not None

        def chosen(k: int | None) -> None:
            if k is None or self.comparison is None:
                return
            src = self.comparison.provenance.sources[k]
            if src is None:
                self.open_article(k, self.visible_panes[0])
            else:
                self.open_pair(src, k)

        self.push_screen(ProvenanceScreen(self.lookup), chosen)

    def open_pair(self, left: int, right: int) -> None:
        """Article ``left`` in the first pane and ``right`` beside it (or alone on one pane)."""
        panes = self.visible_panes
        if len(panes) == 1:
            self.open_article(right, panes[0])
            return
        panes[0].article_index = left
        self._show(panes[0], left, restyle_others=False)
        self._show(panes[1], right)
        self._activate(1)
        self._describe_article(right)

    # ── the reader's own highlights ─────────────────────────────────────────────────────
    def _marked(self, k: int) -> set[int]:
        """Sentences of article ``k`` inside one of the reader's highlights."""
        assert self.comparison is not None
        mine = [h for h in self.highlights if h.article == self.comparison.articles[k].id]
        return {
            s.index
            for s in self.comparison.sentences[k]
            if any(h.overlaps(s.start, s.end) for h in mine)
        }

    def current_passage(self) -> tuple[int, int, int] | None:
        """(article, first sentence, last sentence) of the passage around the current sentence.

        A matched sentence's passage is the longest run of matched sentences (from the
        comparison's passages) that holds it, a unique sentence's its unique run; either is cut
        to the current paragraph.
        """
        assert self.comparison is not None and self.lookup is not None
        pane = self._focused()
        k, cur = pane.article_index, pane.current
        if k is None or cur is None:
            return None
        run = self.lookup.unique_run_at(k, cur)
        if run is not None:
            return self._within_paragraph(k, cur, run.first, run.last)
        spans = [
            (p.a_first, p.a_last) if p.a_article == k else (p.b_first, p.b_last)
            for p in self.comparison.passages
            if (p.a_article == k and p.a_first <= cur <= p.a_last)
            or (p.b_article == k and p.b_first <= cur <= p.b_last)
        ]
        first, last = max(spans, key=lambda fl: fl[1] - fl[0], default=(cur, cur))
        return self._within_paragraph(k, cur, first, last)

    def _within_paragraph(self, k: int, cur: int, first: int, last: int) -> tuple[int, int, int]:
        """``first..last`` cut to the paragraph of ``cur``: a note is about a claim, not a page."""
        assert self.comparison is not None
        sents = self.comparison.sentences[k]
        par = sents[cur].paragraph
        first = next(i for i in range(first, cur + 1) if sents[i].paragraph == par)
        last = next(i for i in range(last, cur - 1, -1) if sents[i].paragraph == par)
        return k, first, last

    def action_highlight(self) -> None:
        """Mark the current passage (asking for a note), or unmark it if it is marked."""
        if not self._matched():
            return
        assert self.comparison is not None
        if self.library is None:
            self.set_status("Highlights need the library, which could not be opened")
            return
        passage = self.current_passage()
        if passage is None:
            self.set_status("Pick a sentence first: n, u or / move to one")
            return
        k, first, last = passage
        article = self.comparison.articles[k]
        sents = self.comparison.sentences[k]
        cur = sents[self._focused().current or first]
        existing = [h for h in self.highlights if h.article == article.id]
        hit = next((h for h in existing if h.overlaps(cur.start, cur.end)), None)
        if hit is not None:
            self.library.remove_highlight(article, hit.start, hit.end)
            self.highlights.remove(hit)
            self._refresh_marks()
            self.set_status("Highlight removed")
            return
        start, end = sents[first].start, sents[last].end

        def save(answer: tuple[str, str] | None) -> None:
            if answer is None or self.library is None:
                return
            try:
                mark = self.library.add_highlight(article, start, end, *answer)
            except BriefreadError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.highlights.append(mark)
            self._refresh_marks()
            self.set_status(f"Highlighted {last - first + 1} sentence(s); H lists your highlights")

        self.push_screen(NoteDialog(article.text[start:end]), save)

    def _refresh_marks(self) -> None:
        for pane in self.visible_panes:
            if pane.article_index is not None:
                pane.restyle(marked=self._marked(pane.article_index))

    def action_highlights(self) -> None:
        if not self._matched():
            return
        assert self.comparison is not None
        arts = self.comparison.articles
        names = {a.id: article_name(a) for a in arts}
        ids = [a.id for a in arts]

        def chosen(i: int | None) -> None:
            if i is None or self.comparison is None:
                return
            h = self.highlights[i]
            k = ids.index(h.article)
            pane = self._focused()
            if pane.article_index != k:
                self._show(pane, k)
            first = next(s.index for s in self.comparison.sentences[k] if s.end > h.start)
            self.select(pane, first)

        self.push_screen(HighlightsPanel(self.highlights, names), chosen)

    # ── export ──────────────────────────────────────────────────────────────────────────
    def action_export(self) -> None:
        if not self._matched():
            return
        assert self.comparison is not None
        scopes = ("story", "pair", "highlights") if self.pane_count > 1 else ("story", "highlights")
        original = _opening(self.comparison)[0]
        stem = _slug(
            self.comparison.articles[original].title or self.comparison.articles[original].id
        )
        self.push_screen(ExportDialog(self.export_dir / f"briefread-{stem}", scopes), self._export)

    def _export(self, request: ExportRequest | None, confirmed: bool = False) -> None:
        if request is None:
            return
        if request.path.exists() and not confirmed:

            def answer(yes: bool | None) -> None:
                if yes:
                    self._export(request, confirmed=True)
                else:
                    self.set_status(f"Not exported: {request.path} kept as it was")

            self.push_screen(ConfirmDialog(f"{request.path} exists. Replace it?"), answer)
            return
        try:
            self.write_export(request)
        except (BriefreadError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notify(
                f"Could not export to {request.path}: {reason}", severity="error", markup=False
            )
            return
        self.set_status(f"Exported to {request.path}")
        self.notify(f"Exported to {request.path}", timeout=4, markup=False)

    def write_export(self, request: ExportRequest) -> None:
        """Render and write one export (through a temporary file, so nothing is half-written)."""
        from corpus.export import render

        assert self.comparison is not None
        pair = None
        if request.scope == "pair":
            shown = [p.article_index for p in self.visible_panes if p.article_index is not None]
            if len(shown) < 2:
                raise BriefreadError("the current pair needs two panes on screen")
            pair = (shown[0], shown[1])
        text = render(
            self.comparison,
            request.fmt,
            scope=request.scope,  # type: ignore[arg-type]
            pair=pair,
            highlights=self.highlights,
            unique=request.unique,
        )
        request.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(request.path, text)

    # ── search ──────────────────────────────────────────────────────────────────────────
    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.value = self._search
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        self._search = event.value.strip()
        if self._search and self._matched():
            self.find_next(self._search)

    def find_next(self, query: str) -> None:
        """Make the next sentence containing ``query`` (case-insensitive) current."""
        assert self.comparison is not None
        pane = self._focused()
        k = pane.article_index
        if k is None:
            return
        folded = query.casefold()
        hits = [s.index for s in self.comparison.sentences[k] if folded in s.text.casefold()]
        if not hits:
            self.set_status(f"“{query}” is not in this article")
            return
        after = pane.current if pane.current is not None else -1
        target = next((h for h in hits if h > after), hits[0])
        pane.set_current(target)
        self.set_status(f"“{query}”: hit {hits.index(target) + 1} of {len(hits)} (enter: next)")

    def _close_search(self) -> bool:
        box = self.query_one("#search", Input)
        if not box.display:
            return False
        box.display = False
        self._to_panes()
        return True

    # ── the rest ────────────────────────────────────────────────────────────────────────
    def action_escape(self) -> None:
        """Close the search box, else cancel matching if it is still running."""
        if self._close_search():
            return
        if self.lookup is None:
            self.workers.cancel_group(self, "compare")

    def action_toggle_legend(self) -> None:
        bar = self.query_one("#legend", Static)
        bar.display = not bar.display

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        """The palette lists every reader action as "verb: object (key)"."""
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if not isinstance(binding, Binding) or binding.id is None:
                continue
            title = COMMANDS.get(binding.id)
            if title is None:
                continue
            keys = self.get_key_display(Binding(self.keys.get(binding.id, binding.key), action=""))
            action = binding.action
            yield SystemCommand(f"{title} ({keys})", f"key: {keys}", lambda a=action: self._run(a))

    def _run(self, action: str) -> None:
        self.call_later(self.run_action, action)


COMMANDS = {
    "next_match": "Go: next match",
    "previous_match": "Go: previous match",
    "next_unique": "Go: next unique passage",
    "previous_unique": "Go: previous unique passage",
    "counterpart": "Go: counterpart",
    "other_pane": "Focus: other pane",
    "choose_article": "Open: article in this pane",
    "swap_panes": "Swap: panes",
    "cycle_layout": "Layout: number of panes",
    "search": "Search: text in this article",
    "overview": "Show: coverage matrix",
    "provenance": "Show: provenance tree",
    "toggle_legend": "Toggle: legend",
    "highlight": "Highlight: current passage",
    "highlights": "Show: my highlights",
    "export": "Export: story, pair or highlights",
}
"""Palette titles, "verb: object", by binding id."""


async def _run_steps(steps: Iterator[None]) -> None:
    """Take the steps one by one, letting the event loop run anything else between two."""
    with suppress(Exception):  # only ever a head start: what is shown never depends on it
        for _ in steps:
            await asyncio.sleep(0)


def _slug(text: str) -> str:
    """A file-name-safe short form of a title: lower-case words joined by hyphens."""
    words = "".join(c.lower() if c.isalnum() else " " for c in text).split()
    return "-".join(words)[:48].strip("-") or "story"


def _opening(comparison: Comparison) -> list[int]:
    """The articles shown first: the original beside its first derived article."""
    roles, sources = comparison.provenance.roles, comparison.provenance.sources
    left = next((k for k, r in enumerate(roles) if r == "original"), 0)
    right = next((k for k, s in enumerate(sources) if s == left), None)
    if right is None:
        right = next((k for k in range(len(roles)) if k != left), None)
    return [left] if right is None else [left, right]
