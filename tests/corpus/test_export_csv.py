"""The CSV export: one row per matched pair, exact texts and offsets, formula injection guarded."""

from __future__ import annotations

import csv
import io

from corpus.export import render
from corpus.export_csv import HEADER, cell
from tests.corpus.export_fixtures import (
    HOSTILE_ID,
    hostile,
    hostile_highlights,
    sample,
    sample_highlights,
)

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == HEADER
    return list(reader)


def unguard(value: str) -> str:
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA else value


def test_one_row_per_match_with_its_sentences() -> None:
    c = sample()
    got = rows(render(c, "csv"))
    assert len(got) == len(c.matches)
    for row, m in zip(got, c.matches, strict=True):
        for side, ref in (("a", m.a), ("b", m.b)):
            art, s = c.articles[ref.article], c.sentence(ref)
            assert row[f"{side}_article"] == art.id
            assert row[f"{side}_outlet"] == (art.outlet or "")
            assert int(row[f"{side}_sentence"]) == ref.sentence
            assert (int(row[f"{side}_start"]), int(row[f"{side}_end"])) == (s.start, s.end)
            assert unguard(row[f"{side}_text"]) == s.text
            assert art.text[s.start : s.end] == s.text
        assert row["kind"] == m.kind
        assert abs(float(row["score"]) - m.score) < 1e-4
        assert row["notes"] == ""


def test_utf8_header_first() -> None:
    text = render(sample(), "csv")
    assert text.splitlines()[0] == ",".join(HEADER)
    text.encode("utf-8")
    assert "’" in text or "«" in text  # non-ASCII kept as is, not escaped


def test_notes_of_overlapping_highlights() -> None:
    c = sample()
    hs = sample_highlights()
    got = rows(render(c, "csv", highlights=hs))
    blog = [a.id for a in c.articles].index("blog")
    hit = next(s for s in c.sentences[blog] if s.start <= hs[0].start < s.end)
    for row, m in zip(got, c.matches, strict=True):
        on = any(r.article == blog and r.sentence == hit.index for r in (m.a, m.b))
        assert (row["notes"] == "blog: check this figure") == on
    assert any(r["notes"] for r in got)


def test_pair_and_highlight_scopes() -> None:
    c = sample()
    ids = [a.id for a in c.articles]
    i, j = ids.index("wire"), ids.index("courier")
    got = rows(render(c, "csv", pair=(i, j)))
    assert len(got) == sum(1 for m in c.matches if {m.a.article, m.b.article} == {i, j})
    assert {(r["a_article"], r["b_article"]) for r in got} == {("courier", "wire")}
    got = rows(render(c, "csv", scope="highlights", highlights=sample_highlights()))
    assert got and all("blog" in (r["a_article"], r["b_article"]) for r in got)


def test_cell_guard() -> None:
    assert cell("=1+1") == "'=1+1"
    assert cell("+cmd") == "'+cmd"
    assert cell("-2") == "'-2"
    assert cell("@SUM(1)") == "'@SUM(1)"
    assert cell("\tx") == "'\tx"
    assert cell("a = b") == "a = b"
    assert cell("\x1b[31mred") == "red"


def test_hostile_cells_are_guarded_and_inert() -> None:
    c = hostile()
    text = render(c, "csv", highlights=hostile_highlights())
    assert "\x1b" not in text
    got = rows(text)
    assert len(got) == len(c.matches)
    starts = set()
    for row in got:
        for key, value in row.items():
            assert not value.startswith(FORMULA), (key, value)
            starts.add(value[:2])
    assert {"'=", "'+", "'@", "'-"} <= starts
    first = got[0]
    assert first["a_article"] == HOSTILE_ID
    assert first["a_outlet"] == "'=cmd|' /C calc'!A0"
    assert first["a_text"] == "'" + c.sentences[0][0].text
    assert first["notes"].startswith(f"{HOSTILE_ID}: =1+1 <script>")
    assert "[2J" not in first["notes"]
