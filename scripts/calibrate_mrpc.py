"""Fit the paraphrase score's logistic weights on the MRPC training pairs and print them.

Usage: python scripts/calibrate_mrpc.py [../shared/data/mrpc/msr_paraphrase_train.txt]

The printed dict is what ``corpus.score.PARAPHRASE_WEIGHTS`` holds. MRPC is read from shared/ and
never copied into the repository (its licence).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.mrpc import mrpc_measures, read_mrpc

NAMES = ("content", "char", "cover", "numbers", "names", "length")


def fit(
    rows: list[tuple[dict[str, float], int]], epochs: int = 3000, rate: float = 2.0
) -> dict[str, float]:
    """Plain batch gradient descent on the log loss, L2 0.001; deterministic."""
    w = {"bias": 0.0, **{n: 0.0 for n in NAMES}}
    n = len(rows)
    for _ in range(epochs):
        grad = dict.fromkeys(w, 0.0)
        for x, y in rows:
            z = w["bias"] + sum(w[k] * x[k] for k in NAMES)
            p = 1.0 / (1.0 + math.exp(-z))
            g = p - y
            grad["bias"] += g
            for k in NAMES:
                grad[k] += g * x[k]
        for k in w:
            reg = 0.001 * w[k] if k != "bias" else 0.0
            w[k] -= rate * (grad[k] / n + reg)
    return {k: round(v, 3) for k, v in w.items()}


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared/data/mrpc/msr_paraphrase_train.txt"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    pairs = read_mrpc(path)
    rows = list(zip(mrpc_measures(pairs), (label for label, _, _ in pairs), strict=True))
    print(fit(rows))


if __name__ == "__main__":
    main()
