"""The Markdown report: relations, shared passages with diffs, highlights, unique passages, and
article text that cannot become links, images, HTML or terminal escapes."""

from __future__ import annotations

import html
import re

import pytest

from corpus.article import Article
from corpus.comparison import compare
from corpus.export import render
from corpus.export_md import md_escape
from corpus.match import SentenceRef
from tests.corpus.export_fixtures import (
    HOSTILE_TEXT,
    PAYLOADS,
    hostile,
    hostile_highlights,
    sample,
    sample_highlights,
)

markdown_it = pytest.importorskip("markdown_it")


def to_html(md: str) -> str:
    """Markdown rendered as GitHub would: tables, strikethrough, bare links."""
    return markdown_it.MarkdownIt("gfm-like").render(md)


def test_every_relation_is_stated_with_kind_coverage_and_evidence() -> None:
    c = sample()
    md = render(c, "md")
    ids = [a.id for a in c.articles]
    assert c.provenance.relations
    for r in c.provenance.relations:
        s, d = ids[r.source], ids[r.derived]
        line = next(x for x in md.splitlines() if x.startswith(f"- **{s} → {d}**: "))
        assert f": {r.kind}; {r.derived_in_source:.0%} of {d} found in {s}" in line
        assert f"{r.source_in_derived:.0%} of {s} found in {d}" in line
        evidence = md.splitlines()[md.splitlines().index(line) + 1]
        assert evidence.startswith("  Evidence: ")
        assert evidence.split("Evidence: ")[1].replace("\\", "") == r.evidence


def test_each_matched_pair_is_listed_once_under_its_article_pair() -> None:
    c = sample()
    md = render(c, "md")
    ids = [a.id for a in c.articles]
    pairs = {(m.a.article, m.b.article) for m in c.matches}
    for i, j in pairs:
        n = sum(1 for m in c.matches if (m.a.article, m.b.article) == (i, j))
        assert f"### {ids[i]} ↔ {ids[j]}: {n} matched sentence" in md
    items = re.findall(r"^\d+\. (\S) \*\*(\w+)\*\* · score (\d\.\d\d) · ", md, re.M)
    assert len(items) == len(c.matches)
    assert sorted(k for _, k, _ in items) == sorted(m.kind for m in c.matches)


def test_edited_pairs_show_dropped_and_added_words() -> None:
    a = Article(
        source="a.txt",
        id="a",
        text="The harbour council approved the big tidal plan on Tuesday night after a long "
        "debate about porpoises. Fishermen from Gannet Point protested outside the hall.",
    )
    b = Article(
        source="b.txt",
        id="b",
        text="The harbour council approved the large tidal plan on Tuesday after a long debate "
        "about porpoises. Fishermen from Gannet Point protested outside the hall.",
    )
    md = render(compare([a, b]), "md")
    changes = next(x for x in md.splitlines() if "**changes:**" in x)
    assert "the ~~big~~ **large** tidal plan on Tuesday ~~night~~ after" in changes
    html = to_html(md)
    assert "<s>big</s> <strong>large</strong>" in html or "<del>big</del>" in html


def test_sample_edited_matches_all_carry_diff_marks() -> None:
    c = sample()
    md = render(c, "md")
    edited = [m for m in c.matches if m.kind == "edited"]
    assert edited
    lines = [x for x in md.splitlines() if "**changes:**" in x]
    assert len(lines) == len(edited)
    assert all("~~" in x or re.search(r"\*\*[^*]+\*\*.*\*\*[^*]+\*\*", x) for x in lines)


def test_highlights_with_notes_and_their_counterparts() -> None:
    c = sample()
    hs = sample_highlights()
    md = render(c, "md", highlights=hs)
    section = md.split("## Your highlights")[1].split("## Shared passages")[0]
    assert "  - note: check this figure" in section
    assert "  - note: only the blog says this" in section
    assert "found in no other article" in section
    assert "✎ highlighted in blog: check this figure" in md
    assert "## Your highlights" not in render(c, "md")


def test_unique_passages_only_when_asked() -> None:
    c = sample()
    ledger = next(k for k, a in enumerate(c.articles) if a.id == "ledger")
    matched = {r.sentence for m in c.matches for r in (m.a, m.b) if r.article == ledger}
    lonely = next(s for s in c.sentences[ledger] if s.index not in matched and not s.boilerplate)
    assert "## Found only here" not in render(c, "md")
    md = render(c, "md", unique=True)
    part = md.split("## Found only here")[1]
    assert md_escape(lonely.text) in part.split("### ledger")[1].split("###")[0]


def test_pair_scope_keeps_one_pair() -> None:
    c = sample()
    ids = [a.id for a in c.articles]
    wire, gazette = ids.index("wire"), ids.index("gazette")
    md = render(c, "md", pair=(wire, gazette))
    headings = re.findall(r"^### (.+?):", md, re.M)
    assert headings == ["gazette ↔ wire"]
    n = sum(1 for m in c.matches if {m.a.article, m.b.article} == {wire, gazette})
    assert len(re.findall(r"^\d+\. ", md, re.M)) == n
    assert "one article pair" in md


def test_highlight_scope_keeps_overlapping_matches() -> None:
    c = sample()
    hs = sample_highlights()[:1]
    md = render(c, "md", scope="highlights", highlights=hs)
    blog = [a.id for a in c.articles].index("blog")
    hit = next(s for s in c.sentences[blog] if s.start <= hs[0].start < s.end)
    n = sum(1 for m in c.matches for r in (m.a, m.b) if r == SentenceRef(blog, hit.index))
    assert n and len(re.findall(r"^\d+\. ", md, re.M)) == n


def test_hostile_text_is_inert() -> None:
    md = render(hostile(), "md", highlights=hostile_highlights(), unique=True)
    assert "\x1b" not in md
    for payload in PAYLOADS:
        assert payload not in md, payload
    html = to_html(md)
    for tag in ("<a ", "<img", "<script", "<iframe", "<b>"):
        assert tag not in html, tag
    # the same text unescaped would become links and HTML: the check can fail
    raw = to_html(HOSTILE_TEXT)
    assert "<a " in raw and ("<img" in raw or "<script" in raw)


def test_escaping_keeps_the_visible_text() -> None:
    for line in HOSTILE_TEXT.replace("\x1b[31m", "").replace("\x1b[0m", "").splitlines():
        if not line:
            continue
        rendered = to_html(f"- {md_escape(line)}")
        text = re.sub(r"</?(ul|li)>|\n", "", rendered)
        assert html.unescape(text) == line
