"""Bulk exports with one article a row: CSV (or TSV) files and JSON Lines.

News databases and scrapers name their columns differently (Media Cloud's ``media_name`` and
``publish_date``, news-please's ``maintext``…), so columns are recognised by common names,
case-insensitively, with spaces and hyphens read as underscores. A bad row is skipped with a
warning naming it; only a file with no text column at all is an error.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Collection, Mapping

from corpus.article import Article
from corpus.decode import decode_bytes
from corpus.errors import SourceError

# Article field -> column names in order of preference (normalised: lowercase, "_" for " "/"-").
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "full_text", "maintext", "article_text"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "publisher", "media_name", "source", "site", "sitename", "source_domain"),
    "published": ("published", "publish_date", "date", "pub_date", "datetime", "date_publish"),
    "language": ("language", "lang"),
}
_DELIMITERS = (",", ";", "\t", "|")
_MAX_ROW_WARNINGS = 10
"""Warnings about single rows or lines shown for one file; the rest are counted in one line."""
_SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone UTF-16 surrogate, which JSON's ``\\ud800`` escapes can produce but no file can hold."""


def normalise_name(name: str) -> str:
    """A column or front-matter key as looked up in :data:`FIELD_NAMES`."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def load_csv(data: bytes, source: str, *, warn: Callable[[str], None]) -> list[Article]:
    """Articles from a CSV export: a header row, then one article a row.

    ``source`` names the file as the user gave it; each article's source is
    ``f"{source}#row-{n}"`` with n counting data rows from 1 (the header and blank lines are not
    counted). The delimiter (comma, semicolon, tab or bar) is read from the header line. Rows
    with no text are skipped with a warning (after ten, one more line counts the rest); extra
    cells are ignored, missing cells are empty.
    Raises :class:`SourceError` when no column holds text.
    """
    text = decode_bytes(data, source)
    _raise_field_size_limit()
    header_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=header_line.count)
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise SourceError(source, f"is not a readable CSV file ({error})") from None
    if not table:
        raise SourceError(source, "is empty")
    header, rows = table[0], table[1:]
    # The first of two columns with the same name wins.
    columns = {normalise_name(name): index for index, name in reversed(list(enumerate(header)))}
    chosen = {field: columns[name] for field, name in _choose_keys(columns).items()}
    if "text" not in chosen:
        raise SourceError(source, _no_text_reason(header, "columns"))
    articles: list[Article] = []
    skipped = _RowWarnings(source, warn)
    number = 0
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        number += 1
        cells = {field: row[index] if index < len(row) else "" for field, index in chosen.items()}
        article = _article(f"{source}#row-{number}", cells, skipped)
        if article is not None:
            articles.append(article)
    skipped.summarise()
    return articles


def load_jsonl(data: bytes, source: str, *, warn: Callable[[str], None]) -> list[Article]:
    """Articles from a JSON Lines export: one JSON object a line.

    Each article's source is ``f"{source}#row-{n}"`` where n is the physical line number from 1,
    so that a warning or a result points at the line an editor shows (blank lines are skipped
    but counted). Keys are recognised like CSV columns; a nested outlet such as
    ``{"source": {"name": "…"}}`` gives its ``name``. Invalid lines (nested too deeply
    included) and objects without text are skipped with a warning (after ten, one more line
    counts the rest). Raises :class:`SourceError` when no object has a text field.
    """
    text = decode_bytes(data, source)
    # (line number, normalised object or the reason the line is skipped), in line order
    lines: list[tuple[int, dict[str, object] | str]] = []
    first_keys: list[str] = []  # as spelled in the file, for the error message
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            lines.append((number, f"is not valid JSON ({error.msg})"))
            continue
        except RecursionError:
            lines.append((number, "is nested too deeply to read"))
            continue
        if not isinstance(value, dict):
            lines.append((number, "is not a JSON object"))
            continue
        first_keys = first_keys or [str(key) for key in value]
        lines.append((number, {normalise_name(str(k)): v for k, v in value.items()}))
    objects = [obj for _, obj in lines if isinstance(obj, dict)]
    if objects and not any("text" in _choose_keys(obj) for obj in objects):
        raise SourceError(source, _no_text_reason(first_keys, "fields"))
    articles: list[Article] = []
    skipped = _RowWarnings(source, warn)
    for number, obj in lines:
        if isinstance(obj, str):
            skipped(f"{source}: line {number} {obj}, skipped")
            continue
        cells = {field: _as_text(obj[key]) for field, key in _choose_keys(obj).items()}
        article = _article(f"{source}#row-{number}", cells, skipped)
        if article is not None:
            articles.append(article)
    skipped.summarise()
    return articles


class _RowWarnings:
    """Passes on the first :data:`_MAX_ROW_WARNINGS` row warnings of a file, then counts, so
    that a file that is not an export at all gives a few lines rather than one per line."""

    def __init__(self, source: str, warn: Callable[[str], None]) -> None:
        self.source = source
        self.warn = warn
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.count <= _MAX_ROW_WARNINGS:
            self.warn(message)

    def summarise(self) -> None:
        """One line for the warnings not shown, if any."""
        hidden = self.count - _MAX_ROW_WARNINGS
        if hidden > 0:
            self.warn(f"{self.source}: {hidden:,} more rows skipped ({self.count:,} in all)")


def _choose_keys(present: Collection[str]) -> dict[str, str]:
    """Field -> the (normalised) name it is read from, for each field that has one."""
    chosen: dict[str, str] = {}
    for field, names in FIELD_NAMES.items():
        for name in names:
            if name in present:
                chosen[field] = name
                break
    return chosen


def _article(source: str, cells: Mapping[str, str], warn: Callable[[str], None]) -> Article | None:
    text = cells.get("text", "").strip()
    if not text:
        warn(f"{source}: no article text, skipped")
        return None
    return Article(
        source=source,
        text=text,
        title=_field(cells, "title"),
        outlet=_field(cells, "outlet"),
        url=_field(cells, "url"),
        published=_field(cells, "published"),
        language=_field(cells, "language"),
    )


def _field(cells: Mapping[str, str], field: str) -> str | None:
    return cells.get(field, "").strip() or None


def _as_text(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    return ""


def _no_text_reason(names: list[str], what: str) -> str:
    shown = ", ".join(repr(name) for name in names[:20]) or "none"
    if len(names) > 20:
        shown += f", … ({len(names)} in all)"
    wanted = ", ".join(FIELD_NAMES["text"])
    return f"no text column (looked for {wanted}); its {what} are: {shown}"


def _raise_field_size_limit() -> None:
    """Allow cells as large as a whole article (the csv module's default is 128 KiB)."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # a C long is 32 bits on Windows
            limit //= 2
