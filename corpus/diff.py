"""Word-level differences between two matched sentences, for the reader and the exports."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

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


@lru_cache(maxsize=1 << 15)
def _words(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Comparison forms of the words of ``text`` and their character spans in it.

    Dotted abbreviations are one word ("U.S." = "US"); each word is folded like the matcher
    folds it, so spelling, case and number forms are not changes. Cached: a wire sentence is
    compared with each of its copies.
    """
    forms: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        form = word_forms(m.group(0))
        if form:
            forms.append(" ".join(form))
            spans.append(m.span())
    return tuple(forms), tuple(spans)


def word_diff(a: str, b: str) -> list[WordChange]:
    """How sentence ``b`` differs from ``a``, word by word (case, punctuation, spelling folded)."""
    wa, sa = _words(a)
    wb, sb = _words(b)
    out = []
    for step in Levenshtein.opcodes(wa, wb):  # the fewest word edits, computed in C
        op, i1, i2, j1, j2 = step.tag, step.src_start, step.src_end, step.dest_start, step.dest_end
        a_start = sa[i1][0] if i1 < len(sa) else len(a)
        a_end = sa[i2 - 1][1] if i2 > i1 else a_start
        b_start = sb[j1][0] if j1 < len(sb) else len(b)
        b_end = sb[j2 - 1][1] if j2 > j1 else b_start
        out.append(WordChange(op, a_start, a_end, b_start, b_end))
    return out
