"""The dateline that opens a wire report: "HALVERTON, Westria, March 9 (CPW) — ".

It says where and when the report was filed and whose it is. A copy may keep it, change it or
drop it without changing what the sentence says, so the matcher reads the sentence without it
(the credit it gives is read by :mod:`corpus.attribution` from the text itself).
"""

from __future__ import annotations

import re

_PLACE = r"[A-ZÀ-Ý][A-ZÀ-Ý.'’-]{2,}(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý.'’-]*){0,3}"
_AGENCY = r"\s*\([^()\n]{1,20}\)"
DATELINE = re.compile(
    rf"{_PLACE}(?:,[^—–()\n]{{1,40}}?(?:{_AGENCY})?|{_AGENCY})\s*(?:—|–|--?)\s+",
)
"""A place in capitals, then a region and date, an agency in brackets or both, then a dash."""


def dateline_end(text: str) -> int:
    """Where the text after the dateline begins (0: the sentence has none)."""
    m = DATELINE.match(text)
    return m.end() if m else 0
