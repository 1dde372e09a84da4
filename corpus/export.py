"""One entry point for every export format, used by ``briefread compare`` and the reader's
export dialog.

Usage::

    render(comparison, "html")                          # the whole story
    render(comparison, "md", pair=(0, 3))               # two articles, matches between them
    render(comparison, "csv", scope="highlights", highlights=marked)  # the user's highlights

Formats: ``text`` (readable summary), ``json`` (schema 1, design.md §4), ``md`` (Markdown
report), ``csv`` (one row per matched sentence pair), ``html`` (one self-contained page).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from corpus.comparison import Comparison, collection_paused
from corpus.errors import BriefreadError
from corpus.export_csv import to_csv
from corpus.export_html import to_html
from corpus.export_json import comparison_data, to_json
from corpus.export_md import to_markdown
from corpus.export_text import to_text
from corpus.export_view import SCOPES, Scope, View, build_view, one_line, unique_runs
from corpus.formats import FORMATS, SUFFIXES
from corpus.highlight import Highlight
from corpus.inert import inert

__all__ = ["FORMATS", "SCOPES", "SUFFIXES", "Highlight", "Scope", "render"]


def render(
    comparison: Comparison,
    fmt: str,
    *,
    scope: Scope | None = None,
    pair: tuple[int, int] | None = None,
    highlights: Sequence[Highlight] = (),
    unique: bool = False,
) -> str:
    """The comparison in format ``fmt`` (one of FORMATS), as text to write to a file.

    ``scope``: ``story`` (everything; the default), ``pair`` (only the articles at positions
    ``pair`` and the matches between them; the default when ``pair`` is given) or
    ``highlights`` (only the user's ``highlights``, the matches overlapping them and the
    articles those touch). ``highlights`` are the user's marks on articles of this comparison
    (others are ignored); every format but ``text`` and ``json`` shows them with their notes.
    ``unique``: also list, per article, the passages found in no other article of the export.

    With the default story scope and no highlights, ``json`` is exactly
    :func:`corpus.export_json.to_json` and ``text`` is :func:`corpus.export_text.to_text` with
    control characters and terminal escapes dropped.
    Raises BriefreadError for an unknown format or a scope that does not fit.
    """
    if fmt not in FORMATS:
        raise BriefreadError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    with collection_paused():  # a big story's export makes millions of short-lived objects
        return _render(comparison, fmt, scope, pair, highlights, unique)


def _render(
    comparison: Comparison,
    fmt: str,
    scope: Scope | None,
    pair: tuple[int, int] | None,
    highlights: Sequence[Highlight],
    unique: bool,
) -> str:
    view = build_view(
        comparison, scope or ("pair" if pair is not None else "story"), pair, highlights, unique
    )
    if fmt == "md":
        return to_markdown(view)
    if fmt == "csv":
        return to_csv(view)
    if fmt == "html":
        return to_html(view)
    if fmt == "json":
        return _json(view)
    return _text(view)


def _json(view: View) -> str:
    c = view.comparison
    if view.scope == "story" and not view.highlights and not view.unique:
        return to_json(c)
    data = comparison_data(c)
    data["scope"] = view.scope
    if view.highlights:
        data["highlights"] = [
            {
                "article": h.article,
                "start": h.start,
                "end": h.end,
                "text": h.text,
                "note": h.note,
                "tag": h.tag,
                "created": h.created,
            }
            for h in view.highlights
        ]
    if view.unique:
        data["unique"] = [
            {"article": a.id, "first": first, "last": last}
            for k, a in enumerate(c.articles)
            for first, last in unique_runs(c, k)
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _text(view: View) -> str:
    """The text summary, made inert: it goes to a terminal, where escapes would act."""
    c = view.comparison
    if view.scope == "story" and not view.highlights and not view.unique:
        return inert(to_text(c))
    lines = [inert(to_text(c)).rstrip("\n")]
    if view.scope != "story":
        lines[0] = f"Scope: {view.scope}\n" + lines[0]
    if view.highlights:
        lines += ["", "Your highlights"]
        for h in view.highlights:
            lines.append(f"  {one_line(h.article)} {h.start}–{h.end}: “{one_line(h.text)}”")
            if h.note:
                lines.append(f"      note: {one_line(h.note)}")
    if view.unique:
        lines += ["", "Found only here"]
        for k, a in enumerate(c.articles):
            for first, last in unique_runs(c, k):
                text = " ".join(c.sentences[k][x].text for x in range(first, last + 1))
                lines.append(f"  {one_line(a.id)} {first + 1}–{last + 1}: {one_line(text)}")
    return "\n".join(lines) + "\n"
