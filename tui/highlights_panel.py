"""The reader's own highlights (``H``): every marked passage with its note; enter jumps to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from corpus.highlight import Highlight
from tui.safe_text import inert


class HighlightsPanel(ModalScreen[int | None]):
    """Returns the position of the chosen highlight in the list given, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", id="highlights_back"),
    ]

    def __init__(self, highlights: Sequence[Highlight], names: dict[str, str]) -> None:
        super().__init__()
        self.highlights = list(highlights)
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(id="highlights", classes="dialog"):
            yield Label(
                f"Your highlights ({len(self.highlights)}): enter jumps to one, escape goes back",
                classes="dialog-title",
            )
            yield OptionList(id="highlights-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if not self.highlights:
            options.add_option(Option(Text("No highlights yet: h marks the current passage.")))
            options.disabled = True
        for k, h in enumerate(self.highlights):
            label = Text(self.names.get(h.article, h.article), style="bold")
            if h.tag:
                label.append(f"  [{inert(h.tag)}]", style="italic")
            excerpt = inert(h.text.replace("\n", " "))
            label.append(f"\n{excerpt[:150]}{'…' if len(excerpt) > 150 else ''}")
            if h.note:
                label.append(f"\n✎ {inert(h.note)}", style="dim")
            options.add_option(Option(label, id=str(k)))
        if self.highlights:
            options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))
