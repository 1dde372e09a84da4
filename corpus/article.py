"""An article as loaded: its text and what is known about where it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One article.

    ``text`` is the extracted article text; every character offset in briefread indexes into it.
    ``source`` is the path or URL exactly as the user gave it (design.md §4): a file inside a given
    directory is that directory joined with the file name, a row of a CSV or JSON Lines file is
    ``FILE#row-N`` (N from 1, header not counted), a bundled sample article is ``sample:NAME``.
    ``id`` is a short identifier unique within one comparison; loaders leave it empty and
    :func:`corpus.load.load_sources` fills it in.
    """

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    id: str = ""
