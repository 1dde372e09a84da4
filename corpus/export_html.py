"""The comparison as one self-contained HTML page: articles side by side in the reader's colours
and marks, each matched sentence linked to its counterparts, word-level changes in edited
sentences, the coverage matrix, the provenance tree, the user's highlights, a print layout.

The page loads nothing: a Content-Security-Policy forbids every load and allows only its own
inline style and script, by hash. Article text is untrusted: every piece of it goes through
:func:`html.escape` (after dropping control characters), ids and attributes are built only
from sanitised article ids and numbers, and the one script is a constant that never contains
article data; it reads sentence links from ``data-links`` attributes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from corpus import __version__
from corpus.comparison import Comparison
from corpus.diff import word_diff
from corpus.export_view import (
    View,
    changed_spans,
    coverage_matrix,
    found_elsewhere,
    percent,
    sentence_kinds,
    unique_runs,
)
from corpus.inert import inert
from corpus.kinds import COLOURS, KINDS, MARKS, PRIORITY
from corpus.match import MATCH_KIND, Match, SentenceRef
from corpus.sentence import Sentence

PRINT_COLOURS = {
    "verbatim": "#cfe9d6",
    "edited": "#f1e3b5",
    "paraphrase": "#d3e0f3",
    "quote": "#ecd5ee",
}
"""Light tints of the same hues for paper."""

STYLE = (
    """
:root { color-scheme: dark light; --bg: #15171c; --fg: #e6e6e6; --muted: #9aa0aa;
  --line: #3a3f4a; --panel: #1c1f26; --current: #ffcc33; --user: #e0a526; }
@media (prefers-color-scheme: light) {
  :root { --bg: #f7f7f5; --fg: #1b1b1b; --muted: #5d6470; --line: #c9ccd2; --panel: #ffffff;
    --current: #c77700; --user: #a86b00; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header, section { padding: 0.5rem 1rem; }
h1 { font-size: 1.3rem; margin: 0.3rem 0; }
h2 { font-size: 1.1rem; margin: 0.8rem 0 0.4rem; }
.meta, caption, .ev { color: var(--muted); font-size: 0.85rem; }
nav a { margin-right: 1rem; color: inherit; }
.legend > span { margin-right: 0.6rem; }
.key { white-space: nowrap; }
.cols { display: flex; gap: 0.75rem; overflow-x: auto; padding: 0.25rem 1rem 1rem;
  scroll-behavior: auto; }
.col { flex: 0 0 min(34rem, 88vw); max-height: 78vh; overflow-y: auto; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 0 0.9rem 0.8rem; }
.col > h2 { position: sticky; top: 0; background: var(--panel); padding: 0.5rem 0 0.2rem;
  margin: 0; border-bottom: 1px solid var(--line); }
.col h3 { font-size: 1rem; margin: 0.5rem 0 0.2rem; }
.col p { margin: 0.6rem 0; }
.s { border-radius: 3px; padding: 0 1px; scroll-margin: 3rem; }
.key { border-radius: 3px; padding: 0 3px; color: #f4f4f4; }
.key.user { color: inherit; outline: 2px dashed var(--user); }
.s[data-links] { color: #f4f4f4; cursor: pointer; -webkit-box-decoration-break: clone;
  box-decoration-break: clone; }
"""
    + "".join(f".k-{k} {{ background: {COLOURS[k]}; }}\n" for k in KINDS)
    + """
.k-verbatim { text-decoration: underline; }
.k-edited { text-decoration: underline dashed; }
.k-paraphrase, .k-quote { font-style: italic; }
.mk { font-style: normal; margin-right: 0.25em; }
.bp { opacity: 0.55; }
.s.user { outline: 2px dashed var(--user); outline-offset: 1px; }
.s.current { outline: 3px solid var(--current); outline-offset: 2px; }
.flash { animation: flash 1.2s ease-out; }
@keyframes flash { 0% { box-shadow: 0 0 0 6px var(--current); } 100% { box-shadow: none; } }
del { text-decoration: line-through 2px; opacity: 0.8; }
mark { color: inherit; background: none; text-decoration: underline wavy 1px; }
mark.gone { text-decoration: line-through 2px; opacity: 0.8; }
ins { text-decoration: none; font-weight: 700; background: rgba(255, 255, 255, 0.18);
  border-radius: 2px; }
.cps { font-size: 0.72em; margin-left: 0.2em; white-space: nowrap; }
.cps a { color: inherit; margin-right: 0.25em; }
table { border-collapse: collapse; margin: 0.3rem 0; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: right;
  font-variant-numeric: tabular-nums; }
th { text-align: left; }
td.diag { color: var(--muted); text-align: center; }
"""
    + "".join(
        f"td.h{n} {{ background: rgba(229, 110, 38, {n / 10 * 0.85:.3f}); }}\n" for n in range(11)
    )
    + """
.tree, .tree ul { list-style: none; padding-left: 1.2rem; }
.tree { padding-left: 0; }
.tree li { margin: 0.25rem 0; }
.tree ul > li::before { content: "↳ "; color: var(--muted); }
.hl li, .uq li { margin: 0.35rem 0; }
.note { font-style: italic; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #444; --line: #999; --panel: #fff; }
  body { font-size: 10.5pt; }
  nav, .cps { display: none; }
  .cols { display: block; overflow: visible; padding: 0; }
  .col { max-height: none; overflow: visible; border: none; padding: 0; margin: 0 0 1rem; }
  .col + .col { break-before: page; }
  .col > h2 { position: static; }
  .s, .key, td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .s[data-links], .key { color: #000; }
"""
    + "".join(f"  .k-{k} {{ background: {PRINT_COLOURS[k]}; }}\n" for k in KINDS)
    + """
  .s.current, .flash { outline: none; box-shadow: none; animation: none; }
  ins { background: rgba(0, 0, 0, 0.1); }
  table, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""
)

SCRIPT = """
"use strict";
(function () {
  var turn = {};
  function mark(el) {
    var old = document.querySelectorAll(".current");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("current");
    el.classList.add("current");
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }
  function reveal(el) {
    var col = el.closest(".col");
    if (!col || col.scrollHeight <= col.clientHeight) {
      el.scrollIntoView({block: "center", inline: "nearest"});
      return;
    }
    var row = col.parentElement;
    var c = col.getBoundingClientRect(), r = row.getBoundingClientRect();
    if (c.left < r.left || c.right > r.right) {
      row.scrollLeft += c.left - r.left - Math.max(0, (r.width - c.width) / 2);
    }
    var e = el.getBoundingClientRect();
    c = col.getBoundingClientRect();
    col.scrollTop += e.top - c.top - Math.max(0, (col.clientHeight - e.height) / 2);
    c = col.getBoundingClientRect();
    if (c.top < 0 || c.bottom > innerHeight) {
      window.scrollBy(0, c.top - Math.max(0, (innerHeight - c.height) / 2));
    }
  }
  function show(id) {
    var el = id ? document.getElementById(id) : null;
    if (!el) return false;
    reveal(el);
    if (el.classList.contains("s")) mark(el);
    return true;
  }
  function remember(id) {
    try { history.replaceState(null, "", "#" + id); } catch (err) { /* file: may refuse */ }
  }
  function next(el) {
    var links = (el.getAttribute("data-links") || "").split(" ").filter(Boolean);
    if (!links.length) return;
    var n = turn[el.id] || 0;
    turn[el.id] = (n + 1) % links.length;
    if (show(links[n])) remember(links[n]);
  }
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var a = t.closest("a[href^='#']");
    if (a) {
      var id = a.getAttribute("href").slice(1);
      if (show(id)) { e.preventDefault(); remember(id); }
      return;
    }
    var s = t.closest(".s[data-links]");
    if (s && String(window.getSelection()) === "") next(s);
  });
  document.addEventListener("keydown", function (e) {
    var s = document.activeElement;
    if (e.key === "Enter" && s && s.matches && s.matches(".s[data-links]")) {
      e.preventDefault();
      next(s);
    }
  });
  window.addEventListener("hashchange", function () { show(location.hash.slice(1)); });
  if (location.hash) show(location.hash.slice(1));
})();
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


CSP = (
    "default-src 'none'; "
    f"style-src '{_sha256(STYLE)}'; "
    f"script-src '{_sha256(SCRIPT)}'; "
    "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
    "frame-src 'none'; base-uri 'none'; form-action 'none'"
)
"""Nothing may load; only this page's own style and script (matched by hash) may run."""

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")


def esc(text: str) -> str:
    """Untrusted text for HTML text or a quoted attribute: inert, then fully escaped."""
    return html.escape(inert(text), quote=True)


def slugs(ids: Sequence[str]) -> list[str]:
    """Article ids made safe and unique for HTML ids: letters, digits, ``_`` and ``-`` only."""
    out: list[str] = []
    for k, raw in enumerate(ids):
        base = _UNSAFE_ID.sub("-", raw).strip("-")[:40] or "article"
        slug, n = base, k
        while slug in out:
            n += 1
            slug = f"{base}-{n}"
        out.append(slug)
    return out


def sentence_id(slug: str, sentence: int) -> str:
    """The element id of a sentence: ``s-{article}-{sentence}`` (sentence index from 0)."""
    return f"s-{slug}-{sentence}"


def to_html(view: View) -> str:
    """The whole page."""
    c = view.comparison
    ids = [a.id for a in c.articles]
    slug = slugs(ids)
    kinds = Counter(map(MATCH_KIND, c.matches))
    tally = ", ".join(f"{k} {kinds[k]}" for k in KINDS if kinds[k])
    title = next((a.title for a in c.articles if a.title), None) or "comparison"
    sections = [
        ("articles", "Articles", _articles(view, slug)),
        ("matrix", "Coverage", _matrix(c, slug)),
        ("provenance", "Provenance", _provenance(c, slug)),
    ]
    if view.highlights:
        sections.append(("highlights", "Your highlights", _highlights(view, slug)))
    if view.unique:
        sections.append(("unique", "Found only here", _unique(c, slug)))
    nav = "".join(f'<a href="#{key}">{name}</a>' for key, name, _ in sections)
    legend = "".join(
        f'<span class="key k-{k}"><span class="mk">{MARKS[k]}</span>{k}</span>' for k in PRIORITY
    )
    body = "\n".join(
        f'<section id="{key}">\n<h2>{name}</h2>\n{content}\n</section>'
        for key, name, content in sections
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="briefread {__version__}">
<title>briefread: {esc(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>briefread: {esc(title)}</h1>
<p class="meta">{len(c.articles)} articles · {len(c.matches)} matched sentence pairs\
{f" ({tally})" if tally else ""} · scope: {view.scope} · briefread {__version__}</p>
<p class="legend">{legend}<span>plain = found in no other article here</span>\
<span>in edited sentences: <del>dropped</del> and <ins>added</ins> by the \
copy (in its source: <mark class="gone">dropped</mark>), <mark class="chg">changed</mark> \
between copies</span>\
<span class="key user">✎ your highlight</span></p>
<p class="meta">Click a coloured sentence (or press Enter on it) to bring its counterpart into \
view; click again for the next one. The small links after a sentence go to each counterpart.</p>
<nav>{nav}</nav>
</header>
{body}
<script>{SCRIPT}</script>
</body>
</html>
"""


def _descends(c: Comparison, k: int, ancestor: int) -> bool:
    """Whether article ``k`` derives, directly or through others, from ``ancestor``."""
    sources = c.provenance.sources
    seen = set()
    while (p := sources[k]) is not None and k not in seen:
        if p == ancestor:
            return True
        seen.add(k)
        k = p
    return False


def _change_tag(c: Comparison, mine: int, other: int) -> str:
    """How this article's changed words read against the other's: ``ins`` (this is a copy of
    the other: show its additions and the other's dropped words), ``gone`` (the other is a
    copy of this one and dropped them) or ``chg`` (neither derives from the other)."""
    if _descends(c, mine, other):
        return "ins"
    return "gone" if _descends(c, other, mine) else "chg"


def _edited_partner(
    c: Comparison, ref: SentenceRef, links: Sequence[tuple[SentenceRef, Match]]
) -> tuple[SentenceRef, Match] | None:
    """The edited counterpart (among ``links``, the sentence's counterparts) whose word changes
    the sentence shows: one in an article it derives from, else one derived from it, else the
    best-scoring."""
    edited = [(o, m) for o, m in links if m.kind == "edited"]
    if not edited:
        return None
    return max(
        edited,
        key=lambda om: (
            _descends(c, ref.article, om[0].article),
            _descends(c, om[0].article, ref.article),
            om[1].score,
        ),
    )


def _articles(view: View, slug: Sequence[str]) -> str:
    c = view.comparison
    kinds = sentence_kinds(c)
    links: dict[SentenceRef, list[tuple[SentenceRef, Match]]] = defaultdict(list)
    for m in c.matches:
        links[m.a].append((m.b, m))
        links[m.b].append((m.a, m))
    shares = found_elsewhere(c)
    cols = []
    for k, a in enumerate(c.articles):
        role = c.provenance.roles[k]
        src = c.provenance.sources[k]
        badge = esc(role)
        if src is not None:
            badge += f' ← <a href="#a-{slug[src]}">{esc(c.articles[src].id)}</a>'
        when = (a.published or "")[:16].replace("T", " ")
        meta = " · ".join(
            x
            for x in (
                f"<b>{esc(a.id)}</b>",
                esc(when),
                esc(a.language or ""),
                badge,
                f"{percent(shares[k])} found elsewhere",
            )
            if x
        )
        paras: dict[int, list[str]] = defaultdict(list)
        for s in c.sentences[k]:
            ref = SentenceRef(k, s.index)
            paras[s.paragraph].append(
                _sentence(view, slug, ref, s, kinds.get(ref), sorted(links.get(ref, [])))
            )
        text = "\n".join(f"<p>{' '.join(parts)}</p>" for _, parts in sorted(paras.items()))
        cols.append(
            f'<article class="col" id="a-{slug[k]}">\n<h2>{esc(a.outlet or a.id)}</h2>\n'
            f'<p class="meta">{meta}</p>\n'
            + (f"<h3>{esc(a.title)}</h3>\n" if a.title else "")
            + (f'<p class="meta">{esc(a.url)}</p>\n' if a.url else "")
            + f"{text}\n</article>"
        )
    return '<div class="cols">\n' + "\n".join(cols) + "\n</div>"


def _sentence(
    view: View,
    slug: Sequence[str],
    ref: SentenceRef,
    s: Sentence,
    kind: str | None,
    links: Sequence[tuple[SentenceRef, Match]],
) -> str:
    c = view.comparison
    sid = sentence_id(slug[ref.article], ref.sentence)
    classes = ["s"]
    attrs = [f'id="{sid}"']
    if s.boilerplate:
        classes.append("bp")
    notes = view.sentence_highlights(ref)
    if notes:
        classes.append("user")
    body = esc(s.text)
    cps = ""
    if kind:
        classes.append(f"k-{kind}")
        targets = [sentence_id(slug[o.article], o.sentence) for o, _ in links]
        attrs += [f'data-links="{" ".join(targets)}"', 'tabindex="0"']
        tips = [
            f"{MARKS[m.kind]} {m.kind} {m.score:.2f} with {c.articles[o.article].id} "
            f"sentence {o.sentence + 1}"
            for o, m in links
        ]
        if kind == "edited" and (partner := _edited_partner(c, ref, links)) is not None:
            other, m = partner
            mine, theirs = changed_spans(c.sentence(m.a).text, c.sentence(m.b).text)
            tag = _change_tag(c, ref.article, other.article)
            if tag == "ins":
                body = _inline_diff(c.sentence(other).text, s.text)
            else:
                body = _marked(s.text, mine if m.a == ref else theirs, tag)
            tips.append(
                f"changed words shown against {c.articles[other.article].id} "
                f"sentence {other.sentence + 1}"
            )
        body = f'<span class="mk" aria-hidden="true">{MARKS[kind]}</span>{body}'
        cps = (
            f'<sup class="cps" data-for="{sid}">'
            + "".join(
                f'<a class="cp" href="#{t}">{esc(c.articles[o.article].id)}</a>'
                for t, (o, _) in zip(targets, links, strict=True)
            )
            + "</sup>"
        )
        attrs.append(f'title="{esc(chr(10).join(tips + [h.note for h in notes if h.note]))}"')
    elif notes:
        attrs.append(f'title="{esc(chr(10).join(h.note for h in notes if h.note))}"')
    if notes:
        body = f'<span class="mk" aria-hidden="true">✎</span>{body}'
    return f'<span class="{" ".join(classes)}" {" ".join(attrs)}>{body}</span>{cps}'


def _inline_diff(source: str, copy: str) -> str:
    """The copy's sentence, escaped, with its added words in ``<ins>`` and the source's words
    it dropped in ``<del>`` where they were. Outside ``<del>`` the text is the copy's exactly."""
    out = []
    pb = 0
    for w in word_diff(source, copy):
        dropped = esc(source[w.a_start : w.a_end])
        if w.op == "equal":
            out.append(esc(copy[pb : w.b_end]))
            pb = w.b_end
        elif w.op == "delete":
            out.append(f"<del> {dropped}</del>" if pb else f"<del>{dropped} </del>")
        else:
            out.append(esc(copy[pb : w.b_start]))
            if w.op == "replace":
                out.append(f"<del>{dropped} </del>")
            out.append(f"<ins>{esc(copy[w.b_start : w.b_end])}</ins>")
            pb = w.b_end
    out.append(esc(copy[pb:]))
    return "".join(out)


def _marked(text: str, spans: Sequence[tuple[int, int]], kind: str) -> str:
    """``text`` escaped, each span (offsets within it) in a ``<mark>`` of class ``kind``."""
    out = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{kind}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


MATRIX_MAX = 100
"""More articles than this and the matrix (N×N cells) is left out of the page."""


def _matrix(c: Comparison, slug: Sequence[str]) -> str:
    ids = [a.id for a in c.articles]
    if len(ids) > MATRIX_MAX:
        return (
            f"<p>Left out: {len(ids)} articles would make {len(ids) ** 2:,} cells. Export a "
            "pair or your highlights, or use the JSON or CSV export.</p>"
        )
    grid = coverage_matrix(c)
    head = "".join(f'<th scope="col">{esc(i)}</th>' for i in ids)
    rows = []
    for i, row in enumerate(grid):
        cells = []
        for j, share in enumerate(row):
            if share is None:
                cells.append('<td class="diag">—</td>')
                continue
            tip = esc(f"{share:.0%} of {ids[i]}’s text found in {ids[j]}")
            cells.append(f'<td class="h{round(share * 10)}" title="{tip}">{share:.0%}</td>')
        rows.append(
            f'<tr><th scope="row"><a href="#a-{slug[i]}">{esc(ids[i])}</a></th>'
            + "".join(cells)
            + "</tr>"
        )
    return (
        '<table class="matrix">\n<caption>Share of each row article’s text (boilerplate left '
        "out) found in each column article</caption>\n"
        f"<thead><tr><th></th>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
        "</table>"
    )


def _provenance(c: Comparison, slug: Sequence[str]) -> str:
    ids = [a.id for a in c.articles]
    p = c.provenance
    derived = [r for r in p.relations if r.kind != "shared-quotes"]
    children: dict[int, list[int]] = defaultdict(list)
    via = {r.derived: r for r in derived}
    for r in derived:
        children[r.source].append(r.derived)

    def item(k: int, seen: frozenset[int]) -> str:
        a = c.articles[k]
        label = f'<a href="#a-{slug[k]}">{esc(ids[k])}</a> {esc(a.outlet or "")}'
        r = via.get(k)
        if r is not None and r.source in seen:
            label += (
                f" — <b>{esc(r.kind)}</b> · {percent(r.derived_in_source)} of {esc(ids[k])} "
                f"found in {esc(ids[r.source])} · {percent(r.source_in_derived)} of "
                f"{esc(ids[r.source])} found in {esc(ids[k])}"
                f'<br><span class="ev">{esc(r.evidence)}</span>'
            )
        else:
            label += f" — {esc(p.roles[k])}"
        kids = [x for x in children.get(k, []) if x not in seen]
        inner = "".join(item(x, seen | {k}) for x in kids)
        return f"<li>{label}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>"

    roots = [k for k in range(len(ids)) if k not in via]
    trees = [k for k in roots if children.get(k)]
    alone = [k for k in roots if not children.get(k)]
    out = []
    if trees:
        out.append('<ul class="tree">' + "".join(item(k, frozenset()) for k in trees) + "</ul>")
    else:
        out.append("<p>No article here derives from another.</p>")
    if alone:
        out.append(
            "<p>On their own: "
            + ", ".join(
                f'<a href="#a-{slug[k]}">{esc(ids[k])}</a> ({esc(p.roles[k])})' for k in alone
            )
            + "</p>"
        )
    quotes = [r for r in p.relations if r.kind == "shared-quotes"]
    if quotes:
        out.append("<h3>Shared quotes</h3><ul>")
        for r in quotes:
            s, d = esc(ids[r.source]), esc(ids[r.derived])
            out.append(
                f"<li>{s} ↔ {d}: {percent(r.derived_in_source)} of {d}, "
                f'{percent(r.source_in_derived)} of {s} <span class="ev">{esc(r.evidence)}'
                "</span></li>"
            )
        out.append("</ul>")
    return "\n".join(out)


def _highlights(view: View, slug: Sequence[str]) -> str:
    c = view.comparison
    items = []
    for h in view.highlights:
        refs = view.highlighted_sentences(h)
        where = ", ".join(
            f'<a href="#{sentence_id(slug[r.article], r.sentence)}">sentence {r.sentence + 1}</a>'
            for r in refs
        )
        seen: set[SentenceRef] = set()
        found = []
        for r in refs:
            for o, m in c.counterparts(r):
                if o not in seen:
                    seen.add(o)
                    found.append(
                        f'<a href="#{sentence_id(slug[o.article], o.sentence)}">'
                        f"{MARKS[m.kind]} {esc(c.articles[o.article].id)}</a>"
                    )
        extra = " · ".join(x for x in (esc(h.tag), esc(h.created)) if x)
        items.append(
            f"<li><b>{esc(h.article)}</b> {where} “{esc(h.text)}”"
            + (f' <span class="meta">{extra}</span>' if extra else "")
            + (f'<br><span class="note">{esc(h.note)}</span>' if h.note else "")
            + (f"<br>also in: {' '.join(found)}" if found else "<br>found in no other article")
            + "</li>"
        )
    return '<ul class="hl">' + "\n".join(items) + "</ul>"


def _unique(c: Comparison, slug: Sequence[str]) -> str:
    out = ['<p class="meta">Sentences matched in no other article here, boilerplate left out.</p>']
    for k, a in enumerate(c.articles):
        runs = unique_runs(c, k)
        out.append(f"<h3>{esc(a.id)}</h3>")
        if not runs:
            out.append("<p>Nothing: every sentence is found elsewhere.</p>")
            continue
        out.append('<ul class="uq">')
        for first, last in runs:
            text = " ".join(c.sentences[k][x].text for x in range(first, last + 1))
            out.append(
                f'<li><a href="#{sentence_id(slug[k], first)}">sentence {first + 1}</a> '
                f"{esc(text)}</li>"
            )
        out.append("</ul>")
    return "\n".join(out)
