"""The comparison as a Markdown report: articles, relations, the user's highlights, shared
passages per article pair with word-level changes, and (optionally) what only one article says.

Article text is untrusted: it is folded to one line, stripped of control characters and every
character Markdown or HTML could act on is backslash-escaped, so it cannot add links, images,
HTML or formatting of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from corpus import __version__
from corpus.comparison import Comparison
from corpus.export_view import (
    View,
    diff_segments,
    found_elsewhere,
    one_line,
    pair_matches,
    percent,
    unique_runs,
)
from corpus.highlight import Highlight
from corpus.kinds import KINDS, MARKS
from corpus.match import MATCH_KIND, Match, SentenceRef

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~&@$^])")
_BARE_LINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")
_SCOPE_TITLES = {
    "story": "the whole story",
    "pair": "one article pair",
    "highlights": "your highlights",
}


@lru_cache(maxsize=65536)
def md_escape(text: str) -> str:
    """One line of inert text with Markdown punctuation escaped.

    Escapes every ASCII punctuation mark Markdown (CommonMark and GitHub's extensions) gives a
    meaning inside a line: emphasis, code, links, images, HTML, entities, tables,
    strikethrough, maths, footnotes, mentions and issue references, and the ``://`` and
    ``www.`` of bare URLs GitHub would link. Line-start syntax (headings, lists) cannot occur:
    the text is one line and never starts one.
    """
    return _BARE_LINK.sub(lambda m: "\\" + m.group(0), _SPECIAL.sub(r"\\\1", one_line(text)))


def _when(published: str | None) -> str:
    return (published or "")[:16].replace("T", " ") or "—"


def to_markdown(view: View) -> str:
    """The Markdown report of ``view``, ending in a newline."""
    c = view.comparison
    ids = [a.id for a in c.articles]
    kinds = Counter(map(MATCH_KIND, c.matches))
    tally = ", ".join(f"{k} {kinds[k]}" for k in KINDS if kinds[k])
    shares = found_elsewhere(c)
    out = [
        "# briefread comparison",
        "",
        f"briefread {__version__} · {_SCOPE_TITLES[view.scope]} · {len(c.articles)} articles · "
        f"{len(c.matches)} matched sentence pairs" + (f" ({tally})" if tally else ""),
        "",
        "Marks: "
        + " · ".join(f"{MARKS[k]} {k}" for k in KINDS)
        + " · in edited pairs ~~dropped~~ and **added** words",
        "",
        "## Articles",
        "",
        "| Id | Outlet | Title | Published | Language | Role | Found elsewhere |",
        "|---|---|---|---|---|---|---|",
    ]
    for k, a in enumerate(c.articles):
        role = c.provenance.roles[k]
        src = c.provenance.sources[k]
        badge = f"{role} ← {md_escape(ids[src])}" if src is not None else role
        out.append(
            f"| {md_escape(a.id)} | {md_escape(a.outlet or '—')} | {md_escape(a.title or '—')} "
            f"| {md_escape(_when(a.published))} | {md_escape(a.language or '?')} | {badge} "
            f"| {percent(shares[k])} |"
        )
    out += ["", "## Relations", ""]
    if not c.provenance.relations:
        out.append("None: no article here derives from or quotes another.")
    for r in c.provenance.relations:
        s, d = md_escape(ids[r.source]), md_escape(ids[r.derived])
        out.append(
            f"- **{s} → {d}**: {r.kind}; {percent(r.derived_in_source)} of {d} found in {s}, "
            f"{percent(r.source_in_derived)} of {s} found in {d}.  "
        )
        out.append(f"  Evidence: {md_escape(r.evidence)}")
    if view.highlights:
        out += ["", "## Your highlights", ""]
        for h in view.highlights:
            out += _highlight_lines(view, h)
    out += ["", "## Shared passages"]
    groups = pair_matches(c)
    if not groups:
        out += ["", "None."]
    for (i, j), ms in groups.items():
        left, right = md_escape(ids[i]), md_escape(ids[j])
        out += ["", f"### {left} ↔ {right}: {len(ms)} matched sentence{'s' * (len(ms) != 1)}", ""]
        for n, m in enumerate(ms, 1):
            out += _match_lines(view, n, m)
    if view.unique:
        out += ["", "## Found only here", ""]
        out.append("Sentences matched in no other article of this export, boilerplate left out.")
        for k in range(len(c.articles)):
            runs = unique_runs(c, k)
            out += ["", f"### {md_escape(ids[k])}", ""]
            if not runs:
                out.append("Nothing: every sentence is found elsewhere.")
            for first, last in runs:
                where = (
                    f"sentence {first + 1}"
                    if first == last
                    else f"sentences {first + 1}–{last + 1}"
                )
                text = " ".join(c.sentences[k][x].text for x in range(first, last + 1))
                out.append(f"- {where}: {md_escape(text)}")
    return "\n".join(out) + "\n"


def _ref(c: Comparison, r: SentenceRef) -> str:
    return f"{md_escape(c.articles[r.article].id)} sentence {r.sentence + 1}"


def _match_lines(view: View, n: int, m: Match) -> list[str]:
    c = view.comparison
    ta, tb = c.sentence(m.a).text, c.sentence(m.b).text
    lines = [
        f"{n}. {MARKS[m.kind]} **{m.kind}** · score {m.score:.2f} · {_ref(c, m.a)} ↔ "
        f"{_ref(c, m.b)}",
        f"   - **{md_escape(c.articles[m.a.article].id)}:** {md_escape(ta)}",
        f"   - **{md_escape(c.articles[m.b.article].id)}:** {md_escape(tb)}",
    ]
    if m.kind == "edited":
        lines.append(f"   - **changes:** {_diff(ta, tb)}")
    for r in (m.a, m.b):
        for h in view.sentence_highlights(r):
            note = f": {md_escape(h.note)}" if h.note else ""
            lines.append(f"   - ✎ highlighted in {md_escape(h.article)}{note}")
    return lines


@lru_cache(maxsize=4096)  # a syndicated story repeats the same edited pair many times
def _diff(a: str, b: str) -> str:
    """Sentence ``b`` with ``a``'s dropped words ~~struck~~ and its added words **bold**."""
    parts = []
    for op, text in diff_segments(a, b):
        esc = md_escape(text)
        if op == "delete":
            esc = f"~~{esc}~~"
        elif op == "insert":
            esc = f"**{esc}**"
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() and esc else ""
        parts.append(lead + esc + trail)
    return " ".join("".join(parts).split())


def _highlight_lines(view: View, h: Highlight) -> list[str]:
    c = view.comparison
    head = f"- **{md_escape(h.article)}**, characters {h.start}–{h.end}"
    if h.tag:
        head += f" \\[{md_escape(h.tag)}\\]"
    if h.created:
        head += f" · {md_escape(h.created)}"
    lines = [head + f": “{md_escape(h.text)}”"]
    if h.note:
        lines.append(f"  - note: {md_escape(h.note)}")
    seen: set[SentenceRef] = set()
    for ref in view.highlighted_sentences(h):
        for other, m in c.counterparts(ref):
            if other in seen:
                continue
            seen.add(other)
            lines.append(
                f"  - {MARKS[m.kind]} {m.kind} {m.score:.2f} in {_ref(c, other)}: "
                f"{md_escape(c.sentence(other).text)}"
            )
    if not seen:
        lines.append("  - found in no other article")
    return lines
