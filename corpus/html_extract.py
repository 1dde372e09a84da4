"""The article inside a saved or fetched web page, without the page around it.

Navigation, ads, share buttons, captions, related links and reader comments would otherwise
look like text that every page of an outlet shares, and swamp the real matches. trafilatura
does the extraction; the page's own metadata supplies title, outlet, url, date and language.
"""

from __future__ import annotations

import html as html_entities
import re
from typing import Any

from corpus.article import Article
from corpus.boilerplate import is_boilerplate
from corpus.errors import SourceError
from corpus.quote import count_words

_TAG = re.compile(r"<(meta|link|html)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
# Metadata sits in the head; there is no need to scan a whole long page for it.
_HEAD_CHARS = 200_000
_LARGE_PAGE_CHARS = 5_000_000
"""Pages longer than this (characters of HTML) skip trafilatura's fallback extractors and its
search of the whole text for a date: both grow faster than the page, and no news page is this
long without being a dump of many pages."""
_MIN_ARTICLE_WORDS = 3
"""A page is an article only if some paragraph that is not page furniture has this many words
(the fewest a sentence needs to be matched): a menu ("Home") or a footer is not an article."""
_PUBLISHED_KEYS = (
    "article:published_time",
    "datepublished",
    "og:article:published_time",
    "pubdate",
    "publish-date",
    "publishdate",
    "dc.date.issued",
    "dcterms.created",
)


def extract_html(html: str, source: str) -> Article:
    """Extract the main article text and metadata from a page; ``id`` is left empty.

    Paragraphs (and headings, list items) are joined with a blank line. ``published`` is the
    page's own ISO 8601 timestamp when it has one (a time of day helps order same-day copies),
    otherwise trafilatura's date (``YYYY-MM-DD``). ``language`` is the ``<html lang>`` tag as
    written (``en-GB``), else ``content-language`` or ``og:locale``. Nothing is fetched.
    Raises :class:`SourceError` when the page holds no article text (nothing, or only short
    lines such as a menu, or only page furniture such as a copyright line).
    """
    import trafilatura  # deferred: importing it takes a large share of a second
    from trafilatura.settings import set_date_params

    large = len(html) > _LARGE_PAGE_CHARS
    document: Any = trafilatura.bare_extraction(
        html,
        fast=large,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        date_extraction_params=set_date_params(extensive=not large),
    )
    raw = (document.text if document is not None else None) or ""
    paragraphs = [line.strip() for line in raw.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if not any(_is_article_paragraph(p) for p in paragraphs):
        raise SourceError(source, "no article text found in the page")
    text = "\n\n".join(paragraphs)
    meta = _page_metadata(html[:_HEAD_CHARS])
    return Article(
        source=source,
        text=text,
        title=_clean(document.title) or meta.get("og:title"),
        outlet=_clean(document.sitename) or meta.get("og:site_name"),
        url=_absolute(meta.get("canonical"), meta.get("og:url"), _clean(document.url)),
        published=_published(meta, html[:_HEAD_CHARS]) or _clean(document.date),
        language=_language(meta) or _clean(document.language),
    )


def _is_article_paragraph(paragraph: str) -> bool:
    return count_words(paragraph) >= _MIN_ARTICLE_WORDS and not is_boilerplate(paragraph)


def _page_metadata(head: str) -> dict[str, str]:
    """First value of each ``<meta>`` name/property (lowercased), ``canonical`` and ``lang``."""
    found: dict[str, str] = {}
    for tag in _TAG.finditer(head):
        attributes = {
            name.lower(): html_entities.unescape(value.strip("\"'")).strip()
            for name, value in _ATTRIBUTE.findall(tag.group(2))
        }
        kind = tag.group(1).lower()
        if kind == "html":
            key, value = "lang", attributes.get("lang") or attributes.get("xml:lang")
        elif kind == "link":
            rels = attributes.get("rel", "").lower().split()
            key, value = (
                ("canonical", attributes.get("href")) if "canonical" in rels else ("", None)
            )
        else:
            name = (
                attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
            )
            name = name or attributes.get("http-equiv") or ""
            key, value = name.lower(), attributes.get("content")
        if key and value and key not in found:
            found[key] = value
    return found


def _published(meta: dict[str, str], head: str) -> str | None:
    candidates = [meta.get(key) for key in _PUBLISHED_KEYS]
    candidates.extend(_JSON_LD_PUBLISHED.findall(head))
    for candidate in candidates:
        if candidate and _ISO_DATE.match(candidate.strip()):
            return candidate.strip()
    return None


def _language(meta: dict[str, str]) -> str | None:
    for key in ("lang", "content-language", "og:locale"):
        value = meta.get(key, "").split(",")[0].strip()
        if _LANGUAGE_TAG.match(value):
            return value.replace("_", "-")
    return None


def _absolute(*urls: str | None) -> str | None:
    """The first http(s) URL: a relative canonical link cannot be resolved without the page URL."""
    for url in urls:
        if url and url.lower().startswith(("http://", "https://")):
            return url
    return None


def _clean(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
