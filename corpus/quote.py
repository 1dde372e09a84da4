"""Quoted statements: where an article reports someone's own words.

Independent reports of one event often share nothing but a quote, so the matcher needs to know
which words are quoted (design.md §3, the ``quote`` match kind). A statement is a quotation of at
least :data:`MIN_STATEMENT_WORDS` words; shorter quoted text ("scare quotes" such as “green”,
titles, nicknames) is not a statement.

Marks understood: “…” (English), „…“ and „…” (German, Polish…), »…« (German), «…» (French,
Spanish…), ”…” (Swedish), ‘…’ and ‚…‘ (single quotes), straight "…" and '…', and 「…」 / 『…』.
Single quotes double as apostrophes (don’t, the council’s, ’90s), so a single mark opens a
quotation only after a space or an opening mark and before a letter, and closes it only after a
non-space and before a non-letter. A quotation may run over several sentences, and over
paragraphs in the news convention: the paragraph ends inside the open quotation and the next
paragraph starts with a fresh opening mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_STATEMENT_WORDS = 4
"""A quotation needs at least this many words to be a statement (words, not characters)."""

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]{{1,2}}|[^\W_{_CJK}]+(?:(?:['’\-]|(?<=\d)[.,](?=\d))[^\W_{_CJK}]+)*")
"""A word: a run of letters and digits (inner apostrophes, hyphens and decimal or thousands
separators kept), or one or two Chinese or Japanese characters, which are written without
spaces (two characters ≈ one word)."""

_BREAK = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BLANK_LINE = re.compile(rf"(?:\r\n|[{_BREAK}])[^\S{_BREAK}]*(?:\r\n|[{_BREAK}])")
_LINE_BREAK = re.compile(rf"\r\n|[{_BREAK}]")
_BREAK_CHAR = re.compile(rf"[{_BREAK}]")
_MARK = re.compile("[\"'“”„‟«»‹›‘’‚「」『』]")

_CLOSERS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "‟": "”",
    "”": "”",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‘": "’",
    "‚": "‘’",
    "'": "'",
    '"': '"',
    "「": "」",
    "『": "』",
}
_ALWAYS_OPEN = frozenset("“„‟«「『")
"""Marks that can only open a quotation; an unclosed one runs to the end of its paragraph."""
_SINGLE = frozenset("‘‚'‹›")
"""Marks that are also apostrophes or otherwise ambiguous: they need letters on the right side."""
_BEFORE_OPENER = frozenset('([{—–-:/“«„"')
_CLOSE_ONLY = frozenset("’」』")
"""Marks that never open a quotation (’ is far more often an apostrophe)."""


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)``, end exclusive, of the quoted statements in ``text``.

    ``text`` is one article. Spans cover the words inside the marks (marks and surrounding
    spaces excluded), in order and non-overlapping. A statement continued over paragraphs gives
    one span per paragraph; together they have at least :data:`MIN_STATEMENT_WORDS` words.
    """
    spans: list[tuple[int, int]] = []
    paragraphs = _paragraph_spans(text)
    opener = ""
    pieces: list[tuple[int, int]] = []
    content_start = 0
    for number, (para_start, para_end) in enumerate(paragraphs):
        position = para_start
        if opener:
            # Continuing a quotation from the previous paragraph: skip its fresh opening mark.
            content_start = para_start + 1
            position = content_start
        for match in _MARK.finditer(text, position, para_end):
            mark = match.group()
            at = match.start()
            if not opener:
                if _opens(text, at, para_start, para_end):
                    opener = mark
                    pieces = []
                    content_start = at + 1
            elif mark in _CLOSERS[opener] and _closes(text, at, opener, para_end):
                pieces.append((content_start, at))
                _keep_statement(text, pieces, spans)
                opener = ""
        if not opener:
            continue
        pieces.append((content_start, para_end))
        following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else -1
        if following >= 0 and text[following] == opener:
            continue
        if opener in _ALWAYS_OPEN:
            _keep_statement(text, pieces, spans)
        opener = ""
    return spans


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of words in ``text[start:end]`` (see ``_WORD``: CJK counts two characters a word)."""
    stop = len(text) if end is None else end
    return len(_WORD.findall(text, start, stop))


def quote_flags(
    text: str,
    sentence_spans: Sequence[tuple[int, int]],
    quoted: Sequence[tuple[int, int]],
) -> list[bool]:
    """For each sentence span, whether at least :data:`MIN_STATEMENT_WORDS` of its words are
    inside ``quoted`` (both sequences ordered and non-overlapping, character offsets)."""
    flags: list[bool] = []
    first = 0
    for start, end in sentence_spans:
        while first < len(quoted) and quoted[first][1] <= start:
            first += 1
        words = 0
        index = first
        while index < len(quoted) and quoted[index][0] < end and words < MIN_STATEMENT_WORDS:
            words += count_words(text, max(start, quoted[index][0]), min(end, quoted[index][1]))
            index += 1
        flags.append(words >= MIN_STATEMENT_WORDS)
    return flags


def _keep_statement(text: str, pieces: list[tuple[int, int]], spans: list[tuple[int, int]]) -> None:
    trimmed = [_trim(text, start, end) for start, end in pieces]
    trimmed = [(start, end) for start, end in trimmed if start < end]
    words = 0
    for start, end in trimmed:
        words += count_words(text, start, end)
        if words >= MIN_STATEMENT_WORDS:
            spans.extend(trimmed)
            return


def _opens(text: str, at: int, para_start: int, para_end: int) -> bool:
    mark = text[at]
    after = text[at + 1] if at + 1 < para_end else ""
    if not after:
        return False
    before = text[at - 1] if at > para_start else " "
    if mark in _ALWAYS_OPEN:
        return not after.isspace() or mark == "«"
    clear_left = before.isspace() or before in _BEFORE_OPENER
    if mark == '"':
        return clear_left and not after.isspace()
    if mark in _CLOSE_ONLY:
        return False
    # » and ” open only in the languages that use them so (»Wir…«, ”Vi…”): a letter follows.
    return clear_left and after.isalpha()


def _closes(text: str, at: int, opener: str, para_end: int) -> bool:
    if opener not in _SINGLE:
        return True
    before = text[at - 1]
    after = text[at + 1] if at + 1 < para_end else ""
    if before.isspace() or after.isalnum():
        return False
    # "the councils’ plans": a plural possessive, not the end of the quotation.
    return not (before in "sS" and after.isspace() and at + 2 < para_end and text[at + 2].islower())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as ``segment`` sees them: blank-line separated blocks when the text has a
    blank line between two non-blank lines, otherwise every non-empty line. Spans start and end
    at non-space characters."""
    last = len(text.rstrip())
    first = len(text) - len(text.lstrip())
    if first >= last:
        return []
    separator = _BLANK_LINE if _BLANK_LINE.search(text, first, last) else _LINE_BREAK
    spans: list[tuple[int, int]] = []
    start = first
    at = first
    # as separator.finditer(text, first, last), faster: both separators start with a line
    # break, so search for one, then match there
    while (hit := _BREAK_CHAR.search(text, at, last)) is not None:
        match = separator.match(text, hit.start(), last)
        if match is None:
            at = hit.start() + 1
            continue
        spans.append(_trim(text, start, match.start()))
        start = at = match.end()
    spans.append(_trim(text, start, last))
    return [(start, end) for start, end in spans if start < end]
