"""Turn what the user named (files, folders, URLs, ``-``, exports, samples) into articles.

This is the edge where the outside world's problems become one-line warnings: a source that
cannot be read is reported through ``warn`` and the others still load, so one dead link does not
cost the reader the other twenty articles.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import unicodedata
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable
from typing import BinaryIO, Literal

from corpus.article import Article
from corpus.decode import decode_bytes
from corpus.errors import SourceError
from corpus.frontmatter import split_front_matter
from corpus.html_extract import extract_html
from corpus.markdown_text import markdown_to_text
from corpus.tabular import FIELD_NAMES, load_csv, load_jsonl, normalise_name

Fetch = Callable[..., tuple[bytes, str, str]]
Kind = Literal["text", "html", "csv", "jsonl", "sniff"]

SAMPLE_PREFIX = "sample:"
SUFFIX_KINDS: Mapping[str, Kind] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_MEDIA_KINDS: Mapping[str, Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-markdown": "text",
    "text/csv": "csv",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json-lines": "jsonl",
}
_URL = re.compile(r"^https?://", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(r"<(?:html|body)\b[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SNIFF_CHARS = 4096  # leading characters looked at to tell HTML from text
_SLUG_CHARS = 40


@dataclass(frozen=True, slots=True)
class _Loaded:
    """An article and the base of its id (a slug of its file stem, URL or sample name)."""

    article: Article
    slug: str


def sample_sources() -> list[str]:
    """``sample:NAME`` for each bundled sample article (``corpus/sample/*.md``), in name order."""
    return [f"{SAMPLE_PREFIX}{name}" for name in _sample_names()]


def load_sources(
    sources: Sequence[str],
    *,
    warn: Callable[[str], None],
    stdin: BinaryIO | None = None,
    max_bytes: int = 100_000_000,
    fetch: Fetch | None = None,
) -> list[Article]:
    """Load every source in order; report each one that fails through ``warn`` and go on.

    A source is an http(s) URL, ``-`` (``stdin``, or the process's standard input), a folder
    (its supported files directly inside, in name order, hidden files skipped), a file (kind by
    extension, else sniffed as HTML or text) or ``sample:NAME``. ``max_bytes`` caps each file,
    page or stdin. ``fetch`` replaces :func:`corpus.web.fetch_url` (tests, or a caching
    fetcher); it is called as ``fetch(url, max_bytes=max_bytes)``.

    Every returned article has its text stripped of surrounding whitespace and a short ``id``
    unique within the list; articles with no text are dropped with a warning. ``warn`` gets one
    line naming the source and the reason (control characters in it escaped, bytes of a file
    name that are not UTF-8 shown as U+FFFD, as they are in ``source``); nothing here raises
    for a bad source.
    """

    def report(message: str) -> None:
        warn(_printable(message))

    kept: list[_Loaded] = []
    for source in sources:
        try:
            loaded = _load_source(source, report, stdin, max_bytes, fetch)
        except SourceError as error:
            report(str(error))
            continue
        kept.extend(_with_text(loaded, report))
    return _with_ids(kept)


def _with_text(items: Sequence[_Loaded], warn: Callable[[str], None]) -> list[_Loaded]:
    """The items with their text stripped; those left with no text are dropped with a warning."""
    kept: list[_Loaded] = []
    for item in items:
        text = item.article.text.strip()
        if text:
            kept.append(_Loaded(replace(item.article, text=text), item.slug))
        else:
            warn(f"{item.article.source}: no article text, skipped")
    return kept


def _load_source(
    source: str,
    warn: Callable[[str], None],
    stdin: BinaryIO | None,
    max_bytes: int,
    fetch: Fetch | None,
) -> list[_Loaded]:
    if source == "-":
        return _parse(_read_stdin(stdin, max_bytes), "-", "sniff", "stdin", warn)
    if source.startswith(SAMPLE_PREFIX):
        return _load_sample(source, warn)
    if _URL.match(source):
        return _load_url(source, warn, max_bytes, fetch)
    if _OTHER_SCHEME.match(source):
        raise SourceError(source, "only http and https URLs are supported")
    if os.path.isdir(source):
        return _load_directory(source, warn, max_bytes)
    return _load_file(source, warn, max_bytes)


def _load_directory(directory: str, warn: Callable[[str], None], max_bytes: int) -> list[_Loaded]:
    try:
        with os.scandir(directory) as entries:
            names = sorted(
                entry.name
                for entry in entries
                if not entry.name.startswith(".")
                and os.path.splitext(entry.name)[1].lower() in SUFFIX_KINDS
                and entry.is_file()
            )
    except OSError as error:
        raise SourceError(directory, _os_reason(error)) from None
    if not names:
        suffixes = " ".join(SUFFIX_KINDS)
        warn(f"{directory}: no supported files in this directory ({suffixes})")
        return []
    loaded: list[_Loaded] = []
    for name in names:
        try:
            loaded.extend(
                _with_text(_load_file(os.path.join(directory, name), warn, max_bytes), warn)
            )
        except SourceError as error:
            warn(str(error))
    return loaded


def _load_file(path: str, warn: Callable[[str], None], max_bytes: int) -> list[_Loaded]:
    try:
        status = os.stat(path)
        if stat.S_ISREG(status.st_mode) and status.st_size > max_bytes:
            raise SourceError(path, _too_large(status.st_size, max_bytes))
        with open(path, "rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise SourceError(path, _os_reason(error)) from None
    if len(data) > max_bytes:
        raise SourceError(path, _too_large(None, max_bytes))
    stem, suffix = os.path.splitext(os.path.basename(os.path.normpath(path)))
    return _parse(data, path, SUFFIX_KINDS.get(suffix.lower(), "sniff"), _slug(stem), warn)


def _load_url(
    url: str, warn: Callable[[str], None], max_bytes: int, fetch: Fetch | None
) -> list[_Loaded]:
    if fetch is None:
        from corpus.web import fetch_url  # deferred: the network stack is slow to import

        fetch = fetch_url
    body, content_type, final_url = fetch(url, max_bytes=max_bytes)
    media_type, _, parameters = content_type.partition(";")
    kind = _MEDIA_KINDS.get(media_type.strip().lower())
    path = urllib.parse.urlsplit(final_url).path
    if kind is None:
        kind = SUFFIX_KINDS.get(os.path.splitext(path)[1].lower(), "sniff")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", parameters, re.IGNORECASE)
    declared = charset.group(1) if charset else None
    loaded = _parse(body, url, kind, _url_slug(final_url), warn, declared=declared)
    if kind in ("csv", "jsonl"):
        return loaded
    return [
        item if item.article.url else _Loaded(replace(item.article, url=final_url), item.slug)
        for item in loaded
    ]


def _load_sample(source: str, warn: Callable[[str], None]) -> list[_Loaded]:
    name = source[len(SAMPLE_PREFIX) :]
    available = _sample_names()
    if name not in available:
        listed = ", ".join(available) or "none are installed"
        raise SourceError(source, f"no such sample story (available: {listed})")
    data = (_sample_folder() / f"{name}.md").read_bytes()
    return _parse(data, source, "text", _slug(name), warn)


def _sample_folder() -> Traversable:
    return resources.files("corpus") / "sample"


def _sample_names() -> list[str]:
    try:
        entries = list(_sample_folder().iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(
        entry.name[: -len(".md")]
        for entry in entries
        if entry.name.endswith(".md") and not entry.name.startswith(".") and entry.is_file()
    )


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> bytes:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise SourceError("-", "there is no standard input to read")
    try:
        data = stream.read(max_bytes + 1)
    except OSError as error:
        raise SourceError("-", _os_reason(error)) from None
    if len(data) > max_bytes:
        raise SourceError("-", _too_large(None, max_bytes))
    return data


def _parse(
    data: bytes,
    source: str,
    kind: Kind,
    slug: str,
    warn: Callable[[str], None],
    *,
    declared: str | None = None,
) -> list[_Loaded]:
    """Articles from the bytes of one source, of the given or sniffed kind."""
    if kind in ("csv", "jsonl"):
        rows = (load_csv if kind == "csv" else load_jsonl)(data, source, warn=warn)
        if not rows:
            warn(f"{source}: no articles in this file")
        return [_Loaded(row, f"{slug}-{_row_number(row.source)}") for row in rows]
    if kind != "text":
        declared = declared or _meta_charset(data)
    text = decode_bytes(data, source, declared=declared)
    if kind == "html" or (kind == "sniff" and looks_like_html(text)):
        return [_Loaded(extract_html(text, source), slug)]
    return [_Loaded(_text_article(text, source), slug)]


def looks_like_html(text: str) -> bool:
    """Whether ``text`` (a file of unknown kind, stdin, a page) is an HTML document."""
    head = text[:_SNIFF_CHARS]
    return _HTML_START.match(head) is not None or _HTML_ANYWHERE.search(head) is not None


def _text_article(text: str, source: str) -> Article:
    """A text or Markdown article: front matter supplies the metadata, the body the text."""
    fields, body = split_front_matter(text)
    metadata = _metadata({normalise_name(key): value for key, value in fields.items()})
    return Article(
        source=source,
        text=markdown_to_text(body),
        title=metadata.get("title"),
        outlet=metadata.get("outlet"),
        url=metadata.get("url"),
        published=metadata.get("published"),
        language=metadata.get("language"),
    )


def _metadata(fields: Mapping[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for field, names in FIELD_NAMES.items():
        value = next((fields[name] for name in names if fields.get(name)), None)
        if value is not None and field != "text":
            found[field] = value
    return found


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_SNIFF_CHARS])
    return match.group(1).decode("ascii") if match else None


def _row_number(source: str) -> str:
    return source.rpartition("#row-")[2]


def _with_ids(items: Sequence[_Loaded]) -> list[Article]:
    """Give each article its slug as id; a repeated slug gets ``-2``, ``-3``… (never a taken id)."""
    taken = {item.slug for item in items}
    first_seen: set[str] = set()
    articles: list[Article] = []
    for item in items:
        identifier = item.slug
        if identifier in first_seen:
            number = 2
            while f"{item.slug}-{number}" in taken:
                number += 1
            identifier = f"{item.slug}-{number}"
            taken.add(identifier)
        first_seen.add(item.slug)
        source = _SURROGATE.sub("\ufffd", item.article.source)
        articles.append(replace(item.article, id=identifier, source=source))
    return articles


def _printable(message: str) -> str:
    """``message`` on one line and encodable: control characters escaped as Python would
    write them, lone surrogates (undecodable bytes of a file name) as U+FFFD."""
    message = _SURROGATE.sub("\ufffd", message)
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def _slug(name: str) -> str:
    """Lowercase a-z, 0-9 and single hyphens, at most about 40 characters; "article" if empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > _SLUG_CHARS:
        cut = slug[:_SLUG_CHARS]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or "article"


def _url_slug(url: str) -> str:
    """The last path segment without its extension, else the host without ``www.``."""
    parts = urllib.parse.urlsplit(url)
    segments = [unquoted for s in parts.path.split("/") if (unquoted := urllib.parse.unquote(s))]
    if segments:
        slug = _slug(re.sub(r"\.[A-Za-z0-9]{1,5}$", "", segments[-1]))
        if slug != "article":
            return slug
    host = (parts.hostname or "").removeprefix("www.")
    return _slug(host)


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    return (error.strerror or str(error)).lower()


def _too_large(size: int | None, limit: int) -> str:
    """Why a source over ``limit`` bytes is refused, sizes in megabytes (10^6 bytes)."""
    limit_text = _megabytes(limit)
    if size is None:
        return f"is over the {limit_text} MB limit (raise it with --max-size)"
    size_text = _megabytes(size)
    decimals = 1
    while float(size_text) <= float(limit_text) and decimals < 7:
        size_text = f"{size / 1_000_000:.{decimals}f}"
        decimals += 1
    return f"is {size_text} MB, over the {limit_text} MB limit (raise it with --max-size)"


def _megabytes(size: int) -> str:
    value = size / 1_000_000
    for decimals in range(7):
        text = f"{value:.{decimals}f}"
        if float(text) != 0 and abs(float(text) - value) <= value * 0.05:
            return text
    return f"{value:g}"
