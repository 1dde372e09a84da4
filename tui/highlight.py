"""How matched sentences look: a style and a mark per kind, the same in every view.

Never colour alone: each kind also has a mark before the sentence and an underline or italic
style, so the difference reads on any theme and for colour-blind readers. Foreground colours are
fixed with the backgrounds, so highlights read the same on dark and light themes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rich.style import Style
from rich.text import Text

from corpus.kinds import COLOURS, MARKS, PRIORITY
from corpus.sentence import Sentence
from tui.safe_text import inert

_FG = "#f2f2f2"
STYLES = {
    "verbatim": Style(color=_FG, bgcolor=COLOURS["verbatim"], underline=True),
    "edited": Style(color=_FG, bgcolor=COLOURS["edited"], underline=True),
    "paraphrase": Style(color=_FG, bgcolor=COLOURS["paraphrase"], italic=True),
    "quote": Style(color=_FG, bgcolor=COLOURS["quote"], italic=True),
}
CHANGED = Style(color="#111111", bgcolor="#f0c24b", bold=True, underline=False)
"""Words changed inside an edited sentence, against the article in the neighbouring pane."""
CURRENT = Style(reverse=True)
BOILERPLATE = Style(dim=True)
USER_MARK = "✎"
"""Before a sentence the reader has highlighted with ``h``."""


def legend() -> Text:
    """One line naming each kind with its mark and style."""
    out = Text("Legend: ")
    for kind in PRIORITY:
        out.append(f" {MARKS[kind]} {kind} ", STYLES[kind])
        out.append(" ")
    out.append(" changed words ", CHANGED)
    out.append(f"  {USER_MARK} your highlight  plain = found nowhere else")
    return out


def paragraph_text(
    text: str,
    sentences: Sequence[Sentence],
    kinds: Mapping[int, str],
    current: int | None = None,
    changed: Mapping[int, Sequence[tuple[int, int]]] | None = None,
    marked: Collection[int] = (),
) -> Text:
    """A paragraph as rich Text: each sentence sanitised, styled and marked by its best kind.

    ``text`` is the article text; ``kinds`` maps sentence index to the strongest kind it has;
    ``changed`` maps a sentence index to character spans (relative to the sentence start) of
    words changed against its edited counterpart; ``marked`` holds the reader's highlights.
    Its plain text is always :func:`paragraph_plain`'s: styles never move a character.
    """
    out = Text()
    spans = changed if changed is not None else {}  # may be lazy: never ask for its length
    for k, s in enumerate(sentences):
        if k:
            out.append(" ")
        kind = kinds.get(s.index)
        style = STYLES.get(kind) if kind else None
        if s.boilerplate:
            style = BOILERPLATE
        if s.index == current:
            style = (style or Style()) + CURRENT
        if s.index in marked:
            out.append(USER_MARK + " ", Style(bold=True))
        if kind:
            out.append(MARKS[kind] + " ", style)
        raw = text[s.start : s.end]
        if inert(raw) != raw:  # spans would not line up with the sanitised text: plain style
            out.append(inert(raw), style)
            continue
        pos = 0
        for a, b in sorted(spans.get(s.index, ())):
            if a < pos or b <= a:
                continue
            out.append(raw[pos:a], style)
            out.append(raw[a:b], (style or Style()) + CHANGED)
            pos = b
        out.append(raw[pos:], style)
    return out


def paragraph_plain(
    text: str,
    sentences: Sequence[Sentence],
    kinds: Mapping[int, str],
    marked: Collection[int] = (),
) -> tuple[str, list[int]]:
    """The plain text :func:`paragraph_text` draws, and where (characters into it) each
    sentence's marks or, without marks, its text begin. Cheap: no styles are built."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for k, s in enumerate(sentences):
        if k:
            parts.append(" ")
            pos += 1
        starts.append(pos)
        kind = kinds.get(s.index)
        lead = (USER_MARK + " " if s.index in marked else "") + (MARKS[kind] + " " if kind else "")
        shown = inert(text[s.start : s.end])
        parts.append(lead)
        parts.append(shown)
        pos += len(lead) + len(shown)
    return "".join(parts), starts
