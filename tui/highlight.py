"""How matched sentences look: a style and a mark per kind, the same in every view.

Never colour alone: each kind also has a mark before the sentence and an underline style, so
the difference reads on any theme and for colour-blind readers.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from corpus.sentence import Sentence
from tui.safe_text import inert

MARKS = {"verbatim": "≡", "edited": "±", "paraphrase": "≈", "quote": "❝"}
STYLES = {
    "verbatim": Style(bgcolor="#1f5130", underline=True),
    "edited": Style(bgcolor="#5b4a12", underline=True),
    "paraphrase": Style(bgcolor="#23406b", italic=True),
    "quote": Style(bgcolor="#5a2d5c", italic=True),
}
CURRENT = Style(reverse=True)
PRIORITY = ("verbatim", "edited", "quote", "paraphrase")


def legend() -> Text:
    """One line naming each kind with its mark and style."""
    out = Text("Legend: ")
    for kind in PRIORITY:
        out.append(f" {MARKS[kind]} {kind} ", STYLES[kind])
        out.append(" ")
    out.append(" plain = found nowhere else")
    return out


def paragraph_text(
    text: str,
    sentences: list[Sentence],
    kinds: dict[int, str],
    current: int | None = None,
) -> Text:
    """A paragraph as rich Text: each sentence sanitised, styled and marked by its best kind.

    ``text`` is the article text; ``kinds`` maps sentence index to the strongest kind it has.
    """
    out = Text()
    for k, s in enumerate(sentences):
        if k:
            out.append(" ")
        kind = kinds.get(s.index)
        style = STYLES.get(kind) if kind else None
        if s.boilerplate:
            style = Style(dim=True)
        if s.index == current:
            style = (style or Style()) + CURRENT
        if kind:
            out.append(MARKS[kind] + " ", style)
        out.append(inert(text[s.start : s.end]), style)
    return out
