"""Measuring the matcher against a hand-labelled story (gold.json beside the article files).

Predicted sentences are mapped to gold sentences by character overlap, so the figures measure
matching even where segmentation differs a little. Used by ``scripts/eval_matching.py`` and the
tests; the gold format is described in ``scripts/build_gold_pairs.py``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.comparison import Comparison, compare
from corpus.load import load_sources
from corpus.settings import Settings

KINDS = ("verbatim", "edited", "quote", "paraphrase")
Pair = frozenset[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class KindScore:
    """Precision and recall of one kind: strict (kind must agree) and found as any kind."""

    kind: str
    gold: int
    predicted: int
    correct: int
    found_any_kind: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def recall_any_kind(self) -> float:
        return self.found_any_kind / self.gold if self.gold else 1.0


@dataclass(frozen=True, slots=True)
class StoryScore:
    """How one story's comparison agrees with its gold."""

    kinds: tuple[KindScore, ...]
    group: KindScore  # verbatim + edited + quote, as the targets name them
    false_pairs: tuple[tuple[str, str, str], ...]  # predicted pairs not in gold: kind, a, b
    missed_pairs: tuple[tuple[str, str, str], ...]
    relations_right: int
    relations_gold: int
    relations_extra: tuple[str, ...]
    relations_missed: tuple[str, ...]
    roles_right: int
    roles_total: int


def load_gold(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return data


def _gold_spans(text: str, sentences: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Gold sentence spans in ``text``; a boilerplate line the loader dropped gets (-1, -1)."""
    spans, pos = [], 0
    for s in sentences:
        start = text.find(s["text"], pos)
        if start < 0 and s.get("boilerplate"):
            spans.append((-1, -1))
            continue
        if start < 0:
            raise ValueError(f"gold sentence not in the article text: {s['text'][:60]!r}")
        spans.append((start, start + len(s["text"])))
        pos = start + len(s["text"])
    return spans


def score_story(folder: Path, settings: Settings | None = None) -> StoryScore:
    """Compare the story in ``folder`` and score it against ``folder/gold.json``."""
    gold = load_gold(folder)
    names = sorted(gold["articles"])
    articles = load_sources([str(folder / f"{n}.md") for n in names], warn=_raise)
    comparison = compare(articles, settings)
    return score_comparison(comparison, gold)


def _raise(message: str) -> None:
    raise ValueError(message)


def score_comparison(c: Comparison, gold: dict[str, Any]) -> StoryScore:
    """Score a comparison whose article ids are the gold's article ids."""
    ids = [a.id for a in c.articles]
    to_gold: list[dict[int, int]] = []
    for k, a in enumerate(c.articles):
        spans = _gold_spans(a.text, gold["articles"][a.id]["sentences"])
        mapping = {}
        for s in c.sentences[k]:
            overlaps = [(min(e, s.end) - max(b, s.start), g) for g, (b, e) in enumerate(spans)]
            best, g = max(overlaps)
            if best > 0:
                mapping[s.index] = g
        to_gold.append(mapping)
    predicted: dict[Pair, str] = {}
    for m in c.matches:
        ga, gb = to_gold[m.a.article].get(m.a.sentence), to_gold[m.b.article].get(m.b.sentence)
        if ga is None or gb is None:
            continue
        key: Pair = frozenset({(ids[m.a.article], ga), (ids[m.b.article], gb)})
        if len(key) == 2 and (key not in predicted or _rank(m.kind) < _rank(predicted[key])):
            predicted[key] = m.kind
    expected: dict[Pair, str] = {
        frozenset(
            {(p["a"]["article"], p["a"]["sentence"]), (p["b"]["article"], p["b"]["sentence"])}
        ): p["kind"]
        for p in gold["pairs"]
    }
    kinds = tuple(_kind_score(k, expected, predicted) for k in KINDS)
    group_kinds = ("verbatim", "edited", "quote")
    exp_g = {p: "copy" for p, k in expected.items() if k in group_kinds}
    pred_g = {p: "copy" for p, k in predicted.items() if k in group_kinds}
    group = _kind_score("copy", exp_g, pred_g)
    group = KindScore(
        "verbatim+edited+quote",
        group.gold,
        group.predicted,
        group.correct,
        sum(1 for p in exp_g if p in predicted),
    )

    def show(p: Pair) -> tuple[str, str]:
        a, b = sorted(p)
        return f"{a[0]}#{a[1]}", f"{b[0]}#{b[1]}"

    false_pairs = tuple(sorted((k, *show(p)) for p, k in predicted.items() if p not in expected))
    missed = tuple(sorted((k, *show(p)) for p, k in expected.items() if p not in predicted))
    gold_rel = {(r["source"], r["derived"], r["kind"]) for r in gold["relations"]}
    pred_rel = {(ids[r.source], ids[r.derived], r.kind) for r in c.provenance.relations}
    roles = Counter(c.provenance.roles[k] == gold["articles"][a]["role"] for k, a in enumerate(ids))
    return StoryScore(
        kinds=kinds,
        group=group,
        false_pairs=false_pairs,
        missed_pairs=missed,
        relations_right=len(gold_rel & pred_rel),
        relations_gold=len(gold_rel),
        relations_extra=tuple(sorted(" → ".join(r[:2]) + f" {r[2]}" for r in pred_rel - gold_rel)),
        relations_missed=tuple(sorted(" → ".join(r[:2]) + f" {r[2]}" for r in gold_rel - pred_rel)),
        roles_right=roles[True],
        roles_total=len(ids),
    )


def _rank(kind: str) -> int:
    return KINDS.index(kind)


def _kind_score(kind: str, expected: dict[Pair, str], predicted: dict[Pair, str]) -> KindScore:
    gold = [p for p, k in expected.items() if k == kind]
    pred = [p for p, k in predicted.items() if k == kind]
    correct = sum(1 for p in pred if expected.get(p) == kind)
    found = sum(1 for p in gold if p in predicted)
    return KindScore(kind, len(gold), len(pred), correct, found)
