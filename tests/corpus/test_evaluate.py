"""The matching evaluation on the bundled sample story: figures the matching issue relies on.

These are regression floors at the figures measured when they were written, so a change that
makes matching worse fails here; scripts/eval_matching.py prints the full table.
"""

from pathlib import Path

import pytest

from corpus.evaluate import StoryScore, score_story

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"
HELDOUT = Path(__file__).resolve().parents[1] / "data" / "story_heldout"
HELDOUT2 = Path(__file__).resolve().parents[1] / "data" / "story_heldout2"
HELDOUT3 = Path(__file__).resolve().parents[1] / "data" / "story_heldout3"
HELDOUT4 = Path(__file__).resolve().parents[1] / "data" / "story_heldout4"
HELDOUT5 = Path(__file__).resolve().parents[1] / "data" / "story_heldout5"


@pytest.fixture(scope="module")
def sample() -> StoryScore:
    return score_story(SAMPLE)


def test_sample_relations_all_right(sample: StoryScore) -> None:
    assert sample.relations_right == sample.relations_gold
    assert sample.roles_right == sample.roles_total


def test_sample_copy_kinds(sample: StoryScore) -> None:
    assert sample.group.recall >= 0.95
    assert sample.group.precision >= 0.95


def test_sample_paraphrase(sample: StoryScore) -> None:
    para = next(k for k in sample.kinds if k.kind == "paraphrase")
    assert para.recall >= 0.75
    assert para.precision >= 0.85


def test_heldout_relations_all_right() -> None:
    held = score_story(HELDOUT)
    assert held.relations_right == held.relations_gold
    assert held.group.precision >= 0.95 and held.group.recall >= 0.95
    para = next(k for k in held.kinds if k.kind == "paraphrase")
    assert para.precision >= 0.85 and para.recall >= 0.85


@pytest.fixture(scope="module")
def heldout2() -> StoryScore:
    return score_story(HELDOUT2)


def test_second_heldout_relations_all_right(heldout2: StoryScore) -> None:
    """The rail-strike story: a German translation of a copy, credited in German."""
    assert heldout2.relations_right == heldout2.relations_gold
    assert heldout2.roles_right == heldout2.roles_total


def test_second_heldout_floors(heldout2: StoryScore) -> None:
    assert heldout2.group.recall >= 0.95 and heldout2.group.precision >= 0.95
    para = next(k for k in heldout2.kinds if k.kind == "paraphrase")
    assert para.precision >= 0.95 and para.recall >= 0.8


def _meets(folder: Path, paraphrase_precision: float, paraphrase_recall: float) -> None:
    """Every relation and role right, copies and quotes at 0.95 / 0.95, paraphrase floors."""
    held = score_story(folder)
    assert held.relations_right == held.relations_gold
    assert held.roles_right == held.roles_total
    assert held.group.precision >= 0.95 and held.group.recall >= 0.95
    para = next(k for k in held.kinds if k.kind == "paraphrase")
    assert para.precision >= paraphrase_precision and para.recall >= paraphrase_recall


def test_third_heldout_floors() -> None:
    """The boil-water story, written blind (its first figures are in the README)."""
    _meets(HELDOUT3, 0.85, 0.8)


def test_fourth_heldout_floors() -> None:
    """The museum theft, written blind, with an Italian translation whose sentences share few
    anchors each (it first scored 0.418 paraphrase recall and missed the translation)."""
    _meets(HELDOUT4, 0.95, 0.85)


def test_fifth_heldout_floors() -> None:
    """The airline grounding, written blind. Its first figures (0.698 paraphrase recall, below
    the 0.75 target: an aggregator's merged and partial sentences, quotes retold in indirect
    speech, a merge in the Portuguese translation) are in the README; relations were all
    right. A six-sentence aggregator now counts as related on two matches (0.730)."""
    _meets(HELDOUT5, 0.95, 0.72)
