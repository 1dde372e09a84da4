"""Print how well ``corpus.segment`` finds the gold sentence boundaries of a story folder.

Usage: python scripts/segmentation_accuracy.py [-v] [STORY_DIR ...]

Always measures the bundled sample story (``corpus/sample``), then each STORY_DIR given (for
example ``tests/data/story_heldout``). A story folder holds one ``NAME.md`` per article and a
``gold.json`` with ``{"articles": {NAME: {"sentences": [{"text": …, "boilerplate": bool}]}}}``,
whose sentence texts are exact substrings of the article text, in order.

A boundary is the (start, end) span, in characters, of a sentence's non-space text; a predicted
boundary counts only when it matches a gold one exactly. Printed per article and overall:
precision, recall and F1 of boundaries, and the accuracy of the boilerplate flag on the gold
sentences (the flag ``segment`` gives the same span, or ``is_boilerplate`` on the gold text when
segmentation missed that span). ``-v`` lists the differences.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.boilerplate import is_boilerplate
from corpus.frontmatter import split_front_matter
from corpus.segment import segment

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"


@dataclass
class Tally:
    """Counts behind the printed figures (sentences, not characters)."""

    predicted: int = 0
    gold: int = 0
    correct: int = 0
    flags: int = 0
    flags_right: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.correct += other.correct
        self.flags += other.flags
        self.flags_right += other.flags_right

    def row(self, name: str) -> str:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = self.flags_right / self.flags if self.flags else 0.0
        return (
            f"{name:<24} {self.predicted:>5} {self.gold:>5} {precision:>9.3f} {recall:>7.3f}"
            f" {f1:>6.3f} {accuracy:>11.3f}"
        )


HEADER = f"{'article':<24} {'pred':>5} {'gold':>5} {'precision':>9} {'recall':>7} {'F1':>6}"
HEADER += f" {'boilerplate':>11}"


def article_text(path: Path) -> tuple[str, str | None]:
    """The article text as the loaders see it before any Markdown clean-up (front matter
    removed, outer whitespace stripped) and the ``language`` field of the front matter."""
    fields, body = split_front_matter(path.read_text(encoding="utf-8"))
    return body.strip(), fields.get("language")


def measure_article(path: Path, gold: list[dict[str, object]], verbose: bool) -> Tally:
    text, language = article_text(path)
    sentences = segment(text, language)
    flag_at = {(s.start, s.end): s.boilerplate for s in sentences}
    gold_spans: list[tuple[int, int]] = []
    tally = Tally()
    cursor = 0
    for sentence in gold:
        wanted = str(sentence["text"])
        found = text.find(wanted, cursor)
        if found < 0:
            print(f"  {path.stem}: gold sentence not in text: {wanted[:60]!r}", file=sys.stderr)
            continue
        cursor = found + len(wanted)
        span = (found + len(wanted) - len(wanted.lstrip()), found + len(wanted.rstrip()))
        gold_spans.append(span)
        expected_flag = bool(sentence.get("boilerplate", False))
        flag = flag_at.get(span, is_boilerplate(wanted))
        tally.flags += 1
        tally.flags_right += flag == expected_flag
        if verbose and flag != expected_flag:
            print(f"  {path.stem}: boilerplate should be {expected_flag}: {wanted[:70]!r}")
    predicted = set(flag_at)
    expected = set(gold_spans)
    tally.predicted = len(predicted)
    tally.gold = len(expected)
    tally.correct = len(predicted & expected)
    if verbose:
        for start, end in sorted(expected - predicted):
            print(f"  {path.stem}: missed  {text[start:end][:90]!r}")
        for start, end in sorted(predicted - expected):
            print(f"  {path.stem}: extra   {text[start:end][:90]!r}")
    return tally


def measure_story(folder: Path, verbose: bool) -> Tally:
    gold_path = folder / "gold.json"
    articles: dict[str, dict[str, list[dict[str, object]]]]
    articles = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    print(f"\n{folder}")
    print(HEADER)
    total = Tally()
    for name in sorted(articles):
        path = folder / f"{name}.md"
        if not path.is_file():
            print(f"  {name}: no {path.name} beside gold.json", file=sys.stderr)
            continue
        tally = measure_article(path, articles[name]["sentences"], verbose)
        print(tally.row(name))
        total.add(tally)
    print(total.row("story"))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*", type=Path, help="more story folders")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the differences")
    args = parser.parse_args(argv)
    folders = [SAMPLE, *args.stories]
    for folder in folders:
        if not (folder / "gold.json").is_file():
            print(f"segmentation_accuracy: no gold.json in {folder}", file=sys.stderr)
            return 2
    overall = Tally()
    for folder in folders:
        overall.add(measure_story(folder, args.verbose))
    if len(folders) > 1:
        print()
        print(HEADER)
        print(overall.row("overall"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
