"""The comparison as schema-1 JSON (design.md §4): the contract other tools read."""

from __future__ import annotations

import json
import math
from typing import Any

from corpus import __version__
from corpus.comparison import Comparison
from corpus.diff import word_diff
from corpus.match import Match, SentenceRef

SCHEMA = 1


def comparison_data(c: Comparison) -> dict[str, Any]:
    """Schema-1 data. Fields beyond the contract: article ``url``, ``derived_from``, ``shared``;
    ``changes`` (word-level differences) on edited matches."""
    return _data(c, with_matches=True)


def _data(c: Comparison, with_matches: bool) -> dict[str, Any]:
    """:func:`comparison_data`; without matches, their key holds an empty list."""
    ids = [a.id for a in c.articles]
    changes = _Changes(c)

    def ref(r: SentenceRef) -> dict[str, Any]:
        return {"article": ids[r.article], "sentence": r.sentence}

    sources = c.provenance.sources
    return {
        "schema": SCHEMA,
        "briefread": __version__,
        "settings": c.settings.to_dict(),
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "title": a.title,
                "outlet": a.outlet,
                "url": a.url,
                "published": a.published,
                "language": a.language,
                "role": c.provenance.roles[k],
                "derived_from": ids[s] if (s := sources[k]) is not None else None,
                "shared": round(c.shared_share(k), 4),
                "sentences": [
                    {
                        "index": s.index,
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                        "paragraph": s.paragraph,
                        "boilerplate": s.boilerplate,
                        "quote": s.quote,
                    }
                    for s in c.sentences[k]
                ],
            }
            for k, a in enumerate(c.articles)
        ],
        "matches": [
            {"a": ref(m.a), "b": ref(m.b), "score": m.score, "kind": m.kind}
            | ({"changes": changes(m)} if m.kind == "edited" else {})
            for m in (c.matches if with_matches else ())
        ],
        "clusters": [{"id": cl.id, "members": [ref(r) for r in cl.members]} for cl in c.clusters],
        "relations": [
            {
                "source": ids[r.source],
                "derived": ids[r.derived],
                "kind": r.kind,
                "coverage": {
                    "derived_in_source": round(r.derived_in_source, 4),
                    "source_in_derived": round(r.source_in_derived, 4),
                },
                "evidence": r.evidence,
            }
            for r in c.provenance.relations
        ],
    }


class _Changes:
    """Word-level changes of edited pairs; offsets are within each sentence's text. Worked out
    once for each pair of texts: a syndicated story repeats the same edited pair many times."""

    def __init__(self, c: Comparison) -> None:
        self._c = c
        self._known: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._text: dict[tuple[str, str], str] = {}

    def __call__(self, m: Match) -> list[dict[str, Any]]:
        key = (self._c.sentence(m.a).text, self._c.sentence(m.b).text)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = [
                {"op": w.op, "a": [w.a_start, w.a_end], "b": [w.b_start, w.b_end]}
                for w in word_diff(*key)
                if w.op != "equal"
            ]
        return found

    def encoded(self, m: Match) -> str:
        """The changes of ``m`` as JSON text, also encoded once for each pair of texts."""
        key = (self._c.sentence(m.a).text, self._c.sentence(m.b).text)
        text = self._text.get(key)
        if text is None:
            text = self._text[key] = _flat(self(m))
        return text


def to_json(c: Comparison) -> str:
    """Schema-1 JSON text, ending in a newline: indented, with each sentence, match, cluster and
    relation on one line, so it reads well and a story with a million matches is written in
    seconds (Python's indenting encoder is pure Python; the compact one is C)."""
    data = _data(c, with_matches=False)
    parts = []
    for key, value in data.items():
        if key == "articles":
            text = _lines([_article(a) for a in value], "  ")
        elif key == "matches":
            text = _lines(_match_lines(c), "  ")
        elif isinstance(value, list):
            text = _lines([_flat(v) for v in value], "  ")
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        parts.append(f"  {_flat(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _flat(value: Any) -> str:
    """One-line JSON, as ``json.dumps(value, ensure_ascii=False, separators=(", ", ": "))``."""
    return _FLAT(value)


def _number(value: Any) -> str:
    """A number as JSON (as :func:`_flat` writes it: ``repr`` of an int or a finite float)."""
    kind = type(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return repr(value)
    return _flat(value)


def _match_lines(c: Comparison) -> list[str]:
    """Each match as :func:`comparison_data` has it, encoded as :func:`_flat` would, but
    written from pieces encoded once (a big story has millions of matches)."""
    changes = _Changes(c)
    refs = [f'{{"article": {_flat(a.id)}, "sentence": ' for a in c.articles]
    kinds: dict[str, str] = {}
    out = []
    for m in c.matches:
        kind = kinds.get(m.kind)
        if kind is None:
            kind = kinds[m.kind] = _flat(m.kind)
        line = (
            f'{{"a": {refs[m.a.article]}{_number(m.a.sentence)}}}, '
            f'"b": {refs[m.b.article]}{_number(m.b.sentence)}}}, '
            f'"score": {_number(m.score)}, "kind": {kind}'
        )
        if m.kind == "edited":
            line += f', "changes": {changes.encoded(m)}'
        out.append(line + "}")
    return out


def _lines(items: list[str], pad: str) -> str:
    """A JSON list of already encoded items, one a line."""
    if not items:
        return "[]"
    inner = pad + "  "
    return "[\n" + ",\n".join(inner + item for item in items) + "\n" + pad + "]"


def _article(article: dict[str, Any]) -> str:
    """An article object over several lines, one sentence a line."""
    pad = "      "
    fields = [
        f"{pad}{_flat(k)}: "
        + (_lines([_flat(s) for s in v], pad) if k == "sentences" else _flat(v))
        for k, v in article.items()
    ]
    return "{\n" + ",\n".join(fields) + "\n    }"
