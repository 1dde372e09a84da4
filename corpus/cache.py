"""Comparisons kept for reuse: the key that says a stored result still holds, and its encoding.

A stored comparison is reused only for the same article texts and metadata in the same order,
the same settings and the same engine (version and source code), so a hit is exactly what
:func:`corpus.comparison.compare` would return. Where an article was loaded from and its id do
not change the result; a hit is given the current articles' sources and ids. The language is
not in the key: ``compare`` fills in a missing one by detection, so an entry records which
given languages (:func:`accepted_languages`) lead to the same result.

Entries are pickled (then zlib-compressed). Unpickling runs code named in the data, so this is
only for the user's own library file, never for files from elsewhere; an entry that does not
decode to a :class:`Comparison` is reported as ``None`` (a miss), never raised.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import pickle
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import corpus
from corpus import columns
from corpus.article import Article
from corpus.comparison import Comparison, collection_paused
from corpus.language import detect_language
from corpus.settings import Settings

_MAGIC = b"BRC4"  # format of an entry: pickle protocol 5 (columns packed), zlib level 1


def content_key(article: Article) -> str:
    """An article's identity by its text alone: 32 hex digits of the SHA-256 of its UTF-8 text.

    The same text read from another path, URL or export row has the same key.
    """
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:32]


def comparison_key(articles: Sequence[Article], settings: Settings) -> str:
    """The cache key (64 hex digits) of comparing ``articles`` in this order with ``settings``.

    Covers each article's text and metadata (title, outlet, url, published; the language is
    checked apart, see :func:`accepted_languages`), the settings, ``corpus.__version__`` and
    the engine's source code.
    """
    digest = hashlib.sha256()
    head = {
        "briefread": corpus.__version__,
        "engine": engine_digest(),
        "settings": settings.to_dict(),
    }
    digest.update(json.dumps(head, sort_keys=True).encode("utf-8"))
    for a in articles:
        fields = [content_key(a), a.title, a.outlet, a.url, a.published]
        digest.update(b"\0" + json.dumps(fields, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


@functools.cache
def engine_digest() -> str:
    """SHA-256 (hex) of the engine's Python sources: results change when the code does."""
    digest = hashlib.sha256()
    for path in sorted(Path(corpus.__file__).parent.glob("*.py")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def accepted_languages(
    comparison: Comparison, given: Sequence[Article] | None = None
) -> list[list[str | None]]:
    """For each article, the languages it may be given with to have this comparison as result.

    ``given`` are the articles as passed to ``compare``. Without them, a language equal to what
    detection finds is taken to have been detected (it gives the same result either way).
    """
    out: list[list[str | None]] = []
    for k, done in enumerate(comparison.articles):
        if given is not None:
            before = given[k].language
            detected = before is None
        else:
            before = done.language
            detected = before is None or before == detect_language(done.text)
        out.append([None, done.language] if detected and done.language else [before])
    return out


def languages_fit(accepted: Sequence[Sequence[str | None]], articles: Sequence[Article]) -> bool:
    """Whether each article's language is one its entry accepts."""
    return len(accepted) == len(articles) and all(
        a.language in ok for a, ok in zip(articles, accepted, strict=True)
    )


def encode(comparison: Comparison) -> bytes:
    """A comparison as bytes for the cache."""
    return compress(serialize(comparison))


def serialize(comparison: Comparison) -> bytes:
    """The first half of :func:`encode`: the comparison pickled."""
    out = io.BytesIO()
    _Pickler(out, protocol=5).dump(comparison)
    return out.getvalue()


def compress(pickled: bytes) -> bytes:
    """The second half of :func:`encode`. zlib lets other Python threads run meanwhile."""
    return _MAGIC + zlib.compress(pickled, 1)


def decode(data: bytes) -> Comparison | None:
    """The comparison stored by :func:`encode`, or None when ``data`` does not hold one."""
    if not isinstance(data, bytes) or not data.startswith(_MAGIC):
        return None
    try:
        with collection_paused():  # a big story is hundreds of thousands of objects
            value = pickle.loads(zlib.decompress(data[len(_MAGIC) :]))
    except Exception:  # any damage or stale class layout means a miss, whatever it raises
        return None
    return value if isinstance(value, Comparison) else None


class _Pickler(pickle.Pickler):
    """Pickles dataclasses as a call of the class with their fields, and a comparison's
    sentences, matches, passages and clusters as columns of numbers (:mod:`corpus.columns`).

    Loading then runs the generated ``__init__`` instead of the generic ``__setstate__`` of
    slotted dataclasses: about 1.5 times as fast for a comparison with many matches.
    """

    _fields: ClassVar[dict[type, tuple[str, ...] | None]] = {}  # None: not a dataclass

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        try:
            names = self._fields[cls]
        except KeyError:
            names = None
            if dataclasses.is_dataclass(cls):
                names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
            self._fields[cls] = names
        if names is None:
            return NotImplemented
        if cls is Comparison:
            return _unpack, (_pack(obj, names),)
        return cls, tuple(getattr(obj, name) for name in names)


def _pack(c: Comparison, names: tuple[str, ...]) -> dict[str, Any]:
    """The comparison's fields, its long tuples packed into columns where they fit."""
    fields = {name: getattr(c, name) for name in names}
    packed = {
        "sentences": columns.pack_sentences(c.articles, c.sentences),
        "matches": columns.pack_matches(c.matches, c.sentences),
        "passages": columns.pack_passages(c.passages),
        "clusters": columns.pack_clusters(c.clusters, c.sentences),
    }
    fields["packed"] = [name for name, value in packed.items() if value is not None]
    fields.update((name, value) for name, value in packed.items() if value is not None)
    return fields


def _unpack(fields: dict[str, Any]) -> Comparison:
    """A comparison pickled by :class:`_Pickler`."""
    packed = fields.pop("packed")
    if "sentences" in packed:
        fields["sentences"] = columns.unpack_sentences(fields["articles"], fields["sentences"])
    refs = columns.references(fields["sentences"])  # one object per sentence, shared
    if "matches" in packed:
        fields["matches"] = columns.unpack_matches(refs, fields["matches"])
    if "passages" in packed:
        fields["passages"] = columns.unpack_passages(fields["passages"])
    if "clusters" in packed:
        fields["clusters"] = columns.unpack_clusters(refs, fields["clusters"])
    return Comparison(**fields)


def restamp(comparison: Comparison, articles: Sequence[Article]) -> Comparison:
    """The comparison with each article's ``source`` and ``id`` taken from ``articles``."""
    stored = comparison.articles
    if len(stored) != len(articles):
        raise ValueError(f"{len(articles)} articles for a comparison of {len(stored)}")
    if all(s.source == a.source and s.id == a.id for s, a in zip(stored, articles, strict=True)):
        return comparison
    fresh = tuple(
        dataclasses.replace(s, source=a.source, id=a.id)
        for s, a in zip(stored, articles, strict=True)
    )
    return dataclasses.replace(comparison, articles=fresh)
