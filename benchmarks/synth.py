"""Deterministic synthetic news corpora for the scale benchmark (not a test, not shipped data).

A corpus of N articles is made of stories. Each story has a wire original and around it:
syndicated copies (verbatim, some trimmed, each with its outlet's furniture), edited copies
(words changed, dropped or added, paragraphs moved, own paragraphs added), rewrites (words
swapped for synonyms, clauses reordered, paragraphs shuffled), translations into a second
language that keep names, numbers and cognates, and independent reports that share the story's
names, topic words and some of its quoted statements. Stock phrases ("The company did not
respond to a request for comment.") recur across the corpus.

Words are pronounceable nonsense drawn from a Zipf distribution, so counts look like a news
corpus (a few very common words, a long tail) without copying anyone's text. Everything comes
from one ``random.Random(seed)``: the same ``n`` and ``seed`` give the same corpus.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from corpus.article import Article

_ONSETS = "b br c ch cl d dr f fl g gr h j k l m n p pl pr qu r s st sh t tr v w z".split()
_VOWELS = "a e i o u ai ea ou io".split()
_CODAS = "n r l s t m nd rt ll ss ck x".split()
_FUNCTION = (
    "the the the the of of of to to to and and in in a a for on with that by at from as was is "
    "will has have its their after before over under into about than this which who were been "
    "also more but not it be had while during against between"
).split()
_ES_FUNCTION = "el la de de que y en los las del por con para una un se su al como".split()
_STOCK = (
    "The company did not respond to a request for comment.",
    "Officials declined to give further details on Tuesday.",
    "The investigation is continuing, police said.",
    "More information is expected later this week.",
)
_FURNITURE = (
    "Follow {outlet} for updates on this story.",
    "Read more local news from {outlet} every morning.",
    "Copyright 2026 {outlet}. All rights reserved.",
)


@dataclass(frozen=True, slots=True)
class Plan:
    """What was planted: article position -> (story, role, position of the wire it derives from)."""

    roles: tuple[tuple[int, str, int | None], ...]


class _Words:
    """A Zipf-distributed nonsense vocabulary with a synonym and a translation for each word."""

    def __init__(self, rng: random.Random, size: int) -> None:
        seen: set[str] = set()
        words: list[str] = []
        while len(words) < size * 3:
            w = "".join(
                rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.choice((1, 2, 2, 3)))
            ) + rng.choice(_CODAS)
            if w not in seen and len(w) >= 4:
                seen.add(w)
                words.append(w)
        self.common = words[:size]
        self.synonym = dict(zip(words[:size], words[size : 2 * size], strict=True))
        self.names = [w.capitalize() for w in words[2 * size :]]
        self.cum_weights = list(accumulate(1.0 / (rank + 8) for rank in range(size)))

    def general(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.common, cum_weights=self.cum_weights, k=k)


def _sentence(rng: random.Random, words: _Words, story: _Story) -> str:
    """One sentence of a story: function words, general and topic words, names, numbers."""
    n = rng.randint(12, 30)
    out: list[str] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.42:
            out.append(rng.choice(_FUNCTION))
        elif r < 0.58:
            out.append(rng.choice(story.topic))
        elif r < 0.66:
            out.append(rng.choice(story.names))
        elif r < 0.70:
            out.append(rng.choice(story.numbers))
        else:
            out.append(words.general(rng, 1)[0])
    if rng.random() < 0.3:
        out.insert(rng.randint(3, len(out) - 2), ",")
    text = " ".join(out).replace(" ,", ",")
    if rng.random() < 0.12:
        speaker = rng.choice(story.names)
        return f"“{text[0].upper()}{text[1:]},” {speaker} said."
    return text[0].upper() + text[1:] + "."


@dataclass(slots=True)
class _Story:
    topic: list[str]
    names: list[str]
    numbers: list[str]
    paragraphs: list[list[str]]


def _new_story(rng: random.Random, words: _Words) -> _Story:
    topic = words.general(rng, 40)
    names = rng.sample(words.names, 10)
    numbers = [
        rng.choice(("{}", "${} million", "{} percent", "{},000"))
        .format(rng.randint(2, 990))
        .replace("$", "$")
        for _ in range(12)
    ]
    story = _Story(topic, names, numbers, [])
    n_sent = rng.randint(24, 36)
    sents = [_sentence(rng, words, story) for _ in range(n_sent)]
    cut = 0
    while cut < n_sent:
        size = rng.randint(2, 4)
        story.paragraphs.append(sents[cut : cut + size])
        cut += size
    return story


def _edit(rng: random.Random, words: _Words, sentence: str) -> str:
    """Change, drop or add a few words: an edited copy of the sentence."""
    toks = sentence.split(" ")
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        i = rng.randrange(1, max(2, len(toks) - 1))
        if op < 0.4:
            toks[i] = words.general(rng, 1)[0]
        elif op < 0.7 and len(toks) > 8:
            del toks[i]
        else:
            toks.insert(i, words.general(rng, 1)[0])
    return " ".join(toks)


def _rewrite(rng: random.Random, words: _Words, sentence: str) -> str:
    """Synonyms for half the words, clauses swapped: a paraphrase that keeps names and figures."""
    toks = sentence.rstrip(".").split(" ")
    out = []
    for t in toks:
        bare = t.strip("“”,.")
        if bare in words.synonym and rng.random() < 0.45:
            t = t.replace(bare, words.synonym[bare])
        elif bare in _FUNCTION and rng.random() < 0.25:
            continue
        out.append(t)
    if len(out) > 10 and rng.random() < 0.6:
        half = len(out) // 2
        out = [*out[half:], "while", *out[:half]]
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def _translate(words: _Words, sentence: str, table: dict[str, str]) -> str:
    """A second-language version: function words replaced, content words turned into cognates."""
    out = []
    for t in sentence.split(" "):
        bare = t.strip("“”,.")
        if bare.lower() in _FUNCTION:
            t = t.replace(bare, table.setdefault(bare.lower(), _ES_FUNCTION[len(table) % 16]))
        elif bare in words.synonym:
            t = t.replace(bare, bare + "ión" if len(bare) > 5 else bare + "o")
        out.append(t)
    return " ".join(out)


def build_corpus(n: int, seed: int = 2026) -> tuple[list[Article], Plan]:
    """``n`` articles with planted copies, edits, rewrites, translations and moved paragraphs."""
    rng = random.Random(seed)
    words = _Words(rng, 8000)
    outlets = [f"{rng.choice(words.names)} {rng.choice(('Times', 'Post', 'Herald', 'Daily'))}"
               for _ in range(max(4, n // 6))]  # fmt: skip
    wires = [f"{rng.choice(words.names)} Wire" for _ in range(max(1, n // 200))]
    table: dict[str, str] = {}
    articles: list[Article] = []
    roles: list[tuple[int, str, int | None]] = []
    story_id = 0
    while len(articles) < n:
        story = _new_story(rng, words)
        size = min(n - len(articles), max(1, int(rng.expovariate(1 / 10)) + 1))
        wire_outlet = rng.choice(wires)
        wire_pos = len(articles)
        day = 1 + story_id % 28
        for k in range(size):
            role = "wire" if k == 0 else _role(rng)
            outlet = wire_outlet if k == 0 else rng.choice(outlets)
            paras = _article_paragraphs(rng, words, story, role, table)
            language = "es" if role == "translated" else "en"
            body = paras
            if role != "wire" and rng.random() < 0.8:
                furniture = rng.sample(_FURNITURE, 2)
                body = [*paras, [f.format(outlet=outlet) for f in furniture]]
            if language == "en" and rng.random() < 0.3:
                body = [*body, [rng.choice(_STOCK)]]
            text = "\n\n".join(" ".join(p) for p in body if p)
            minute = 0 if k == 0 else 30 + rng.randint(0, 600)
            published = (
                None
                if rng.random() < 0.1
                else f"2026-03-{day:02d}T{6 + minute // 60:02d}:{minute % 60:02d}:00Z"
            )
            articles.append(
                Article(
                    source=f"synthetic#{len(articles) + 1}",
                    text=text,
                    title=f"{story.names[0]} {story.topic[0]} {story.topic[1]}",
                    outlet=outlet,
                    published=published,
                    language=language,
                )
            )
            roles.append((story_id, role, None if k == 0 else wire_pos))
        story_id += 1
    return articles, Plan(tuple(roles))


def _role(rng: random.Random) -> str:
    r = rng.random()
    for share, role in ((0.35, "syndicated"), (0.55, "edited"), (0.72, "rewritten"),
                        (0.76, "translated")):  # fmt: skip
        if r < share:
            return role
    return "independent"


def _article_paragraphs(
    rng: random.Random, words: _Words, story: _Story, role: str, table: dict[str, str]
) -> list[list[str]]:
    src = story.paragraphs
    if role == "wire":
        return [list(p) for p in src]
    if role == "syndicated":
        keep = len(src) if rng.random() < 0.6 else rng.randint(max(2, len(src) // 2), len(src))
        return [list(p) for p in src[:keep]]
    if role == "edited":
        paras = [[_edit(rng, words, s) if rng.random() < 0.5 else s for s in p] for p in src]
        if len(paras) > 3:
            i, j = rng.sample(range(1, len(paras)), 2)
            paras[i], paras[j] = paras[j], paras[i]
        paras.insert(rng.randint(1, len(paras)), [_sentence(rng, words, story) for _ in range(2)])
        return paras
    if role == "rewritten":
        paras = [[_rewrite(rng, words, s) for s in p if rng.random() < 0.8] for p in src if p]
        rng.shuffle(paras)
        paras.append([_sentence(rng, words, story) for _ in range(3)])
        return paras
    if role == "translated":
        return [[_translate(words, s, table) for s in p] for p in src]
    own = [_sentence(rng, words, story) for _ in range(rng.randint(18, 32))]
    quoted = [s for p in src for s in p if s.startswith("“")]
    if quoted:
        own.insert(rng.randint(0, len(own)), quoted[0])
    return [own[i : i + 3] for i in range(0, len(own), 3)]


def write_jsonl(articles: list[Article], path: Path) -> None:
    """One JSON object a line, with the column names of a news-database export."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {
                "title": a.title,
                "text": a.text,
                "media_name": a.outlet,
                "publish_date": a.published,
                "language": a.language,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
