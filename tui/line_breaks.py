"""Where Rich breaks a paragraph into lines at a given width, without drawing it.

A long article has hundreds of paragraphs; the reader draws only those on screen but must know
how many lines each takes, to place the others and to scroll to a sentence exactly. Rich's own
``divide_line`` measures every word again for every width; here the words are measured once per
paragraph (:func:`measure`) and :func:`line_starts` then only adds up numbers for each width.
The result is the one ``Text.wrap`` gives (default justify, fold overflow, tabs of 8 cells);
the reader checks it against each paragraph it draws and keeps the drawn count if they differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.text import Text

_WORD = re.compile(r"\s*(\S+)\s*")
"""A word with the spaces after it: Rich's definition (``rich._wrap.words``)."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

TAB_SIZE = 8
"""Cells per tab stop, as Rich expands tabs in text when the console does not say otherwise."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the paragraph's text as written (the text split at newlines), its words
    measured. Offsets are characters into the paragraph; lengths are terminal cells."""

    text: str
    start: int
    words: tuple[tuple[int, int, int], ...]
    """Per word: offset within the row, cells without the spaces after it, cells with them."""
    longest: int
    """Cells of the longest word without its spaces (wider than the width means folding)."""
    tabs: bool


@dataclass(frozen=True, slots=True)
class Measured:
    """A paragraph's plain text with its words measured once, for any width."""

    text: str
    rows: tuple[Row, ...]


def measure(text: str) -> Measured:
    """Measure the words of ``text`` (the plain text exactly as drawn)."""
    rows: list[Row] = []
    start = 0
    for part in text.split("\n"):
        rows.append(_row(part, start))
        start += len(part) + 1
    return Measured(text, tuple(rows))


def _row(text: str, start: int) -> Row:
    words: list[tuple[int, int, int]] = []
    wide = [m.start() for m in _NON_ASCII.finditer(text)]  # maybe not one cell: Rich measures
    k = 0
    for m in _WORD.finditer(text):
        a, end = m.span()
        if k < len(wide) and wide[k] < end:
            word = m.group(0)
            words.append((a, cell_len(word.rstrip()), cell_len(word)))
            while k < len(wide) and wide[k] < end:
                k += 1
        else:
            words.append((a, m.end(1) - a, end - a))
    longest = max((bare for _, bare, _ in words), default=0)
    return Row(text, start, tuple(words), longest, "\t" in text)


def line_starts(measured: Measured, width: int) -> list[int]:
    """Offsets (characters into the paragraph) where its 2nd, 3rd, … drawn lines begin.

    The paragraph takes ``len(result) + 1`` lines at ``width`` cells.
    """
    out: list[int] = []
    for k, row in enumerate(measured.rows):
        if k:
            out.append(row.start)
        if row.tabs:
            out.extend(row.start + b for b in _tabbed_breaks(row.text, width))
        elif row.longest > width:
            out.extend(row.start + b for b in divide_line(row.text, width, fold=True))
        else:
            out.extend(row.start + b for b in _breaks(row.words, width))
    return out


def _breaks(words: tuple[tuple[int, int, int], ...], width: int) -> list[int]:
    """``rich._wrap.divide_line`` for a row whose words all fit in ``width`` (no folding)."""
    out: list[int] = []
    used = 0
    for start, bare, full in words:
        if width - used >= bare:
            used += full
        elif used and start:
            out.append(start)
            used = full
    return out


def _tabbed_breaks(text: str, width: int) -> list[int]:
    """Breaks of a row with tabs: Rich expands them first, so offsets here are only close
    (the line count is exact)."""
    expanded = Text(text)
    expanded.expand_tabs(TAB_SIZE)
    breaks = divide_line(expanded.plain, width, fold=True)
    return [min(b, len(text)) for b in breaks]
