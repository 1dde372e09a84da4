"""Expand the content units of a gold file into every sentence pair they imply.

Usage::

    .venv/bin/python scripts/build_gold_pairs.py corpus/sample/gold.json

A gold file lists *units* (one piece of content and the articles that carry it, each with the kind
of its copy relative to the unit's origin). Writing out all cross-article sentence pairs by hand is
error-prone, so this script derives them and rewrites the ``pairs`` key in place. The rule:

- two members of one unit in different articles form a pair (members in one article do not);
- the kind is the weaker of the two members' kinds, verbatim < edited < paraphrase, ``origin``
  counting as verbatim;
- if either member is ``quote``, the pair is ``quote`` as long as the other member still carries the
  quoted words (origin, verbatim, edited or quote); against a paraphrase it is ``paraphrase``;
- a pair across two languages (the articles' front matter ``language``) is always ``paraphrase``.

Where the rule is wrong, list the pair under ``pair_overrides`` (same shape as a pair): its kind
replaces the rule's, and the pair is kept even if no unit implies it. Two units implying one pair
with different kinds is an error until an override settles it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

RANK = {"origin": 0, "verbatim": 0, "edited": 1, "paraphrase": 2}
"""Member kinds that are not ``quote``, from closest to the origin to furthest."""
BY_RANK = {0: "verbatim", 1: "edited", 2: "paraphrase"}
MEMBER_KINDS = frozenset({*RANK, "quote"})

Ref = tuple[str, int]
"""One sentence: (article id, sentence index)."""


class GoldError(Exception):
    """The gold file is inconsistent in a way the script cannot decide for you."""


def read_front_matter(path: Path) -> dict[str, str]:
    """Return the ``key: value`` lines between the opening and closing ``---`` of an article."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines or lines[0].strip() != "---":
        raise GoldError(f"{path}: no front matter")
    meta: dict[str, str] = {}
    for line in lines[1:]:
        if line.strip() == "---":
            return meta
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    raise GoldError(f"{path}: front matter is not closed with ---")


def read_languages(story_dir: Path, article_ids: Iterable[str]) -> dict[str, str]:
    """Map each article id to the ``language`` in the front matter of ``<story_dir>/<id>.md``."""
    languages: dict[str, str] = {}
    for article_id in article_ids:
        path = story_dir / f"{article_id}.md"
        language = read_front_matter(path).get("language", "")
        if not language:
            raise GoldError(f"{path}: front matter has no language")
        languages[article_id] = language
    return languages


def pair_kind(kind_a: str, kind_b: str, same_language: bool) -> str:
    """The kind of a pair of two members of one unit, given each member's kind (see module doc)."""
    for kind in (kind_a, kind_b):
        if kind not in MEMBER_KINDS:
            raise GoldError(f"unknown member kind {kind!r}")
    if not same_language:
        return "paraphrase"
    if "quote" in (kind_a, kind_b):
        other = kind_b if kind_a == "quote" else kind_a
        return "paraphrase" if other == "paraphrase" else "quote"
    return BY_RANK[max(RANK[kind_a], RANK[kind_b])]


def _ordered(x: Ref, y: Ref, position: Mapping[str, int]) -> tuple[Ref, Ref]:
    """Put the sentence of the article listed first in the gold file first."""
    return (x, y) if (position[x[0]], x[1]) <= (position[y[0]], y[1]) else (y, x)


def _pair_json(a: Ref, b: Ref, kind: str) -> dict[str, Any]:
    return {
        "a": {"article": a[0], "sentence": a[1]},
        "b": {"article": b[0], "sentence": b[1]},
        "kind": kind,
    }


def _check_ref(gold: Mapping[str, Any], ref: Ref, where: str) -> None:
    article = gold["articles"].get(ref[0])
    if article is None:
        raise GoldError(f"{where}: unknown article {ref[0]!r}")
    sentences = article["sentences"]
    if not 0 <= ref[1] < len(sentences):
        raise GoldError(f"{where}: {ref[0]} has no sentence {ref[1]}")
    if sentences[ref[1]]["boilerplate"]:
        raise GoldError(f"{where}: {ref[0]}[{ref[1]}] is boilerplate and cannot be matched")


def build_pairs(gold: Mapping[str, Any], languages: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every sentence pair implied by ``gold["units"]``, with ``pair_overrides`` applied.

    Pairs are unordered and listed once; ``a`` is the sentence of the article that comes first in
    ``gold["articles"]``. The list is sorted by article order, then by sentence index.
    """
    position = {article_id: i for i, article_id in enumerate(gold["articles"])}
    found: dict[tuple[Ref, Ref], str] = {}
    clashes: dict[tuple[Ref, Ref], set[str]] = {}
    for unit in gold["units"]:
        members = [
            ((article_id, index), member["kind"])
            for article_id, member in unit["members"].items()
            for index in member["sentences"]
        ]
        for ref, _ in members:
            _check_ref(gold, ref, f"unit {unit['id']}")
        for i, (x, kind_x) in enumerate(members):
            for y, kind_y in members[i + 1 :]:
                if x[0] == y[0]:
                    continue
                key = _ordered(x, y, position)
                kind = pair_kind(kind_x, kind_y, languages[x[0]] == languages[y[0]])
                if key in found and found[key] != kind:
                    clashes.setdefault(key, {found[key]}).add(kind)
                found[key] = kind
    for override in gold.get("pair_overrides", []):
        x = (override["a"]["article"], override["a"]["sentence"])
        y = (override["b"]["article"], override["b"]["sentence"])
        _check_ref(gold, x, "pair_overrides")
        _check_ref(gold, y, "pair_overrides")
        key = _ordered(x, y, position)
        found[key] = override["kind"]
        clashes.pop(key, None)
    if clashes:
        lines = [f"  {a} ~ {b}: {sorted(kinds)}" for (a, b), kinds in sorted(clashes.items())]
        raise GoldError(
            "units imply different kinds for these pairs; add pair_overrides:\n" + "\n".join(lines)
        )
    ordered = sorted(found, key=lambda k: (position[k[0][0]], position[k[1][0]], k[0][1], k[1][1]))
    return [_pair_json(a, b, found[(a, b)]) for a, b in ordered]


def _height(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_height(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_height(v) for v in value), default=0)
    return 0


def format_gold(value: Any, indent: int = 0) -> str:
    """JSON with a 2-space indent, but each sentence, member, pair and relation on one line.

    Objects at most two levels deep and lists of plain values stay on one line, so a reviewer can
    read the file one sentence or one pair at a time.
    """
    compact = (isinstance(value, dict) and _height(value) <= 2) or (
        isinstance(value, list) and _height(value) <= 1
    )
    if compact or not isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    pad = "  " * (indent + 1)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {format_gold(v, indent + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}"
    items = [pad + format_gold(v, indent + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * indent + "]"


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the ``pairs`` of the gold file given on the command line; 0 on success, 1 if not."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="path to a story's gold.json")
    args = parser.parse_args(argv)
    path: Path = args.gold
    gold = json.loads(path.read_text(encoding="utf-8"))
    try:
        languages = read_languages(path.parent, gold["articles"])
        gold["pairs"] = build_pairs(gold, languages)
    except GoldError as error:
        print(f"build_gold_pairs: {error}", file=sys.stderr)
        return 1
    path.write_text(format_gold(gold) + "\n", encoding="utf-8")
    kinds: dict[str, int] = {}
    for pair in gold["pairs"]:
        kinds[pair["kind"]] = kinds.get(pair["kind"], 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    print(f"{path}: {len(gold['pairs'])} pairs ({summary})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
