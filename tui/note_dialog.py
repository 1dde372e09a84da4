"""Marking a passage (``h``): an optional note and tag, saved to the library."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from tui.safe_text import inert


class NoteDialog(ModalScreen[tuple[str, str] | None]):
    """Returns (note, tag) to save the highlight, or None to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="note_cancel"),
    ]

    def __init__(self, excerpt: str) -> None:
        super().__init__()
        self.excerpt = excerpt

    def compose(self) -> ComposeResult:
        short = self.excerpt if len(self.excerpt) <= 200 else self.excerpt[:199] + "…"
        with Vertical(id="note-dialog", classes="dialog"):
            yield Label("Highlight this passage", classes="dialog-title")
            yield Label(Text(inert(short), style="italic"), id="note-excerpt")
            yield Input(placeholder="note (optional; enter saves, tab goes to the tag)", id="note")
            yield Input(placeholder="tag (optional, e.g. check, lede, quote)", id="tag")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save()  # enter saves from either field; tab moves to the tag

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        tag = self.query_one("#tag", Input).value.strip()
        self.dismiss((note, tag))
