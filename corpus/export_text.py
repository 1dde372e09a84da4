"""A readable plain-text summary of a comparison, for the terminal."""

from __future__ import annotations

from collections import Counter

from corpus import __version__
from corpus.comparison import Comparison
from corpus.match import MATCH_KIND

KINDS = ("verbatim", "edited", "paraphrase", "quote")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_text(c: Comparison, top: int = 5) -> str:
    """Articles with outlet and role, relations with coverage both ways, most-shared passages."""
    ids = [a.id for a in c.articles]
    kinds = Counter(map(MATCH_KIND, c.matches))  # read in C: a big story has millions
    tally = ", ".join(f"{k} {kinds[k]}" for k in KINDS if kinds[k])
    lines = [
        f"briefread {__version__}: {len(c.articles)} articles, {len(c.matches)} matched "
        f"sentence pairs" + (f" ({tally})" if tally else ""),
        "",
        "Articles",
    ]
    width = max((len(i) for i in ids), default=2)
    for k, a in enumerate(c.articles):
        role = c.provenance.roles[k]
        src = c.provenance.sources[k]
        badge = f"{role} ← {ids[src]}" if src is not None else role
        date = (a.published or "")[:16].replace("T", " ")
        lines.append(
            f"  {a.id:<{width}}  {_clip(a.outlet or '-', 28):<28}  {date:<16}  "
            f"{a.language or '?':<3} {badge:<26} {c.shared_share(k):>4.0%} found elsewhere"
        )
    lines += ["", "Relations"]
    if not c.provenance.relations:
        lines.append("  none: every article is independent of the others")
    for r in c.provenance.relations:
        lines.append(
            f"  {ids[r.source]} → {ids[r.derived]}: {r.kind}; {r.derived_in_source:.0%} of "
            f"{ids[r.derived]} found in {ids[r.source]}, {r.source_in_derived:.0%} of "
            f"{ids[r.source]} found in {ids[r.derived]}"
        )
        lines.append(f"      {r.evidence}")
    lines += ["", "Most-shared passages"]
    shown = [cl for cl in c.clusters if cl.articles > 1][:top]
    if not shown:
        lines.append("  none")
    for cl in shown:
        first = cl.members[0]
        where = ", ".join(dict.fromkeys(ids[m.article] for m in cl.members))
        lines.append(f"  in {cl.articles} of {len(c.articles)} articles ({where}):")
        lines.append(f"      “{_clip(c.sentence(first).text, 110)}”")
    return "\n".join(lines) + "\n"
