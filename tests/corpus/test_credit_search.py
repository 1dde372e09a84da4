"""The credit search skips article pairs that cannot credit each other: it must find exactly
what looking at every pair finds."""

from __future__ import annotations

import dataclasses
import random
from itertools import combinations

from corpus.article import Article
from corpus.attribution import find_credits
from corpus.comparison import _article_pairs, _credits
from corpus.match import Match, SentenceRef

OUTLETS = [
    "The Kingsmere Post",
    "Vadiox Times",
    "Meridian Wire Service",
    "Ärztliche Rundschau",
    "Le Quotidien de Valmont",
    "Kelvin Daily",
    "Post",
    None,
    "",
]
MENTIONS = [
    "according to {name}",
    "({initials}) —",
    "LONDON ({initials}/Reuters) —",
    "({initials_lower})",
    "this story first appeared on the {name} website",
    "{name_lower} reported on Monday",
    "{bare} said nothing",
    "as {name_upper} has told readers",
    "Source: {name}",
    "{kelvin}",
    "readers of {name} were told",
    "({initials} wrote nothing)",
]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _mention(rng: random.Random, name: str) -> str:
    bare = name.removeprefix("The ").removeprefix("Le ")
    return rng.choice(MENTIONS).format(
        name=name,
        name_lower=name.lower(),
        name_upper=name.upper(),
        bare=bare,
        initials=_initials(name),
        initials_lower=_initials(name).lower(),
        kelvin=name.replace("K", "\u212a"),
    )


def test_credits_are_those_of_every_pair_sharing_matches() -> None:
    rng = random.Random(7)
    arts = []
    for k in range(40):
        outlet = rng.choice(OUTLETS)
        named = [o for o in rng.sample(OUTLETS, 3) if o]
        text = " ".join(
            f"Paragraph {n} of a report on the Harlow bridge, {_mention(rng, o)}."
            for n, o in enumerate(named)
        )
        arts.append(Article(source=f"{k}.txt", id=str(k), outlet=outlet, text=text))
    pairs = [(i, j) for i, j in combinations(range(len(arts)), 2) if rng.random() < 0.6]
    found = [Match(SentenceRef(i, 0), SentenceRef(j, 0), 1.0, "verbatim") for i, j in pairs]
    expected = []
    for i, j in pairs:
        for c in find_credits([arts[i], arts[j]]):
            k = (i, j)
            expected.append(dataclasses.replace(c, article=k[c.article], source=k[c.source]))
    assert len(expected) > 20  # the mentions above do credit
    assert _credits(arts, _article_pairs(found), lambda *a: None) == expected
