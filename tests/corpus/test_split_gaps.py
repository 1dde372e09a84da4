"""Sentences split or merged by a rewrite, and gaps a translation leaves without anchors."""

from corpus.article import Article
from corpus.comparison import compare
from corpus.features import sentence_features, story_weights
from corpus.gaps import fill_gaps
from corpus.match import Match, SentenceRef
from corpus.matching import _through_copies
from corpus.settings import Settings
from corpus.split import joined, split_matches


def _doc(*sentences: str) -> list:  # type: ignore[type-arg]
    return [sentence_features(s, "en") for s in sentences]


SOURCE = _doc(
    "The ferry line to Orsk Island will stop running on June 30 after 61 years.",
    "Harbour Lines says the two boats cost 4.2 million krona a year to run, while "
    "ticket sales bring in only 1.1 million.",
    "Islanders will get a subsidised water taxi instead.",
)
REWRITE = _doc(
    "After 61 years, the Orsk Island ferry will make its last crossing on June 30.",
    "Running the two boats costs Harbour Lines 4.2 million krona each year.",
    "Tickets bring in just 1.1 million krona.",
    "A subsidised water taxi will replace it for islanders.",
)


def _refs(matches: list[Match]) -> set[tuple[int, int, int, int]]:
    return {(m.a.article, m.a.sentence, m.b.article, m.b.sentence) for m in matches}


def test_joined_reads_two_sentences_as_one() -> None:
    a, b = REWRITE[1], REWRITE[2]
    j = joined(a, b)
    assert j.words == a.words + b.words
    assert j.numbers == a.numbers | b.numbers
    assert j.content == a.content + b.content


def test_a_sentence_split_in_two_matches_both_halves() -> None:
    docs = [SOURCE, REWRITE]
    weights = story_weights(f for d in docs for f in d)
    lede = [
        Match(SentenceRef(0, 0), SentenceRef(1, 0), 0.6, "paraphrase"),
        Match(SentenceRef(0, 2), SentenceRef(1, 3), 0.5, "paraphrase"),
    ]
    found = split_matches(lede, [(0, 1)], docs, weights, Settings())
    assert _refs(found) == {(0, 1, 1, 1), (0, 1, 1, 2)}
    assert all(m.kind == "paraphrase" and m.score >= Settings().joined_min for m in found)


def test_no_split_between_unrelated_articles_or_onto_matched_sentences() -> None:
    docs = [SOURCE, REWRITE]
    weights = story_weights(f for d in docs for f in d)
    assert split_matches([], [], docs, weights, Settings()) == []
    # The second half already matches another sentence of the source: not a half of this one.
    taken = [Match(SentenceRef(0, 0), SentenceRef(1, 2), 0.5, "paraphrase")]
    assert split_matches(taken, [(0, 1)], docs, weights, Settings()) == []


def test_a_half_copied_from_another_sentence_is_not_taken() -> None:
    """The whole already has a weak partner, the second half: the run around it is tried, and
    taken only while its first half has no partner of its own (here, a copy of the lede)."""
    docs = [SOURCE, REWRITE]
    weights = story_weights(f for d in docs for f in d)
    weak = Match(SentenceRef(0, 1), SentenceRef(1, 2), 0.3, "paraphrase")
    found = split_matches([weak], [(0, 1)], docs, weights, Settings())
    assert _refs(found) == {(0, 1, 1, 1)}  # the second half was matched already
    for kind, score in (("verbatim", 0.95), ("edited", 0.8), ("paraphrase", 0.3)):
        copy = Match(SentenceRef(0, 0), SentenceRef(1, 1), score, kind)
        assert split_matches([copy, weak], [(0, 1)], docs, weights, Settings()) == [], kind


def test_two_halves_of_one_sentence_do_not_imply_each_other() -> None:
    whole = SentenceRef(0, 1)
    halves = [
        Match(whole, SentenceRef(1, 1), 0.4, "paraphrase"),  # first half, in one rewrite
        Match(whole, SentenceRef(2, 4), 0.4, "paraphrase"),  # second half, in another
        Match(whole, SentenceRef(3, 1), 0.9, "verbatim"),
    ]
    partial = {(m.a, m.b) for m in halves[:2]}
    implied = _refs(_through_copies(halves, partial))
    # A verbatim copy of the whole carries both halves; the halves say nothing of each other.
    assert implied == {(1, 1, 3, 1), (2, 4, 3, 1)}
    assert (1, 1, 2, 4) in _refs(_through_copies(halves, set()))  # as full paraphrases they would


def _aligned(*pairs: tuple[int, int]) -> list[Match]:
    return [Match(SentenceRef(0, x), SentenceRef(1, y), 0.6, "paraphrase") for x, y in pairs]


def test_a_gap_of_the_same_size_on_both_sides_is_filled() -> None:
    left = _doc(*(f"Sentence number {n} of the English report, of some length." for n in range(8)))
    right = _doc(
        *(f"Frase número {n} del informe en español, de cierta longitud." for n in range(8))
    )
    aligned = _aligned((0, 0), (1, 1), (3, 3), (4, 4), (7, 6))
    filled = fill_gaps(aligned, [left, right], aligned)
    # (2, 2) lies between aligned neighbours on both sides; 5-6 against 5 is uneven: left alone.
    assert _refs(filled) == {(0, 2, 1, 2)}
    assert filled[0].score == 0.6


def test_gaps_need_enough_alignment_and_similar_lengths() -> None:
    left = _doc("One short line here.", "Two short.", "A very much longer sentence " * 6, "Four.")
    right = _doc("Una línea corta aquí.", "Dos cortas.", "Tres breve.", "Cuatro.")
    assert fill_gaps(_aligned((0, 0), (3, 3)), [left, right], []) == []  # two pairs: too few
    aligned = _aligned((0, 0), (1, 1), (3, 3))
    assert fill_gaps(aligned, [left, right], aligned) == []  # 2 against 2: lengths differ


def test_no_gaps_between_reports_that_only_share_a_few_facts() -> None:
    """Three aligned sentences of twelve: two reports of the same facts, not a translation."""
    left = _doc(*(f"Sentence number {n} of the English report, of some length." for n in range(12)))
    right = _doc(
        *(f"Frase número {n} del informe en español, de cierta longitud." for n in range(12))
    )
    aligned = _aligned((0, 0), (2, 2), (4, 4))
    assert fill_gaps(aligned, [left, right], aligned) == []
    aligned = _aligned((0, 0), (2, 2), (4, 4), (5, 5), (6, 6), (8, 8))
    assert _refs(fill_gaps(aligned, [left, right], aligned)) == {
        (0, 1, 1, 1),
        (0, 3, 1, 3),
        (0, 7, 1, 7),
    }


ENGLISH = (
    "VELLMAR, May 4 (HWS) — The Vellmar city council voted 9-2 on Monday to close the Ostra "
    "coal plant by 2031, two years earlier than planned. "
    "The plant employs 410 people and supplies about 18% of the region's electricity. "
    "“We owe it to our children to act now.” "
    "Mayor Ilse Brandvik said 300 of the workers would be retrained by Nordhavn Energi. "
    "The utility will invest 2.3 billion krona in wind farms near Skarra. "
    "The two councillors who voted against, Per Osk and Lena Tvede, said the timetable was "
    "too tight."
)
SPANISH = (
    "VELLMAR, 4 de mayo (HWS) — El consejo municipal de Vellmar votó 9-2 el lunes cerrar la "
    "central de carbón de Ostra en 2031, dos años antes de lo previsto. "
    "La central emplea a 410 personas y suministra alrededor del 18% de la electricidad de la "
    "región. "
    "«Se lo debemos a nuestros hijos: hay que actuar ya». "
    "La alcaldesa Ilse Brandvik dijo que Nordhavn Energi reciclaría a 300 de los trabajadores. "
    "La empresa invertirá 2.300 millones de coronas en parques eólicos cerca de Skarra. "
    "Los dos concejales que votaron en contra, Per Osk y Lena Tvede, dijeron que el calendario "
    "era demasiado ajustado."
)


def test_a_translated_quote_without_anchors_is_matched_by_its_place() -> None:
    arts = [
        Article(source="en.md", id="wire", outlet="Wire", text=ENGLISH, language="en"),
        Article(source="es.md", id="diario", outlet="Diario", text=SPANISH, language="es"),
    ]
    c = compare(arts)
    pairs = {(m.a.sentence, m.b.sentence) for m in c.matches}
    assert (2, 2) in pairs  # the quote, between aligned sentences
    assert {(0, 0), (1, 1), (3, 3), (4, 4)} <= pairs


def test_every_pair_is_reported_once_in_order() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    from corpus.load import load_sources

    for folder in (root / "corpus/sample", root / "tests/data/story_heldout2"):
        files = sorted(str(p) for p in folder.glob("*.md"))
        c = compare(load_sources(files, warn=lambda message: None))
        keys = [(m.a, m.b) for m in c.matches]
        assert len(keys) == len(set(keys))
        assert keys == sorted(keys)  # in order of sentence pair
        assert all(m.a < m.b and m.a.article != m.b.article for m in c.matches)


def test_matches_through_copies_are_exactly_the_pairs_two_steps_apart() -> None:
    """A group of copies where some pairs did not match directly, checked against the
    definition: X matched to W, W copied (not quoted) in C, X and C in different articles and
    not matched yet."""
    import random

    rng = random.Random(7)
    refs = [SentenceRef(k % 40, k // 40) for k in range(80)]
    matches = []
    for i, a in enumerate(refs):
        for b in refs[i + 1 :]:
            if a.article != b.article and rng.random() < 0.3:
                kind = rng.choice(["verbatim", "edited", "paraphrase", "quote"])
                matches.append(Match(a, b, 0.9, kind, quoted=kind == "quote"))
    linked = {(m.a, m.b) for m in matches} | {(m.b, m.a) for m in matches}
    copy = {(m.a, m.b) for m in matches if not m.quoted} | {
        (m.b, m.a) for m in matches if not m.quoted
    }
    expected = {
        (x, c) if x < c else (c, x)
        for x, w in linked
        for w2, c in copy
        if w2 == w and c != x and c.article != x.article and (x, c) not in linked
    }
    implied = _through_copies(matches, set())
    assert {(m.a, m.b) for m in implied} == expected
    assert len(implied) == len(expected) and all(m.a < m.b for m in implied)
