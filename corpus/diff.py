"""Word-level differences between two matched sentences, for the reader and the exports."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from corpus.normalize import TOKEN, word_forms


@dataclass(frozen=True, slots=True)
class WordChange:
    """One step of the difference: ``op`` is equal, insert, delete or replace.

    Spans are character offsets within each sentence's text (end exclusive); an empty span
    (start == end) marks where words were inserted or deleted.
    """

    op: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|" + TOKEN.pattern, re.UNICODE)


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Comparison forms of the words of ``text`` and their character spans in it.

    Dotted abbreviations are one word ("U.S." = "US"); each word is folded like the matcher
    folds it, so spelling, case and number forms are not changes.
    """
    forms: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        form = word_forms(m.group(0))
        if form:
            forms.append(" ".join(form))
            spans.append(m.span())
    return forms, spans


def word_diff(a: str, b: str) -> list[WordChange]:
    """How sentence ``b`` differs from ``a``, word by word (case, punctuation, spelling folded)."""
    wa, sa = _words(a)
    wb, sb = _words(b)
    out = []
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a_start = sa[i1][0] if i1 < len(sa) else len(a)
        a_end = sa[i2 - 1][1] if i2 > i1 else a_start
        b_start = sb[j1][0] if j1 < len(sb) else len(b)
        b_end = sb[j2 - 1][1] if j2 > j1 else b_start
        out.append(WordChange(op, a_start, a_end, b_start, b_end))
    return out
