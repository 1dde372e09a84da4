"""The export dispatcher: formats, scopes, unchanged text/JSON, errors fit to show, the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.errors import BriefreadError
from corpus.export import FORMATS, render
from corpus.export_json import to_json
from corpus.export_text import to_text
from tests.corpus.export_fixtures import hostile, sample, sample_highlights

ROOT = Path(__file__).resolve().parents[2]


def test_text_and_json_unchanged_for_a_story() -> None:
    c = sample()
    assert render(c, "text") == to_text(c)
    assert render(c, "json") == to_json(c)


def test_every_format_renders_every_scope() -> None:
    c = sample()
    hs = sample_highlights()
    for fmt in FORMATS:
        for kwargs in (
            {},
            {"pair": (0, 6)},
            {"scope": "highlights", "highlights": hs},
            {"highlights": hs, "unique": True},
        ):
            out = render(c, fmt, **kwargs)  # type: ignore[arg-type]
            assert out.endswith("\n") and len(out) > 200, (fmt, kwargs)


def test_scoped_json_is_narrowed_and_carries_highlights() -> None:
    c = sample()
    data = json.loads(render(c, "json", pair=(6, 4)))
    assert data["scope"] == "pair"
    assert [a["id"] for a in data["articles"]] == ["gazette", "wire"]
    assert len(data["matches"]) == sum(1 for m in c.matches if {m.a.article, m.b.article} == {4, 6})
    assert [(r["source"], r["derived"]) for r in data["relations"]] == [("wire", "gazette")]
    data = json.loads(render(c, "json", scope="highlights", highlights=sample_highlights()))
    assert [h["note"] for h in data["highlights"]] == [
        "only the blog says this",
        "check this figure",
    ]


def test_text_highlights_and_unique_sections() -> None:
    out = render(sample(), "text", highlights=sample_highlights(), unique=True)
    assert "Your highlights" in out and "note: check this figure" in out
    assert "Found only here" in out


def test_text_export_drops_terminal_escapes() -> None:
    out = render(hostile(), "text")
    assert "\x1b" not in out and "<b>Evil</b> Times" in out


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pair": (0, 0)}, "two different articles"),
        ({"pair": (0, 99)}, "two different articles"),
        ({"scope": "pair"}, "needs two articles"),
        ({"scope": "highlights"}, "no highlights to export"),
        ({"scope": "everything"}, "unknown export scope"),
    ],
)
def test_bad_scope_is_a_user_message(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(BriefreadError, match=message):
        render(sample(), "md", **kwargs)  # type: ignore[arg-type]


def test_unknown_format() -> None:
    with pytest.raises(BriefreadError, match="unknown export format 'pdf'"):
        render(sample(), "pdf")


def test_cli_writes_each_format(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BRIEFREAD_DATA_DIR": str(tmp_path / "data"),
        "BRIEFREAD_CONFIG_DIR": str(tmp_path / "config"),
    }
    for fmt in ("md", "csv", "html"):
        target = tmp_path / f"out.{fmt}"
        run = subprocess.run(
            [sys.executable, "-m", "tui.cli", "compare", "--format", fmt, "-o", str(target)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert run.stderr.strip() == f"briefread: wrote {target}"
        body = target.read_text(encoding="utf-8")
        if fmt == "md":
            assert body.startswith("# briefread comparison")
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(body, newline="")))
            assert rows[0][0] == "a_article" and len(rows) > 100
        else:
            assert body.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in body


def test_json_match_lines_are_exactly_what_the_encoder_writes() -> None:
    # match lines are written from pieces encoded once: each must be the encoder's own text
    # for that match's data, whatever the article ids hold
    import dataclasses

    from corpus.export_json import _flat, comparison_data

    c = sample()
    odd = ['quote " back\\slash', "caf\u00e9 \u2028 line", "tab\there", "\x01 control"]
    arts = tuple(
        dataclasses.replace(a, id=f"{odd[k % len(odd)]} {k}") for k, a in enumerate(c.articles)
    )
    c = dataclasses.replace(c, articles=arts)
    assert any(m.kind == "edited" for m in c.matches)
    text = to_json(c)
    lines = [line.strip().rstrip(",") for line in text.split("\n")]
    written = [line for line in lines if line.startswith('{"a": {"article"')]
    assert written == [_flat(m) for m in comparison_data(c)["matches"]]


def test_json_is_the_data_with_one_sentence_or_match_a_line() -> None:
    from corpus.export_json import comparison_data

    c = sample()
    text = to_json(c)
    assert json.loads(text) == json.loads(json.dumps(comparison_data(c)))
    lines = text.splitlines()
    assert sum(1 for line in lines if line.lstrip().startswith('{"a": {"article"')) == len(
        c.matches
    )
    sentences = sum(len(s) for s in c.sentences)
    assert sum(1 for line in lines if line.lstrip().startswith('{"index": ')) == sentences
    assert lines[0] == "{" and lines[1] == '  "schema": 1,'
