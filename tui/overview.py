"""The overview (``m``): how much of each article is found in each other, as a heat map."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from corpus.lookup import Lookup
from tui.sources_list import article_name


def heat(share: float) -> Style:
    """Cell style for a coverage share 0..1: darker blue for more, readable text on any theme."""
    level = max(0.0, min(1.0, share))
    shade = int(40 + 150 * level)
    return Style(
        color="#f2f2f2" if level > 0.05 else "#9a9a9a", bgcolor=f"#14{shade:02x}{shade:02x}"
    )


class OverviewScreen(ModalScreen[tuple[int, int] | None]):
    """Rows: an article; columns: where its text is found. ``enter`` opens that pair."""

    HELP = """\
## Coverage matrix
Row article's text found in the column article, as a share of the row article.
A high row value with a low column value means the row article is contained in the
column article: likely a copy of it. Move with the arrows; `enter` opens the pair side by side;
`escape` goes back.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", id="overview_back"),
        Binding("m", "dismiss(None)", "Back", show=False, id="overview_close"),
    ]

    def __init__(self, lookup: Lookup, around: int = 0) -> None:
        super().__init__()
        self.lookup = lookup
        self.shown = shown_articles(lookup, around)
        """Article positions in the matrix: all of them, or in a big story the one in the
        active pane and those sharing most with it."""

    def compose(self) -> ComposeResult:
        total = len(self.lookup.comparison.articles)
        which = (
            ""
            if len(self.shown) == total
            else f"{len(self.shown)} of {total:,} articles: the one in the active pane and those "
            "sharing most with it. "
        )
        with Vertical(id="overview", classes="dialog"):
            yield Label(
                f"Coverage: share of the row article found in the column article. {which}"
                "(enter: open the pair, escape: back)",
                classes="dialog-title",
            )
            yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        articles = self.lookup.comparison.articles
        table.add_column(Text(""), key="name")
        for n, j in enumerate(self.shown):
            table.add_column(Text(f"{n + 1}. {article_name(articles[j])[:10]}"), key=str(j))
        for n, i in enumerate(self.shown):
            cells: list[Text] = [Text(f"{n + 1}. {article_name(articles[i])[:18]}")]
            for j in self.shown:
                if i == j:
                    cells.append(Text("  —", style="dim"))
                else:
                    share = self.lookup.coverage(i, j)
                    cells.append(Text(f"{share:4.0%}", style=heat(share), justify="right"))
            table.add_row(*cells, key=str(i))
        table.move_cursor(row=0, column=2 if len(self.shown) > 1 else 0)
        table.focus()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        row, column = event.coordinate.row, event.coordinate.column - 1
        if column >= 0 and row != column:
            self.dismiss((self.shown[row], self.shown[column]))


MATRIX_MAX = 40
"""Articles the matrix shows at most: 1,600 cells; more would not be read, and a table of a
million cells takes the reader half a minute to build."""


def shown_articles(lookup: Lookup, around: int) -> list[int]:
    """Every article in order; in a bigger story, ``around`` and the articles sharing most
    with it either way (the larger of the two coverages), in story order."""
    total = len(lookup.comparison.articles)
    if total <= MATRIX_MAX:
        return list(range(total))
    near: dict[int, float] = {}
    for j in range(total):
        share = max(lookup.coverage(around, j), lookup.coverage(j, around))
        if j != around and share > 0.0:
            near[j] = share
    ranked = sorted(near, key=lambda j: (-near[j], j))[: MATRIX_MAX - 1]
    return sorted([around, *ranked])
