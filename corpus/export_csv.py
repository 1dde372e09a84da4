"""The matched sentence pairs as CSV, one row a pair, for spreadsheets and scripts.

UTF-8 with a header row. Offsets are characters into each article's text; sentence indexes
count from 0 as in the JSON export. ``notes`` joins the notes of the user's highlights that
overlap either sentence (``article: note``, separated by `` | ``), empty when there are none.

Spreadsheets run a cell that begins with ``=``, ``+``, ``-``, ``@``, tab or carriage return as
a formula, so such text cells get a leading single quote; control characters and terminal
escapes are dropped. Otherwise texts are the sentence texts exactly.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache

from corpus.export_view import View
from corpus.inert import inert

HEADER = (
    "a_article",
    "a_outlet",
    "a_sentence",
    "a_start",
    "a_end",
    "b_article",
    "b_outlet",
    "b_sentence",
    "b_start",
    "b_end",
    "kind",
    "score",
    "a_text",
    "b_text",
    "notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=65536)
def cell(text: str) -> str:
    """A text cell safe to open in a spreadsheet: inert, and quoted if it could be a formula."""
    text = inert(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(view: View) -> str:
    """Header and one row per matched sentence pair, lines ending in CRLF (RFC 4180)."""
    c = view.comparison
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    for m in c.matches:
        sa, sb = c.sentence(m.a), c.sentence(m.b)
        aa, ab = c.articles[m.a.article], c.articles[m.b.article]
        notes = [
            f"{h.article}: {h.note}"
            for r in (m.a, m.b)
            for h in view.sentence_highlights(r)
            if h.note
        ]
        writer.writerow(
            (
                cell(aa.id),
                cell(aa.outlet or ""),
                m.a.sentence,
                sa.start,
                sa.end,
                cell(ab.id),
                cell(ab.outlet or ""),
                m.b.sentence,
                sb.start,
                sb.end,
                m.kind,
                round(m.score, 4),
                cell(sa.text),
                cell(sb.text),
                cell(" | ".join(dict.fromkeys(notes))),
            )
        )
    return buf.getvalue()
