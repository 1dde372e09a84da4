"""Reading the MRPC sentence-pair file and measuring its pairs the way the matcher does.

Used by the calibration and evaluation scripts; MRPC itself is never shipped.
"""

from __future__ import annotations

from pathlib import Path

from corpus.features import sentence_features, story_weights
from corpus.score import score_pair
from corpus.settings import Settings


def read_mrpc(path: Path) -> list[tuple[int, str, str]]:
    """(label, sentence 1, sentence 2) rows of an MRPC file (tab-separated, BOM, no header)."""
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split("\t")
        if len(parts) == 5 and parts[0] in ("0", "1"):
            rows.append((int(parts[0]), parts[3], parts[4]))
    return rows


def mrpc_measures(pairs: list[tuple[int, str, str]]) -> list[dict[str, float]]:
    """The paraphrase-score inputs of each pair; word rarity counted over the file's sentences."""
    feats = [(sentence_features(a, "en"), sentence_features(b, "en")) for _, a, b in pairs]
    weights = story_weights(f for pair in feats for f in pair)
    settings = Settings()
    out = []
    for fa, fb in feats:
        s = score_pair(fa, fb, weights, settings)
        out.append(
            {
                "content": s.content,
                "char": s.char,
                "cover": s.cover,
                "numbers": s.numbers,
                "names": s.names,
                "length": s.length,
            }
        )
    return out


def mrpc_report(path: Path, settings: Settings | None = None) -> str:
    """Accuracy, precision, recall and F1 of the matcher's "same content" on an MRPC file."""
    from corpus.score import classify

    settings = settings or Settings()
    pairs = read_mrpc(path)
    feats = [(sentence_features(a, "en"), sentence_features(b, "en")) for _, a, b in pairs]
    weights = story_weights(f for pair in feats for f in pair)
    tp = fp = fn = tn = 0
    for (label, _, _), (fa, fb) in zip(pairs, feats, strict=True):
        kind = classify(fa, fb, score_pair(fa, fb, weights, settings), settings)
        same = kind in ("verbatim", "edited", "paraphrase")
        tp += same and label == 1
        fp += same and label == 0
        fn += (not same) and label == 1
        tn += (not same) and label == 0
    n = len(pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    majority = sum(label for label, _, _ in pairs) / n
    base_f1 = 2 * majority / (majority + 1)
    return (
        f"pairs {n}: accuracy {(tp + tn) / n:.3f}, precision {precision:.3f}, recall "
        f"{recall:.3f}, F1 {f1:.3f} (answering 'same' always: accuracy {majority:.3f}, "
        f"F1 {base_f1:.3f})"
    )
