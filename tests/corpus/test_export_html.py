"""The HTML export, parsed: sentence ids and links, matrix, provenance tree, highlights, and a
page that loads nothing and runs no article text."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from html.parser import HTMLParser

from corpus.comparison import Comparison
from corpus.export import render
from corpus.export_html import COLOURS, slugs
from corpus.kinds import MARKS
from tests.corpus.export_fixtures import (
    PAYLOADS,
    hostile,
    hostile_highlights,
    sample,
    sample_highlights,
)

URL_ATTRS = {"src", "href", "action", "formaction", "srcset", "poster", "data", "background"}


class Page(HTMLParser):
    """What the tests look at: elements by id, links, matrix cells, tree nesting, text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: dict[str, dict[str, str]] = {}
        self.cp_links: dict[str, list[str]] = defaultdict(list)
        self.matrix_rows: list[int] = []
        self.tree_edges: set[tuple[str, str]] = set()
        self.text: list[str] = []
        self.deleted: list[str] = []
        self.everything: list[str] = []
        self.raw: dict[str, str] = {"script": "", "style": ""}
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._in_cps: str | None = None
        self._in_matrix = self._in_tbody = False
        self._li: list[str | None] = []
        self._in_tree = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids[a["id"]] = {"tag": tag, **a}
        if tag == "sup" and "cps" in a.get("class", ""):
            self._in_cps = a["data-for"]
        if tag == "a" and self._in_cps:
            self.cp_links[self._in_cps].append(a["href"])
        if tag == "table" and "matrix" in a.get("class", ""):
            self._in_matrix = True
        if tag == "tbody" and self._in_matrix:
            self._in_tbody = True
        if tag == "tr" and self._in_tbody:
            self.matrix_rows.append(0)
        if tag == "td" and self._in_tbody:
            self.matrix_rows[-1] += 1
        if tag == "ul" and ("tree" in a.get("class", "") or self._in_tree):
            self._in_tree += 1
        if tag == "li" and self._in_tree:
            self._li.append(None)
        if tag == "a" and self._in_tree and self._li and self._li[-1] is None:
            self._li[-1] = a["href"]
            parents = [x for x in self._li[:-1] if x]
            if parents:
                self.tree_edges.add((parents[-1], a["href"]))
        if tag not in ("br", "meta"):
            self._stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup":
            self._in_cps = None
        if tag == "table":
            self._in_matrix = self._in_tbody = False
        if tag == "ul" and self._in_tree:
            self._in_tree -= 1
        if tag == "li" and self._in_tree and self._li:
            self._li.pop()
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        top = self._stack[-1][0] if self._stack else ""
        self.everything.append(data)
        if top in self.raw:
            self.raw[top] += data
        elif top == "del":
            self.deleted.append(data)
        else:
            self.text.append(data)


def sentence_id(c: Comparison, article: int, sentence: int) -> str:
    return f"s-{slugs([a.id for a in c.articles])[article]}-{sentence}"


def test_every_matched_sentence_has_an_id_linked_to_each_counterpart() -> None:
    c = sample()
    page = Page(render(c, "html"))
    expected: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    for m in c.matches:
        a, b = sentence_id(c, m.a.article, m.a.sentence), sentence_id(c, m.b.article, m.b.sentence)
        expected[a].add(b)
        expected[b].add(a)
        kinds[a].add(m.kind)
        kinds[b].add(m.kind)
    assert len(expected) > 50
    for sid, others in expected.items():
        el = page.ids[sid]
        assert set(el["data-links"].split()) == others, sid
        assert {h.lstrip("#") for h in page.cp_links[sid]} == others, sid
        shown = next(k for k in ("verbatim", "edited", "quote", "paraphrase") if k in kinds[sid])
        assert f"k-{shown}" in el["class"].split()
        assert all(o in page.ids for o in others)
    unmatched = [
        sid for sid, el in page.ids.items() if sid.startswith("s-") and sid not in expected
    ]
    assert all("data-links" not in page.ids[sid] for sid in unmatched)
    assert len(unmatched) + len(expected) == sum(len(s) for s in c.sentences)


def test_text_is_each_sentence_once_and_edited_sentences_carry_word_diffs() -> None:
    c = sample()
    html = render(c, "html")
    page = Page(html)
    text = "".join(page.text)
    for sents in c.sentences:
        for s in sents:
            assert s.text in text
    edited = [sid for sid, el in page.ids.items() if "k-edited" in el.get("class", "")]
    assert len(edited) >= 5
    tags = set()
    for sid in edited:
        chunk = html.split(f'id="{sid}"', 1)[1].split("</span><sup", 1)[0]
        found = set(re.findall(r'<(ins|del|mark class="\w+")>', chunk))
        assert found, sid
        tags |= found
    # gazette is a copy of wire: it shows words it added and words of wire it dropped
    assert {"ins", "del", 'mark class="gone"'} <= tags
    assert any(d.strip() == "late Tuesday" for d in page.deleted)


def test_legend_uses_the_readers_marks_and_colours() -> None:
    from tui.highlight import STYLES

    html = render(sample(), "html")
    for kind, style in STYLES.items():
        assert style.bgcolor is not None
        assert COLOURS[kind] == style.bgcolor.name
        assert f".k-{kind} {{ background: {COLOURS[kind]}; }}" in html
        assert f'<span class="mk">{MARKS[kind]}</span>{kind}' in html


def test_matrix_has_n_by_n_cells_with_coverage() -> None:
    c = sample()
    html = render(c, "html")
    page = Page(html)
    n = len(c.articles)
    assert page.matrix_rows == [n] * n
    ids = [a.id for a in c.articles]
    courier = ids.index("courier")
    assert c.shared_share(courier) == 1.0
    # every courier sentence is matched in wire: 100% in its row, wire's column
    assert "100% of courier’s text found in wire" in html


def test_provenance_tree_nests_each_derived_article_under_its_source() -> None:
    c = sample()
    page = Page(render(c, "html"))
    slug = slugs([a.id for a in c.articles])
    want = {
        (f"#a-{slug[r.source]}", f"#a-{slug[r.derived]}")
        for r in c.provenance.relations
        if r.kind != "shared-quotes"
    }
    assert want and page.tree_edges == want


def test_highlights_listed_with_notes_and_marked_in_the_text() -> None:
    c = sample()
    hs = sample_highlights()
    page = Page(render(c, "html", highlights=hs))
    text = "".join(page.text)
    assert "check this figure" in text and "only the blog says this" in text
    marked = [sid for sid, el in page.ids.items() if "user" in el.get("class", "").split()]
    assert len(marked) == 2
    assert 'id="highlights"' not in render(c, "html")


def test_page_loads_nothing() -> None:
    html = render(sample(), "html", highlights=sample_highlights(), unique=True)
    page = Page(html)
    tags = [t for t, _ in page.tags]
    assert tags.count("script") == 1 and tags.count("style") == 1
    for bad in ("link", "img", "iframe", "object", "embed", "base", "form", "svg", "video"):
        assert bad not in tags, bad
    for tag, attrs in page.tags:
        assert not (tag == "script" and "src" in attrs)
        for key, value in attrs.items():
            assert not key.startswith("on"), (tag, key)
            if key in URL_ATTRS:
                assert value.startswith("#"), (tag, key, value)
    style = page.raw["style"]
    assert "url(" not in style and "@import" not in style
    assert not re.search(r"https?:|//", page.raw["script"].replace("/* file:", ""))
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp.startswith("default-src 'none';")
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for part in ("script", "style"):
        digest = hashlib.sha256(page.raw[part].encode()).digest()
        assert f"'sha256-{base64.b64encode(digest).decode()}'" in csp


def test_print_stylesheet() -> None:
    html = render(sample(), "html")
    css = Page(html).raw["style"]
    printed = css.split("@media print", 1)[1]
    assert ".cols { display: block; overflow: visible;" in printed
    assert "max-height: none" in printed and "print-color-adjust: exact" in printed


def test_hostile_text_ids_and_notes_are_inert() -> None:
    c = hostile()
    html = render(c, "html", highlights=hostile_highlights(), unique=True)
    assert "\x1b" not in html
    for payload in ("<script>alert", "<img src=x", "<iframe", "<b>Evil", "<b>whole"):
        assert payload not in html, payload
    page = Page(html)
    tags = [t for t, _ in page.tags]
    assert tags.count("script") == 1
    assert not {"img", "iframe"} & set(tags)
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in page.ids)
    text = "".join(page.everything)
    for payload in PAYLOADS:
        if payload != "\x1b[31m":
            assert payload in text, payload
    assert "=1+1 <script>alert(7)</script>" in text
    assert "<b>Evil</b> Times" in text and "the <b>whole</b> plan" in text
    assert "javascript:alert(6)" in text  # the article URL: shown, never a link
    assert ("a", {"href": "javascript:alert(6)"}) not in page.tags


def test_pair_scope_shows_two_columns() -> None:
    c = sample()
    ids = [a.id for a in c.articles]
    page = Page(render(c, "html", pair=(ids.index("wire"), ids.index("blog"))))
    cols = [a["id"] for t, a in page.tags if t == "article"]
    assert cols == ["a-blog", "a-wire"]
    assert page.matrix_rows == [2, 2]


def test_slugs_are_safe_and_unique() -> None:
    assert slugs(["wire", "a b", "a-b", "", '"><x>', "wire"]) == [
        "wire",
        "a-b",
        "a-b-3",
        "article",
        "x",
        "wire-6",
    ]
    for s in slugs(["Ελλάδα", "../../etc", "x" * 80]):
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,40}", s)
