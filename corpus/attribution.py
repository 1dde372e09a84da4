"""Where an article credits another outlet: evidence of which one is the source.

Only a credit counts, never a bare mention (a report about a company names the company all
along). Strength 3: a derivation cue ("translated from", "first appeared on", "originally
published by"); strength 2: a credit ("according to", "X reported", "(MWS)" after a dateline,
"Source: X", "X contributed to this report", "según", "selon").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.article import Article

_DERIVATION = re.compile(
    r"translated\s+from|first\s+(?:appeared|published|ran)|originally\s+(?:appeared|published|ran)"
    r"|republished|reprinted|traducido|traduit|übersetzt"
    r"|(?:publicad[oa]s?|se\s+public[óo]|apareci[óo])\s+(?:originalmente|por\s+primera\s+vez)"
    r"|publié\s+(?:à\s+l'origine|initialement)|paru\s+(?:initialement|d'abord)"
    r"|erschien\s+(?:zuerst|ursprünglich)|zuerst\s+erschienen|ursprünglich\s+(?:erschienen|veröffentlicht)"
    r"|tradotto|pubblicato\s+originariamente|apparso\s+(?:originariamente|per\s+la\s+prima)"
    r"|traduzido|publicado\s+inicialmente",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"according\s+to|reported|reports|reporting\s+by|source:|sources?:|contributed|courtesy\s+of"
    r"|\bvia\b|as\s+explained\s+by|told|wire|agency|según|informó|selon|d'après|laut|citing"
    r"|zufolge|berichtete|\bsecondo\b|riporta|de\s+acordo\s+com|\bsegundo\b|noticiou"
    r"|with\s+(?:files|information)\s+from|con\s+información\s+de"
    r"|said\s+in\s+a\s+(?:statement|press\s+release)|in\s+a\s+statement|press\s+release",
    re.IGNORECASE,
)
_WINDOW = 80  # characters on each side of a mention where a cue is looked for


@dataclass(frozen=True, slots=True)
class Credit:
    """``article`` credits the outlet of ``source`` (article positions), with the text that does."""

    article: int
    source: int
    strength: int
    snippet: str


def outlet_aliases(article: Article) -> list[str]:
    """Ways a text may name an article's outlet: the name, without "The", its initials."""
    names: list[str] = []
    if article.outlet:
        name = article.outlet.strip()
        names.append(name)
        bare = re.sub(r"^(?:the|la|el|le|les|los|las|die|der|das)\s+", "", name, flags=re.I)
        if bare != name:
            names.append(bare)
        initials = "".join(w[0] for w in re.findall(r"[A-ZÀ-Ý][\w'-]*", name))
        if len(initials) >= 2:
            names.append(f"({initials})")
            names.append(f"({initials}/")
    return [n for n in names if len(n) >= 3]


def find_credits(articles: list[Article]) -> list[Credit]:
    """Every credit one article gives another article's outlet (strongest per pair)."""
    found: dict[tuple[int, int], Credit] = {}
    for j, art in enumerate(articles):
        for i, other in enumerate(articles):
            if i == j or not other.outlet or (art.outlet or "").lower() == other.outlet.lower():
                continue
            for alias in outlet_aliases(other):
                credit = _credit(art.text, alias)
                if credit is None:
                    continue
                strength, snippet = credit
                old = found.get((j, i))
                if old is None or strength > old.strength:
                    found[(j, i)] = Credit(j, i, strength, snippet)
    return list(found.values())


def _credit(text: str, alias: str) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for m in re.finditer(re.escape(alias), text, flags=re.IGNORECASE):
        lo, hi = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        window = text[lo:hi]
        if _DERIVATION.search(window):
            strength = 3
        elif alias.startswith("(") or _CREDIT.search(window):
            strength = 2
        else:
            continue
        lo = text.rfind(" ", 0, max(0, m.start() - 40)) + 1
        hi = text.find(" ", m.end() + 20)
        snippet = " ".join(text[lo : hi if hi >= 0 else len(text)].split())
        if best is None or strength > best[0]:
            best = (strength, snippet)
    return best
