"""Choose the article a pane shows: a list filtered by fuzzy search as you type."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option


class ArticlePicker(ModalScreen[int | None]):
    """Returns the chosen article's position, or None when dismissed with escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", id="picker_back"),
        Binding("down", "move(1)", "Down", show=False, id="picker_down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker_up"),
    ]

    def __init__(self, labels: list[str], title: str) -> None:
        super().__init__()
        self.labels = labels
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(placeholder="type to filter", id="picker-filter")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        matcher = Matcher(query) if query else None
        scored = [
            (matcher.match(label) if matcher else 1.0, k, label)
            for k, label in enumerate(self.labels)
        ]
        ranked = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))
        for _, k, label in ranked:
            text = matcher.highlight(label) if matcher else Text(label)
            options.add_option(Option(text, id=str(k)))
        if ranked:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            now = options.highlighted if options.highlighted is not None else -step
            options.highlighted = (now + step) % options.option_count

    def _choose(self, option_id: str | None) -> None:
        if option_id is not None:
            self.dismiss(int(option_id))
