"""The command-line contract of design.md §4: formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import __version__
from tui.cli import main

KINDS = {"verbatim", "edited", "paraphrase", "quote"}
RELATION_KINDS = {"syndicated", "rewritten", "translated", "shared-quotes", "independent"}


def run(*args: str, cwd: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd or Path(__file__).resolve().parents[2],
        check=False,
    )


@pytest.fixture(scope="module")
def sample_json() -> dict:
    result = run("compare", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"briefread {__version__}"


def test_help_names_compare() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "briefread compare" in result.stdout


def test_sample_json_follows_schema_1(sample_json: dict) -> None:
    data = sample_json
    assert data["schema"] == 1 and data["briefread"] == __version__
    assert isinstance(data["settings"], dict) and data["settings"]
    ids = [a["id"] for a in data["articles"]]
    assert len(ids) == len(set(ids)) >= 6
    for a in data["articles"]:
        assert a["source"] == f"sample:{a['id']}"
        assert a["role"] in {"original", "syndicated", "rewritten", "translated", "independent"}
        for key in ("title", "outlet", "published", "language"):
            assert key in a
        for i, s in enumerate(a["sentences"]):
            assert s["index"] == i
            assert isinstance(s["boilerplate"], bool) and isinstance(s["quote"], bool)
    seen = set()
    for m in data["matches"]:
        assert m["kind"] in KINDS and 0.0 <= m["score"] <= 1.0
        assert m["a"]["article"] in ids and m["b"]["article"] in ids
        key = frozenset(
            [(m["a"]["article"], m["a"]["sentence"]), (m["b"]["article"], m["b"]["sentence"])]
        )
        assert key not in seen
        seen.add(key)
    assert {m["kind"] for m in data["matches"]} >= {"verbatim", "edited", "paraphrase"}
    edited = [m for m in data["matches"] if m["kind"] == "edited"]
    assert edited and all(m["changes"] for m in edited)
    assert any(r["kind"] in {"syndicated", "rewritten", "translated"} for r in data["relations"])
    for r in data["relations"]:
        assert r["kind"] in RELATION_KINDS and r["source"] in ids and r["derived"] in ids
        assert set(r["coverage"]) == {"derived_in_source", "source_in_derived"}
        assert r["evidence"]
    for c in data["clusters"]:
        assert len(c["members"]) >= 2


def test_sentence_text_is_the_slice_of_the_article_text(sample_json: dict) -> None:
    from corpus.load import load_sources

    texts = {
        a.id: a.text
        for a in load_sources([a["source"] for a in sample_json["articles"]], warn=print)
    }
    for a in sample_json["articles"]:
        for s in a["sentences"]:
            assert texts[a["id"]][s["start"] : s["end"]] == s["text"]


def test_text_summary_lists_articles_and_relations() -> None:
    result = run("compare")
    assert result.returncode == 0, result.stderr
    assert "Articles" in result.stdout and "Relations" in result.stdout
    assert "Most-shared passages" in result.stdout


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "story.json"
    assert main(["compare", "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["story.json"]


def test_unreadable_source_is_skipped_with_a_warning(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("The Harlow bridge reopened on Monday after a two-year, $40 million repair.\n")
    result = run("compare", str(tmp_path / "missing.txt"), str(good))
    assert result.returncode == 0
    warning = [line for line in result.stderr.splitlines() if "missing.txt" in line]
    assert len(warning) == 1 and warning[0].startswith("briefread: warning:")


def test_no_readable_source_exits_2_without_traceback(tmp_path: Path) -> None:
    result = run("compare", str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("briefread: error:")
    assert "Traceback" not in result.stderr


def test_bad_usage_exits_2() -> None:
    result = run("compare", "--format", "pdf")
    assert result.returncode == 2
    assert result.stderr.startswith("briefread: error:") and "Traceback" not in result.stderr


def test_unwritable_output_is_one_line_error(tmp_path: Path) -> None:
    result = run("compare", "-o", str(tmp_path / "no" / "such" / "dir" / "x.txt"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot write" in result.stderr


def test_works_from_another_folder(tmp_path: Path) -> None:
    result = run("compare", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["articles"]


def test_compare_keeps_the_collector_paused_until_its_output_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comparison is a great many objects and no cycles: the first collection after it would
    walk them all for nothing (0.1 s for a thousand articles). The command keeps the collector
    paused while it stores the comparison and renders its output, and leaves it as it was."""
    import gc

    import corpus.export
    from corpus.library import Library

    paused: list[tuple[str, bool]] = []
    render, store = corpus.export.render, Library.store_comparison

    def rendering(*args: object) -> str:
        paused.append(("render", not gc.isenabled()))
        return render(*args)  # type: ignore[arg-type]

    def storing(self: Library, *args: object) -> None:
        paused.append(("store", not gc.isenabled()))
        store(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus.export, "render", rendering)
    monkeypatch.setattr(Library, "store_comparison", storing)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert main(["compare", "-o", str(tmp_path / "summary.txt")]) == 0
    assert paused == [("render", True), ("store", True)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # called from code: nothing frozen
    assert "ledger" in (tmp_path / "summary.txt").read_text(encoding="utf-8").lower()


def test_compare_run_as_the_command_leaves_its_objects_out_of_later_collections(
    tmp_path: Path,
) -> None:
    """The process ends once the output is written: the collector need never walk the
    comparison again, neither when it resumes nor at exit. (Called from code, as above, the
    command leaves the collector as it was.)"""
    probe = (
        "import gc, sys\n"
        "from tui.cli import main\n"
        f"sys.argv = ['briefread', 'compare', '-o', {str(tmp_path / 'out.txt')!r}]\n"
        "code = main()\n"
        "print(code, gc.isenabled(), gc.get_freeze_count() > 10_000)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True", "True"]
