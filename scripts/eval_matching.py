"""Print how well the matcher agrees with hand-labelled stories and with MRPC.

Usage: python scripts/eval_matching.py [--details] [STORY_DIR …]
Defaults: the bundled sample story and the held-out stories in tests/data, then the MRPC test file
from ../shared/data/mrpc when it is there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.evaluate import score_story  # noqa: E402
from corpus.mrpc import mrpc_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*", type=Path)
    parser.add_argument("--details", action="store_true", help="list false and missed pairs")
    parser.add_argument("--no-mrpc", action="store_true")
    args = parser.parse_args()
    stories = args.stories or [
        ROOT / "corpus/sample",
        ROOT / "tests/data/story_heldout",
        ROOT / "tests/data/story_heldout2",
        ROOT / "tests/data/story_heldout3",
        ROOT / "tests/data/story_heldout4",
        ROOT / "tests/data/story_heldout5",
    ]
    for folder in stories:
        s = score_story(folder)
        print(f"== {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
        print(
            f"  {'kind':<22}{'gold':>6}{'pred':>6}{'prec':>7}{'recall':>8}{'any-kind recall':>17}"
        )
        for k in (*s.kinds, s.group):
            print(
                f"  {k.kind:<22}{k.gold:>6}{k.predicted:>6}{k.precision:>7.3f}{k.recall:>8.3f}"
                f"{k.recall_any_kind:>17.3f}"
            )
        print(f"  relations right (direction and kind): {s.relations_right}/{s.relations_gold}")
        for r in s.relations_missed:
            print(f"    missed: {r}")
        for r in s.relations_extra:
            print(f"    extra:  {r}")
        print(f"  roles right: {s.roles_right}/{s.roles_total}")
        if args.details:
            for kind, a, b in s.false_pairs:
                print(f"    false {kind:<10} {a} ~ {b}")
            for kind, a, b in s.missed_pairs:
                print(f"    missed {kind:<10} {a} ~ {b}")
    mrpc = ROOT.parent / "shared/data/mrpc/msr_paraphrase_test.txt"
    if not args.no_mrpc and mrpc.exists():
        print("== MRPC test (same content = verbatim, edited or paraphrase)")
        print("  " + mrpc_report(mrpc))


if __name__ == "__main__":
    main()
