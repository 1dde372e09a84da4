"""The export dialog (``e``): format, scope and path; the reader asks before replacing a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from corpus.formats import SUFFIXES

FORMAT_LABELS = {
    "md": "Markdown report",
    "html": "HTML page (side by side, offline)",
    "csv": "CSV (one row per matched pair)",
    "json": "JSON (schema 1)",
    "text": "Plain text summary",
}
SCOPE_LABELS = {
    "story": "the whole story",
    "pair": "the two articles on screen",
    "highlights": "my highlights",
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the user asked to export, and where."""

    fmt: str
    scope: str
    path: Path
    unique: bool


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Returns the request, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="export_cancel"),
    ]

    def __init__(self, default_path: Path, scopes: tuple[str, ...]) -> None:
        super().__init__()
        self.default_path = default_path
        self.scopes = scopes

    def compose(self) -> ComposeResult:
        with Vertical(id="export", classes="dialog"):
            yield Label("Export", classes="dialog-title")
            with Horizontal(classes="dialog-row"):
                with RadioSet(id="format"):
                    for i, (fmt, label) in enumerate(FORMAT_LABELS.items()):
                        yield RadioButton(label, value=i == 0, id=f"fmt-{fmt}")
                with RadioSet(id="scope"):
                    for i, scope in enumerate(self.scopes):
                        yield RadioButton(SCOPE_LABELS[scope], value=i == 0, id=f"scope-{scope}")
            yield Checkbox("also list passages found nowhere else", id="unique")
            yield Input(str(self.default_path.with_suffix(SUFFIXES["md"])), id="path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#format", RadioSet).focus()

    def _choice(self, radios: str, prefix: str) -> str:
        pressed = self.query_one(radios, RadioSet).pressed_button
        return (pressed.id or "").removeprefix(prefix) if pressed else ""

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id != "format":
            return
        box = self.query_one("#path", Input)
        path = Path(box.value.strip() or str(self.default_path))
        if path.suffix.lower() in {s.lower() for s in SUFFIXES.values()} or not path.suffix:
            box.value = str(path.with_suffix(SUFFIXES[self._choice("#format", "fmt-")]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.notify("Give a file name to export to", severity="warning")
            return
        self.dismiss(
            ExportRequest(
                fmt=self._choice("#format", "fmt-") or "md",
                scope=self._choice("#scope", "scope-") or "story",
                path=Path(raw).expanduser(),
                unique=self.query_one("#unique", Checkbox).value,
            )
        )


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; enter or y says yes, escape or n says no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "dismiss(False)", "No", id="confirm_no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Replace (y)", variant="warning", id="yes")
                yield Button("Keep it (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
