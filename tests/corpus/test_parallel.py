"""Big stories are read by a pool of processes and aligned across languages in a forked one:
the comparison must be exactly the one a single process makes."""

from __future__ import annotations

import dataclasses
import math
import os
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import candidates, comparison, crosslang, forked, matching, split
from corpus.article import Article
from corpus.comparison import Comparison, compare
from corpus.crosslang import _align, _best_paths, _keys_of, align_languages, anchor_score
from corpus.export_json import to_json
from corpus.features import assemble, feature_parts, sentence_features, story_weights
from corpus.forked import Forked
from corpus.load import load_sources, sample_sources
from corpus.normalize import word_forms
from corpus.score import PairScore, Scorer
from corpus.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data"


def _story() -> list[Article]:
    """Three stories in four languages, and copies of their articles under other outlets (so
    equal sentences land in different pool processes)."""
    arts = load_sources(
        [*sample_sources(), str(DATA / "story_heldout"), str(DATA / "story_heldout2")],
        warn=lambda message: None,
    )
    copies = [
        dataclasses.replace(a, source=f"copy-{k}", id=f"copy-{k}", outlet=f"Copy Desk {k % 3}")
        for k, a in enumerate(arts[::2])
    ]
    return [*arts, *copies]


def _serial(arts: list[Article]) -> Comparison:
    return compare(arts)  # far below the size where a pool starts


def _pooled(arts: list[Article], monkeypatch: pytest.MonkeyPatch, method: str | None) -> Comparison:
    monkeypatch.setattr(comparison, "PARALLEL_FROM_CHARS", 0)
    monkeypatch.setattr(comparison, "_workers", lambda chars: 2)
    monkeypatch.setattr(comparison, "START_METHOD", method)
    return compare(arts)


def _same(a: Comparison, b: Comparison) -> None:
    assert a.sentences == b.sentences
    assert a.matches == b.matches
    assert a.passages == b.passages
    assert a.clusters == b.clusters
    assert a.provenance == b.provenance
    assert to_json(a) == to_json(b)


def test_story_read_by_a_pool_of_forked_processes_is_compared_as_in_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    arts = _story()
    serial = _serial(arts)
    assert serial.matches and len({a.language for a in arts}) >= 3
    started: list[object] = []
    start = comparison._align_ahead

    def spy(*args: object) -> object:
        ahead = start(*args)  # type: ignore[arg-type]
        started.append(ahead)
        return ahead

    if threading.active_count() != 1 or not comparison._may_fork():
        pytest.skip("another thread runs in this process, or not Linux: forking is not tried")
    monkeypatch.setattr(comparison, "_align_ahead", spy)
    pooled = _pooled(arts, monkeypatch, None)
    assert started and started[0] is not None  # alignment across languages went ahead
    _same(serial, pooled)


@pytest.mark.parametrize("big", [False, True], ids=["story", "big story"])
def test_alignment_across_languages_starts_once_candidate_pairs_are_scored(
    monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    """Started earlier, the forked alignment would compete for the second core with the
    candidate search and the scoring, which use it too; in a big story it starts before the
    candidate search all the same (a later fork would share more memory). The result is the
    same either way."""
    arts = _story()
    languages = [(a.language or "en")[:2].lower() for a in arts]
    _, docs = comparison._read(arts, languages, lambda *a: None)
    order: list[str] = []

    def spy(name: str, f: Callable[..., object]) -> Callable[..., object]:
        def called(*args: object) -> object:
            order.append(name)
            return f(*args)

        return called

    def align() -> None:
        order.append("align")
        return None  # nothing forked: aligned in turn

    monkeypatch.setattr(matching, "candidate_pairs", spy("candidates", matching.candidate_pairs))
    monkeypatch.setattr(matching, "_kept", spy("score", matching._kept))
    monkeypatch.setattr(matching, "_copies", spy("copies", matching._copies))
    if big:
        monkeypatch.setattr(matching, "ALIGN_LATER_UP_TO", 10)
    found = matching.find_matches(docs, languages, Settings(), None, align, parallel=False)
    if big:
        assert order == ["align", "candidates", "score", "copies"]
    else:
        assert order == ["candidates", "score", "align", "copies"]
    # nothing was forked: aligned in turn, translations found all the same
    assert any(languages[m.a.article] != languages[m.b.article] for m in found)


def test_an_early_alignment_is_taken_during_the_candidate_search_and_the_scoring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A finished forked process waits for its result to be read, holding its pages: in a big
    story, where alignment starts before the candidate search, it is looked for while the
    candidate search's forked process finishes and before each part of the scoring this
    process takes, not only once the scoring is done."""
    if threading.active_count() != 1 or not comparison._may_fork():
        pytest.skip("another thread runs in this process, or not Linux: forking is not tried")
    arts = _story()
    languages = [(a.language or "en")[:2].lower() for a in arts]
    _, docs = comparison._read(arts, languages, lambda *a: None)
    stage = ["before"]

    def spy(name: str, f: Callable[..., object]) -> Callable[..., object]:
        def called(*args: object) -> object:
            stage.append(name)
            try:
                return f(*args)
            finally:
                stage.append(f"after {name}")

        return called

    class Aligned:
        def __init__(self) -> None:
            self.polls: list[str] = []

        def poll(self) -> None:
            self.polls.append(stage[-1])

        def get(self) -> list[object]:
            return []

        def close(self) -> None:
            pass

    aligned = Aligned()
    monkeypatch.setattr(matching, "ALIGN_LATER_UP_TO", 10)
    monkeypatch.setattr(matching, "PARALLEL_FROM_PAIRS", 0)  # scored in parts, in turns
    monkeypatch.setattr(matching, "candidate_pairs", spy("candidates", matching.candidate_pairs))
    monkeypatch.setattr(matching, "_kept", spy("score", matching._kept))
    matching.find_matches(docs, languages, Settings(), None, lambda: aligned, parallel=True)
    assert "candidates" in aligned.polls
    assert aligned.polls.count("score") >= 2  # before each part this process took


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_story_read_by_processes_started_afresh_is_compared_as_in_one(
    monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    arts = _story()
    _same(_serial(arts), _pooled(arts, monkeypatch, method))


def test_pool_reading_gives_each_distinct_sentence_one_features_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    arts = _story()
    languages = [(a.language or "en")[:2].lower() for a in arts]
    serial_sents, serial_docs = comparison._read(arts, languages, lambda *a: None)
    sents, docs = comparison._read_in_pool(arts, languages, 2, lambda *a: None)
    assert sents == serial_sents
    assert docs == serial_docs
    by_text: dict[tuple[str, str], int] = {}
    for k, (doc, ss) in enumerate(zip(docs, sents, strict=True)):
        for f, s in zip(doc, ss, strict=True):
            if f is not None and not any(q for q in f.quote_words):
                assert by_text.setdefault((s.text, languages[k]), id(f)) == id(f)
    # the sets iterate in the same order too (sums over them add in that order)
    for doc, serial_doc in zip(docs, serial_docs, strict=True):
        for f, g in zip(doc, serial_doc, strict=True):
            if f is not None and g is not None:
                assert list(f.names) == list(g.names) and list(f.numbers) == list(g.numbers)


def test_compare_from_a_worker_thread_uses_a_fork_server(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = _story()
    serial = _serial(arts)
    monkeypatch.setattr(comparison, "PARALLEL_FROM_CHARS", 0)
    monkeypatch.setattr(comparison, "_workers", lambda chars: 2)
    methods: list[str] = []
    real = comparison._threaded_start

    def spy() -> str:
        methods.append(real())
        return methods[-1]

    monkeypatch.setattr(comparison, "_threaded_start", spy)
    out: list[Comparison] = []
    worker = threading.Thread(target=lambda: out.append(compare(arts)))
    worker.start()
    worker.join(120)
    assert methods == ["forkserver"]
    _same(serial, out[0])


class _ScreenStream:
    """What a terminal app puts in place of sys.stderr: writable, but no file descriptor."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


def test_compare_in_a_terminal_app_without_real_streams_reads_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reader (Textual) replaces sys.stderr; a fork server handed its -1 descriptor fails
    with "bad value(s) in fds_to_keep", so the story is read in this process instead."""
    arts = _story()
    serial = _serial(arts)
    monkeypatch.setattr(comparison, "PARALLEL_FROM_CHARS", 0)
    monkeypatch.setattr(comparison, "_workers", lambda chars: 2)
    methods: list[str] = []
    monkeypatch.setattr(comparison, "_threaded_start", lambda: methods.append("x") or "forkserver")
    monkeypatch.setattr("sys.stderr", _ScreenStream())
    out: list[Comparison] = []
    worker = threading.Thread(target=lambda: out.append(compare(arts)))
    worker.start()
    worker.join(120)
    assert methods == []
    _same(serial, out[0])


def test_features_built_from_parts_are_the_features() -> None:
    text = "“We never wanted this,” said Dolores Quint of Carrow-Valley Rail, citing 1,400 jobs."
    spans = [(1, 24)]
    for language in ("en", "es", "de"):
        whole = sentence_features(text, language, spans)
        built = assemble(feature_parts(text, language, spans))
        assert built == whole
        assert list(built.names) == list(whole.names)
    assert sentence_features(text, "en").frame_words == sentence_features(text, "en").words


def test_number_forms_depend_on_the_language_whichever_is_read_first() -> None:
    assert word_forms("Sold 1.200 tonnes", "es") == ["sold", "1200", "tonnes"]
    assert word_forms("Sold 1.200 tonnes", "en") == ["sold", "1.2", "tonnes"]
    assert word_forms("Sold 1.200 tonnes", "es") == ["sold", "1200", "tonnes"]
    assert word_forms("the colour of 1.2 billion dollars", "en") == [
        "the",
        "color",
        "of",
        "1200000000",
    ]


def _textbook(sim: list[list[float]], floor: float) -> list[list[float]]:
    rows, cols = len(sim), len(sim[0]) if sim else 0
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            s = sim[i - 1][j - 1]
            take = best[i - 1][j - 1] + s if s >= floor else -1.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], take)
    return best


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.integers(0, 2**32 - 1),
    st.sampled_from([0.0, 0.09, 0.3]),
)
def test_alignment_table_is_the_textbook_one_to_the_last_bit(
    rows: int, cols: int, seed: int, floor: float
) -> None:
    rng = random.Random(seed)
    values = [0.0, 0.05, 0.09, 0.1, 0.2, 0.1 + 0.2, 0.3, 0.45, 0.5, 1.0]
    sim = [[rng.choice(values) for _ in range(cols)] for _ in range(rows)]
    takes = [[j for j in range(cols) if row[j] >= floor] for row in sim]
    assert _best_paths(sim, takes, cols) == _textbook(sim, floor)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 12), st.integers(2, 12), st.integers(0, 2**32 - 1))
def test_alignment_scores_are_the_weighted_overlap_of_anchors(
    rows: int, cols: int, seed: int
) -> None:
    """Alignment adds up each row's shared weight from the postings of its anchors: the same
    score, to rounding, as the rarity-weighted Dice overlap of the two sentences' anchors."""
    rng = random.Random(seed)
    pool = ["#12", "#2024", "@kestrel", "@varno", "turbi", "energ", "presi", "minis", "acuer"]
    pool += [f"w{k}" for k in range(12)]

    def sentence() -> frozenset[str]:
        return frozenset(rng.sample(pool, rng.randint(0, 6)))

    a = [sentence() for _ in range(rows)]
    b = [sentence() for _ in range(cols)]
    if rng.random() < 0.5:  # a translation: b keeps most of each sentence of a, in order
        b = [frozenset(k for k in keys if rng.random() < 0.8) for keys in a]
    found = _align(_keys_of(a), _keys_of(b), Settings())
    # anchors the other article lacks are left out first: a's names are all in b here or not
    in_a, in_b = frozenset().union(*a), frozenset().union(*b)
    ka = [frozenset(k for k in keys if k[0] != "@" or k in in_b) for keys in a]
    kb = [frozenset(k for k in keys if k[0] != "@" or k in in_a) for keys in b]
    counts = Counter(k for keys in [*ka, *kb] for k in keys)
    weight = {k: math.log(1.0 + (len(a) + len(b)) / c) for k, c in counts.items()}
    for x, y, score in found:
        assert score == pytest.approx(anchor_score(ka[x], kb[y], weight), abs=1e-12)
        assert score >= Settings().crosslang_min * 0.2
    assert [x for x, _, _ in found] == sorted({x for x, _, _ in found})  # in order, once each
    assert [y for _, y, _ in found] == sorted({y for _, y, _ in found})


def test_copies_of_one_text_are_aligned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wire story reprinted word for word aligns with a translation as the original does."""
    arts = load_sources(sample_sources(), warn=print)
    arts = [*arts, dataclasses.replace(arts[-1], id="reprint", outlet="Reprint Desk")]
    languages = [(a.language or "en")[:2].lower() for a in arts]
    _, docs = comparison._read(arts, languages, lambda *a: None)
    reprint = len(arts) - 1
    assert docs[reprint] == docs[reprint - 1]
    calls: list[int] = []
    align = crosslang._align

    def counting(*args: object) -> object:
        calls.append(1)
        return align(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(crosslang, "_align", counting)
    pairs = [(k, reprint - 1) for k in range(len(arts) - 2) if languages[k] != languages[-1]]
    assert pairs  # a translation in the sample story
    pairs += [(a, reprint) for a, _ in pairs]
    found = align_languages(docs, languages, Settings(), pairs)
    assert len(calls) == len(pairs) // 2
    original = [(m.a, m.b.sentence, m.score) for m in found if m.b.article == reprint - 1]
    copied = [(m.a, m.b.sentence, m.score) for m in found if m.b.article == reprint]
    assert original and copied == original


def test_each_pair_of_copies_is_scored_in_its_own_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pair's scores may differ in the last bits with the order of its sentences: the copies
    of a candidate pair that come in the other order (scored while the pairs are, on both
    cores) get a score made in that order, as scoring every pair of copies in turn would."""
    made: dict[int, tuple[int, int]] = {}  # each score object -> the order it was made in

    class Recording(Scorer):
        def __call__(self, x: int, y: int) -> PairScore:
            s = super().__call__(x, y)
            made[id(s)] = (x, y)
            return s

    monkeypatch.setattr(matching, "Scorer", Recording)
    arts = _story()
    languages = [(a.language or "en")[:2].lower() for a in arts]
    _, docs = comparison._read(arts, languages, lambda *a: None)
    weights = story_weights(f for doc in docs for f in doc if f is not None)
    found = candidates.candidate_pairs(docs, languages)
    kept = matching._kept(found, weights, Settings(), lambda *a: None)
    scored = matching._copies(found, kept, weights, Settings())
    distinct = {found.refs[g]: k for k, group in enumerate(found.members) for g in group}
    kept = [*((pair, r[0]) for pair, r in scored.classified.items()), *scored.weak.items()]
    orders = [made[id(s)] == (distinct[ra], distinct[rb]) for (ra, rb), s in kept]
    assert all(orders)
    reversed_copies = sum(distinct[ra] > distinct[rb] for (ra, rb), _ in kept)
    assert reversed_copies  # the story has copies in the other order


@pytest.mark.parametrize("roomy", [True, False], ids=["small process", "big process"])
def test_scoring_and_split_pass_shared_with_a_forked_process_match_as_in_one(
    monkeypatch: pytest.MonkeyPatch, roomy: bool
) -> None:
    """Candidates sharing stems, candidate pairs in turns, half the related article pairs, and
    credits and clusters go to a forked process; in a process too big for forking to be cheap
    (see :func:`corpus.forked.roomy`), the split pass and credits are done in turn."""
    if not roomy:
        monkeypatch.setattr(forked, "FORK_BELOW_MB", 0)
    assert forked.roomy() is roomy
    arts = _story()
    serial = _serial(arts)
    if threading.active_count() != 1 or not comparison._may_fork():
        pytest.skip("another thread runs in this process, or not Linux: forking is not tried")
    monkeypatch.setattr(matching, "PARALLEL_FROM_PAIRS", 0)
    monkeypatch.setattr(split, "PARALLEL_FROM_RELATED", 0)
    monkeypatch.setattr(comparison, "PARALLEL_FROM_MATCHES", 0)
    monkeypatch.setattr(candidates, "PARALLEL_FROM_SENTENCES", 0)
    jobs: list[object] = []
    start = Forked.start

    def spy(job: Callable[[], object]) -> Forked[object]:
        jobs.append(job)
        return start(job)

    monkeypatch.setattr(Forked, "start", spy)
    _same(serial, _pooled(arts, monkeypatch, None))
    # alignment across languages, stems, scoring; split pass and credits in a small process
    assert len(jobs) == (5 if roomy else 3)


def test_forked_work_is_done_here_when_the_forked_process_fails() -> None:
    if threading.active_count() != 1 or not comparison._may_fork():
        pytest.skip("another thread runs in this process, or not Linux: forking is not tried")
    here = os.getpid()

    def job() -> int:
        if os.getpid() != here:
            raise MemoryError("the forked process ran out of memory")
        return 42

    assert Forked.start(job).get() == 42
    assert Forked.start(lambda: os.getpid()).get() != here  # it does run elsewhere


def _taking_turns(fail_there: bool) -> tuple[list[int], list[int]]:
    """``in_turns`` over 24 parts; the forked process takes at least one (this process waits
    for it to before going on), and fails there if asked to. Results and who made them."""
    import multiprocessing

    here = os.getpid()
    taken = multiprocessing.get_context("fork").Event()

    def work(k: int) -> tuple[int, int]:
        if os.getpid() != here:
            taken.set()
            if fail_there:
                raise MemoryError("the forked process ran out of memory")
        elif k == 0:
            assert taken.wait(30), "the forked process took no part"
        return k * k, os.getpid()

    found = forked.in_turns(24, work)
    return [value for value, _ in found], [pid for _, pid in found]


def test_parts_taken_in_turns_with_a_forked_process_come_back_in_order() -> None:
    if threading.active_count() != 1 or not comparison._may_fork():
        pytest.skip("another thread runs in this process, or not Linux: forking is not tried")
    values, makers = _taking_turns(fail_there=False)
    assert values == [k * k for k in range(24)]
    assert len(set(makers)) == 2 and os.getpid() in makers  # both processes took parts


def test_parts_the_forked_process_took_and_failed_are_done_here() -> None:
    if threading.active_count() != 1 or not comparison._may_fork():
        pytest.skip("another thread runs in this process, or not Linux: forking is not tried")
    values, makers = _taking_turns(fail_there=True)
    assert values == [k * k for k in range(24)]
    assert set(makers) == {os.getpid()}


def test_turns_are_a_byte_each() -> None:
    with pytest.raises(ValueError, match="at most 256"):
        forked.in_turns(257, lambda k: k)


def test_forked_work_is_done_here_when_no_process_can_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing.process

    def refuse(self: object) -> None:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    here = os.getpid()
    assert Forked.start(lambda: os.getpid()).get() == here


def test_a_finished_forked_job_is_taken_early_and_its_process_ends() -> None:
    if threading.active_count() != 1 or not comparison._may_fork():
        pytest.skip("another thread runs in this process, or not Linux: forking is not tried")
    here = os.getpid()
    slow = Forked.start(lambda: time.sleep(30) or os.getpid())
    slow.poll()  # not finished: poll does not wait for it
    assert slow._process is not None and slow._process.is_alive()
    slow.close()
    quick = Forked.start(lambda: [os.getpid()] * 100_000)  # more than a pipe's buffer holds
    for _ in range(400):
        quick.poll()
        if quick._received is not None:
            break
        time.sleep(0.05)
    assert quick._received is not None
    assert quick._process is not None and not quick._process.is_alive()  # it has exited
    result = quick.get()
    assert len(result) == 100_000 and result[0] != here
    failing = Forked.start(lambda: 1 // (os.getpid() - os.getpid()) if os.getpid() != here else 7)
    for _ in range(400):
        failing.poll()
        if failing._received is not None:
            break
        time.sleep(0.05)
    assert failing.get() == 7  # it failed there: done here
