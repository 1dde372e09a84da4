"""Scale benchmark: how long ``compare`` takes and how much memory it needs, 10 to 10,000 articles.

Usage::

    .venv/bin/python benchmarks/bench_scale.py [--sizes 10 100 1000 10000] [--repeat 3]
        [--full-up-to 1000] [--sample-rows 1000] [--no-startup] [--json PATH]

For each size, a deterministic corpus (``benchmarks/synth.py``) is written as a JSON Lines export
and a fresh Python process loads and compares it ``--repeat`` times. Printed per size: wall time per
stage (load, segment, index, score, relate — read from the ``progress`` callback, so "score" runs
from the first scored pair to the start of relating articles and includes accepting matches,
cross-language alignment and matches through copies; "relate" also builds passages and clusters),
the end-to-end median, then ``briefread compare PATH -o OUT`` run as a user runs it (process
start to exit, empty data folder so nothing is cached, the summary written to a file, modules
byte-compiled as an installed package's are), peak
resident memory (``ru_maxrss`` of that process after the first run; and
the peak total PSS of it and the helper processes it forks, sampled from here until its comparisons
end), candidate pairs, and recall against exhaustive scoring (``benchmarks/exhaustive.py``: every
pair where the corpus has at most ``--full-up-to`` articles, else ``--sample-rows`` sentences
against all others). The exhaustive character scoring with ``rapidfuzz.process.cdist``
(``workers=-1``) is timed in the same process as the speed baseline; where rows were sampled it is
extrapolated to all pairs and marked so. Against it: the whole comparison, its index and score
stages, and (like for like) candidate generation plus exact scoring of each distinct candidate
pair alone, in one process on one core.

Then the reader's start-up: ``briefread`` runs in a pseudo-terminal (120×40) with empty data and
config folders, so it opens the bundled sample story, and the clock stops when a word of the
first article appears in what it has written to the terminal (escape sequences stripped), and
again when the status line reports the matches. Medians of ``--repeat`` runs. Also the sample
story's ``compare`` alone: the first call in a fresh process (lazy imports included) and the
median of 20 warm calls.

The machine's load average is printed: other work on a 2-core machine slows every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

STAGES = ("load", "segment", "index", "score", "relate")


def _child(n: int, path: Path, repeat: int, full_up_to: int, sample_rows: int) -> dict[str, object]:
    """Runs in a fresh process: load and compare ``repeat`` times, then measure recall."""
    from corpus.comparison import compare
    from corpus.load import load_sources

    runs: list[dict[str, float]] = []
    peaks: dict[str, float] = {}
    comparison = None
    for r in range(repeat):
        comparison = articles = None  # the last run's are let go of first, as a new process would
        marks: list[tuple[str, float]] = []

        def progress(
            stage: str,
            done: int,
            total: int,
            marks: list[tuple[str, float]] = marks,
            first: bool = r == 0,
        ) -> None:
            if not marks or marks[-1][0] != stage:
                marks.append((stage, time.perf_counter()))
                if first:
                    peaks[_previous(marks)] = _peak_mb()

        load_average = os.getloadavg()[0]
        t0 = time.perf_counter()
        articles = load_sources([str(path)], warn=lambda message: None)
        t1 = time.perf_counter()
        if r == 0:
            peaks["load"] = _peak_mb()
        cpu0 = _cpu_seconds()
        comparison = compare(articles, progress=progress)
        t2 = time.perf_counter()
        cpu = _cpu_seconds() - cpu0
        if r == 0:
            peaks[marks[-1][0]] = _peak_mb()
        times = {"load": t1 - t0}
        if marks:
            marks[0] = (marks[0][0], t1)  # language detection and the like count as segmenting
        for (stage, start), (_, end) in zip(marks, [*marks[1:], ("end", t2)], strict=True):
            times[stage] = times.get(stage, 0.0) + end - start
        times["compare"] = t2 - t1
        times["compare_cpu"] = cpu
        times["load_average"] = load_average
        times["total"] = t2 - t0
        runs.append(times)
    print("COMPARED", flush=True)
    assert comparison is not None
    result: dict[str, object] = {
        "articles": len(comparison.articles),
        "sentences": sum(len(s) for s in comparison.sentences),
        "matches": len(comparison.matches),
        "runs": runs,
        "peak_mb": peaks,
    }
    del comparison
    result.update(_recall(path, full_up_to, sample_rows))
    return result


class _TreeMemory:
    """The largest total proportional set size (PSS: shared pages split between the processes
    sharing them) of a process and all its descendants, sampled every quarter second from
    another thread of this (not the measured) process. Forked helpers share most of their
    pages with the comparing process, so adding up their resident sizes would count those twice.
    Linux only; elsewhere it stays 0."""

    def __init__(self, pid: int) -> None:
        import threading

        self.pid = pid
        self.peak_mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(0.25):
            self.peak_mb = max(self.peak_mb, _pss_kb(self.pid) / 1024)


def _pss_kb(pid: int) -> int:
    """PSS of ``pid`` and its descendants, kB (0 for processes already gone)."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            total += next((int(x.split()[1]) for x in f if x.startswith("Pss:")), 0)
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            children = [int(x) for x in f.read().split()]
    except (OSError, ValueError):
        return total
    return total + sum(_pss_kb(child) for child in children)


def _previous(marks: list[tuple[str, float]]) -> str:
    return marks[-2][0] if len(marks) > 1 else "load"


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (the pool's), seconds."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _recall(path: Path, full_up_to: int, sample_rows: int) -> dict[str, object]:
    """Candidate pairs, and how many of the exhaustively accepted pairs they include."""
    from collections import Counter

    from exhaustive import reference

    from corpus.candidates import candidate_pairs
    from corpus.comparison import _features  # the pipeline's own steps
    from corpus.features import story_weights
    from corpus.load import load_sources
    from corpus.score import classify, score_pair
    from corpus.segment import segment
    from corpus.settings import Settings
    from corpus.stock import mark_stock_text

    settings = Settings()
    arts = load_sources([str(path)], warn=lambda message: None)
    languages = [(a.language or "en")[:2].lower() for a in arts]
    sentences = [segment(a.text, lang) for a, lang in zip(arts, languages, strict=True)]
    docs = [
        _features(a.text, s, lang) for a, s, lang in zip(arts, sentences, languages, strict=True)
    ]
    mark_stock_text(arts, sentences, docs, languages, settings)
    weights = story_weights(f for doc in docs for f in doc if f is not None)
    t0 = time.perf_counter()
    found = candidate_pairs(docs, languages)
    index_seconds = time.perf_counter() - t0
    pairs = {(a, b) for a, b, _ in found.expand(found.pairs)}
    accepted: dict[tuple[object, object], str] = {}
    kinds: dict[tuple[int, int], str | None] = {}
    score_seconds = 0.0  # scoring and classifying each distinct candidate pair, one core
    for a, b, key in found.expand(found.pairs):
        if key not in kinds:
            t0 = time.perf_counter()
            fa, fb = found.features[key[0]], found.features[key[1]]
            kinds[key] = classify(fa, fb, score_pair(fa, fb, weights, settings), settings)
            score_seconds += time.perf_counter() - t0
        kind = kinds[key]
        if kind is not None:
            accepted[(a, b)] = kind
    full = len(arts) <= full_up_to
    ref = reference(docs, languages, weights, settings, None if full else sample_rows)
    misses = sum(1 for p in accepted if ref.covers(p) and p not in ref.kinds)  # type: ignore[arg-type]
    total = Counter(ref.kinds.values())
    found_kinds = Counter(k for p, k in ref.kinds.items() if p in pairs)
    same_language_pairs = _same_language_pairs(docs, languages)
    baseline = ref.cdist_seconds * (same_language_pairs / max(1, ref.pairs_seen))
    return {
        "candidate_pairs": len(pairs),
        "distinct_pairs": len(found.pairs),
        "caps": found.caps,
        "index_seconds_alone": index_seconds,
        "score_seconds_alone": score_seconds,
        "recall": {k: (found_kinds[k], total[k]) for k in sorted(total)},
        "reference_sampled": ref.sampled,
        "reference_rows": ref.rows,
        "reference_pairs": ref.pairs_seen,
        "reference_seconds": ref.seconds,
        "filter_misses": misses,
        "baseline_seconds": baseline,
        "baseline_extrapolated": ref.sampled,
        "all_pairs": same_language_pairs,
    }


def _same_language_pairs(docs: list[list[object]], languages: list[str]) -> int:
    """Sentence pairs of different articles in the same language."""
    from collections import Counter

    per_lang: Counter[str] = Counter()
    sq: Counter[str] = Counter()
    for doc, lang in zip(docs, languages, strict=True):
        k = sum(1 for f in doc if f is not None)
        per_lang[lang] += k
        sq[lang] += k * k
    return sum((per_lang[x] ** 2 - sq[x]) // 2 for x in per_lang)


def _startup(repeat: int) -> dict[str, object]:
    """Process start to first article text, and to matches reported, in a pseudo-terminal."""
    from corpus.load import load_sources, sample_sources

    first = load_sources(sample_sources(), warn=lambda m: None)[0].text
    word = max(first.split()[:12], key=len).strip(".,;:\"'“”")
    paints: list[float] = []
    ready: list[float] = []
    for _ in range(repeat):
        p, r = _one_start(word)
        paints.append(p)
        if r is not None:
            ready.append(r)
    return {
        "word": word,
        "first_text": paints,
        "matches_shown": ready,
    }


def _one_start(word: str, timeout: float = 30.0) -> tuple[float, float | None]:
    import fcntl
    import pty
    import re
    import select
    import signal
    import struct
    import termios

    ansi = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
        env["BRIEFREAD_DATA_DIR"] = str(Path(home) / "data")
        env["BRIEFREAD_CONFIG_DIR"] = str(Path(home) / "config")
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/briefread")],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        seen = b""
        painted: float | None = None
        matched: float | None = None
        try:
            while time.perf_counter() - start < timeout and matched is None:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                seen += chunk
                plain = ansi.sub(b"", seen).decode("utf-8", "replace")
                now = time.perf_counter() - start
                if painted is None and word in plain:
                    painted = now
                if painted is not None and "matched sentence pairs" in plain:
                    matched = now
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
            os.close(master)
    if painted is None:
        raise SystemExit(f"bench_scale: the reader never showed {word!r} within {timeout} s")
    return painted, matched


def _command(path: Path, repeat: int) -> list[float]:
    """``briefread compare PATH -o OUT`` end to end, as a user runs it: process start to exit,
    with empty data and config folders (nothing cached), the summary written to a file.

    An installed package is byte-compiled when installed; this checkout may not be (and
    ``PYTHONDONTWRITEBYTECODE`` may forbid it), so the modules are compiled into a temporary
    cache by an untimed run on the sample story first."""
    seconds = []
    with tempfile.TemporaryDirectory() as compiled:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = compiled
        for timed in [False] + [True] * repeat:
            with tempfile.TemporaryDirectory() as home:
                env["BRIEFREAD_DATA_DIR"] = str(Path(home) / "data")
                env["BRIEFREAD_CONFIG_DIR"] = str(Path(home) / "config")
                sources = [str(path)] if timed else []  # none: the sample story
                start = time.perf_counter()
                subprocess.run(
                    [str(ROOT / ".venv/bin/briefread"), "compare", *sources, "-o",
                     str(Path(home) / "summary.txt")],
                    env=env, check=True, capture_output=True,
                )  # fmt: skip
                if timed:
                    seconds.append(time.perf_counter() - start)
    return seconds


def _sample_compare() -> dict[str, float]:
    code = (
        "import time, statistics\n"
        "from corpus.load import load_sources, sample_sources\n"
        "from corpus.comparison import compare\n"
        "arts = load_sources(sample_sources(), warn=print)\n"
        "t = time.perf_counter(); compare(arts); cold = time.perf_counter() - t\n"
        "warm = []\n"
        "for _ in range(20):\n"
        "    t = time.perf_counter(); compare(arts); warm.append(time.perf_counter() - t)\n"
        "print(cold, statistics.median(warm))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    cold, warm = map(float, out.stdout.split())
    return {"cold": cold, "warm": warm}


def _write_corpus(n: int, folder: Path) -> Path:
    from synth import build_corpus, write_jsonl

    path = folder / f"synthetic-{n}.jsonl"
    write_jsonl(build_corpus(n)[0], path)
    return path


def _table(results: list[dict[str, object]]) -> str:
    lines = [
        "| articles | sentences | load | segment | index | score | relate | compare "
        "| `briefread compare` | CPU (all processes) | load average "
        "| peak MB (this process / all, PSS) "
        "| candidate pairs (distinct) | all pairs "
        "| recall verbatim / edited / paraphrase / quote | exhaustive cdist | speed-up "
        "| candidates + scoring alone (one core) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in results:
        runs: list[dict[str, float]] = r["runs"]  # type: ignore[assignment]
        med = {
            k: statistics.median(run.get(k, 0.0) for run in runs)
            for k in (*STAGES, "compare", "compare_cpu")
        }
        loads = [run.get("load_average", 0.0) for run in runs]
        recall: dict[str, tuple[int, int]] = r["recall"]  # type: ignore[assignment]
        rec = " / ".join(
            f"{recall[k][0] / recall[k][1]:.1%}" if k in recall and recall[k][1] else "–"
            for k in ("verbatim", "edited", "paraphrase", "quote")
        )
        sampled = " (sample)" if r["reference_sampled"] else ""
        base = float(r["baseline_seconds"])  # type: ignore[arg-type]
        approx = "≈" if r["baseline_extrapolated"] else ""
        work = med["index"] + med["score"]
        peak = max(r["peak_mb"].values())  # type: ignore[attr-defined]
        command = statistics.median(r.get("command") or [0.0])  # type: ignore[arg-type]
        alone = float(r["index_seconds_alone"]) + float(r.get("score_seconds_alone", 0.0))  # type: ignore[arg-type]
        lines.append(
            f"| {r['articles']:,} | {r['sentences']:,} | "
            + " | ".join(f"{med[k]:.2f} s" for k in STAGES)
            + f" | **{med['compare']:.2f} s** | {command:.2f} s | {med['compare_cpu']:.2f} s "
            f"| {min(loads):.1f}–{max(loads):.1f} | {peak:,.0f} / {r.get('tree_pss_mb', 0):,.0f} "
            f"| {r['candidate_pairs']:,} "
            f"({r['distinct_pairs']:,}) | {r['all_pairs']:,} | {rec}{sampled} | "
            f"{approx}{base:.1f} s | {approx}{base / work:.1f}× (index+score), "
            f"{approx}{base / med['compare']:.1f}× (compare) | {alone:.2f} s: "
            f"{approx}{base / alone:.1f}× |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10, 100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--repeat-large", type=int, default=1,
        help="runs at 10,000 articles and more (each takes a minute or two; default 1)",
    )  # fmt: skip
    parser.add_argument("--full-up-to", type=int, default=1000)
    parser.add_argument("--sample-rows", type=int, default=1000)
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--child", nargs=2, metavar=("N", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        n, path = int(args.child[0]), Path(args.child[1])
        out = _child(n, path, args.repeat, args.full_up_to, args.sample_rows)
        print("RESULT " + json.dumps(out))
        return
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            path = _write_corpus(n, Path(folder))
            repeat = args.repeat if n < 10000 else args.repeat_large
            with subprocess.Popen(
                [sys.executable, __file__, "--child", str(n), str(path), "--repeat", str(repeat),
                 "--full-up-to", str(args.full_up_to), "--sample-rows", str(args.sample_rows)],
                stdout=subprocess.PIPE, text=True,
            ) as proc:  # fmt: skip
                assert proc.stdout is not None
                sampler = _TreeMemory(proc.pid)
                lines = []
                for line in proc.stdout:
                    if line.startswith("COMPARED"):
                        sampler.stop()  # exhaustive scoring for recall comes after: not counted
                    lines.append(line)
                sampler.stop()
            if proc.returncode:
                raise SystemExit(f"{n} articles: the measuring process failed")
            line = next(x for x in lines if x.startswith("RESULT "))
            result = json.loads(line[len("RESULT ") :])
            result["tree_pss_mb"] = sampler.peak_mb
            result["command"] = _command(path, repeat)
            results.append(result)
            print(f"{n} articles done: {json.dumps(result)}", file=sys.stderr, flush=True)
    print(_table(results))
    extra: dict[str, object] = {"sample_compare": _sample_compare()}
    if not args.no_startup:
        extra["startup"] = _startup(args.repeat)
    print(json.dumps(extra, indent=1))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"sizes": results, **extra}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
