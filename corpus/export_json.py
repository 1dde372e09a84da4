"""The comparison as schema-1 JSON (design.md §4): the contract other tools read."""

from __future__ import annotations

import json
from typing import Any

from corpus import __version__
from corpus.comparison import Comparison
from corpus.diff import word_diff
from corpus.match import Match, SentenceRef

SCHEMA = 1


def comparison_data(c: Comparison) -> dict[str, Any]:
    """Schema-1 data. Fields beyond the contract: article ``url``, ``derived_from``, ``shared``;
    ``changes`` (word-level differences) on edited matches."""
    ids = [a.id for a in c.articles]

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
            | ({"changes": _changes(c, m)} if m.kind == "edited" else {})
            for m in c.matches
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


def _changes(c: Comparison, m: Match) -> list[dict[str, Any]]:
    """Word-level changes of an edited pair; offsets are within each sentence's text."""
    return [
        {"op": w.op, "a": [w.a_start, w.a_end], "b": [w.b_start, w.b_end]}
        for w in word_diff(c.sentence(m.a).text, c.sentence(m.b).text)
        if w.op != "equal"
    ]


def to_json(c: Comparison) -> str:
    """Schema-1 JSON text, ending in a newline: indented, with each sentence, match, cluster and
    relation on one line, so it reads well and a story with a million matches is written in
    seconds (Python's indenting encoder is pure Python; the compact one is C)."""
    data = comparison_data(c)
    parts = []
    for key, value in data.items():
        if key == "articles":
            text = _lines([_article(a) for a in value], "  ")
        elif isinstance(value, list):
            text = _lines([_flat(v) for v in value], "  ")
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        parts.append(f"  {_flat(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _flat(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


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
