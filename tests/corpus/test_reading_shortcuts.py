"""The segment stage takes shortcuts (ASCII fast paths, cached token readings, cheap tests that
rule a pattern out before it is run, a search for where a pattern can start before matching
it): each must give exactly what the plain way gives."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from corpus import boilerplate, features, lexicon, normalize, quote, segment
from corpus.comparison import _features, _inside, _reach, _read_run
from corpus.segment import segment_quoted, sentence_rows

_BREAK = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ALPHABET = (
    "aAbBcCdeEfikKlmnoprRsStuvVwxyz      ..,,;:!?''\"\"-–—‐−\n\n\r\t0123456789$€%()«»“”„‘’‚"
    "ſKİıéÉñü²½٣\u00a0\u2028\x85\x0c。！？「」中文ａＢ１．©_/&#*•…"
)
_WORDS = (
    "The U.S. Corp. Mr. Jan. said according all rights reserved copyright © (c) 2024 Share "
    "Follow us on Facebook Photo: By Jane Doe Updated 10:42 GMT forty-eight 1.2 billion $3,400 "
    "million 1.200 mil millones dozen colour organise centre travelled catalogue HALVERTON, "
    "Westria, March 9 (CPW) — e.g. z.B. am 4. März J. R. Harlow Plan B. ſtreet KELVIN İstanbul "
    "ALL RIGHTS RESERVED Alle Rechte vorbehalten sign up for our newsletter state-of-the-art 3-2"
).split()


def _texts(count: int, seed: int) -> list[str]:
    """Random texts of news words, odd characters, quotes, full stops and line breaks."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 60)):
            r = rng.random()
            if r < 0.5:
                parts.append(rng.choice(_WORDS))
            elif r < 0.8:
                parts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 6))))
            else:
                parts.append(rng.choice([". ", "\n\n", "\r\n", " \n \n", ' "', '" ', "...", "?"]))
        out.append(" ".join(parts) if rng.random() < 0.7 else "".join(parts))
    return out


_TEXTS = _texts(400, 11)


def _plain_fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(normalize._PUNCT_MAP)
    return normalize._DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


def test_fold_and_tokens_are_the_plain_ones() -> None:
    samples = [*_TEXTS, "U.S.", "a.m. U.K. e.g.", "no dots", "1.5 e.g", "Ｕ．Ｓ．", ""]
    for text in samples:
        assert normalize.fold(text) == _plain_fold(text)
        assert normalize.tokens(text) == normalize.TOKEN.findall(_plain_fold(text))
    ascii_texts = [t.encode("ascii", "ignore").decode() for t in samples]
    assert any("'" in t and "-" in t for t in ascii_texts)
    for text in ascii_texts:
        assert normalize._ASCII_TOKEN.findall(text) == normalize.TOKEN.findall(text)


def test_possessive_token_pattern_finds_what_the_greedy_one_does() -> None:
    greedy = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
    for text in [*_TEXTS, "1,2,3. 4.a a'b' c-'d o’clock 1.200,50 x--y"]:
        assert normalize.TOKEN.findall(text) == greedy.findall(text)


def _plain_token_forms(toks: list[str], language: str) -> list[str]:
    """:func:`normalize.token_forms` without its cache, token by token."""
    out: list[str] = []
    pending_scale_ok = after_number = False
    for tok in normalize._split_hyphens(toks):
        scale, number, currency, form, mil = normalize._reading(tok, language)
        if scale is not None and pending_scale_ok and out:
            out[-1] = normalize._fmt(float(out[-1]) * scale)
            pending_scale_ok, after_number = mil, True
        elif number is not None:
            out.append(number)
            pending_scale_ok = after_number = True
        elif currency and after_number:
            after_number = False
        else:
            pending_scale_ok = after_number = False
            out.append(form)
    return out


@pytest.mark.parametrize("language", ["en", "es"])
def test_cached_token_readings_read_as_token_by_token(language: str) -> None:
    samples = [
        "forty-eight dollars, $1.2 billion and 1,200 million euros; twenty-one half-time",
        "1.200 mil millones de dólares, 3-2 al descanso, un well-known co-op",
        "a dozen colours, 12 organised centres, 1.5 thousand",
        *_TEXTS[:150],
    ]
    for text in samples:
        toks = normalize.tokens(text)
        first = normalize.token_forms(toks, language)
        assert first == normalize.token_forms(toks, language)  # read again, from the cache
        assert first == _plain_token_forms(toks, language)
    assert normalize.word_forms("forty-eight and $1.2 billion", "en") == ["48", "and", "1200000000"]


def test_features_read_cold_are_the_features_read_warm() -> None:
    sentences = [t for text in _TEXTS[:100] for t in sentence_rows(text, "en")[1]]
    features._KNOWN.clear()
    features._CAPITALS.clear()
    cold = [features.feature_parts(s, "en") for s in sentences]
    assert cold == [features.feature_parts(s, "en") for s in sentences]
    for _, words, _, _, numbers, _, _ in cold:
        assert numbers == tuple(w for w in words if re.match(r"\d+(\.\d+)?$", w))


def test_copyright_shortcut_finds_what_the_pattern_finds() -> None:
    lines = [
        "© 2026 Acme",
        "(c) 2026 Acme",
        "Copyright 2026 Acme",
        "copyright (c) Acme",
        "Acme Corp. All rights reserved.",
        "Acme. ALL RIGHTS RESERVED",
        "Acme. All rights reſerved",  # long s: re.IGNORECASE reads it as s
        "Todos los derechos reservados.",
        "Tous droits réservés",
        "Alle Rechte vorbehalten.",
        "ALLE RECHTE VORBEHALTEN!",
        "The reserve was all rights reserved for later use",
        *[" ".join(t.split()) for t in _TEXTS],
    ]
    found = 0
    for line in lines:
        if not line:
            continue
        expected = boilerplate._COPYRIGHT.search(line) is not None
        assert boilerplate._is_copyright(line) == expected, line
        found += expected
    assert found >= 10


def test_prompt_test_in_either_order_is_the_same() -> None:
    def plain(core: str) -> bool:
        if boilerplate._REPORTING.search(core):
            return False
        if boilerplate._FOLLOW.match(core):
            return True
        match = boilerplate._PROMPT.match(core)
        return match is not None and bool(boilerplate._PROMPT_OBJECT.search(core, match.start()))

    cores = [
        "Follow us on Chirper",
        "Follow us on Chirper, she said",
        "Sign up for our newsletter",
        "Sign up for our newsletter, the mayor said",
        "Sign up today",
        "Click here to read",
        *_TEXTS[:100],
    ]
    assert [boilerplate._is_prompt(c) for c in cores] == [plain(c) for c in cores]
    assert boilerplate._is_prompt("Sign up for our newsletter")
    assert not boilerplate._is_prompt("Sign up for our newsletter, the mayor said")


def test_spelling_rules_are_only_skipped_where_they_cannot_apply() -> None:
    for letters, pattern, _ in lexicon._SPELLING_RULES:
        assert letters in pattern.pattern
    words = ["colourful", "organisation", "analysed", "theatres", "travelled", "catalogues"]
    words += [w.lower() for text in _TEXTS[:100] for w in re.findall(r"\w+", text)]
    for word in words:
        expected = lexicon.BRITISH_TO_AMERICAN.get(word) or word
        if word not in lexicon.BRITISH_TO_AMERICAN and len(word) >= 6:
            for _, pattern, replacement in lexicon._SPELLING_RULES:
                folded, n = pattern.subn(replacement, word)
                if n:
                    expected = folded
                    break
        assert lexicon.american_spelling(word) == expected
    assert lexicon.american_spelling("catalogues") == "catalogs"


def _plain_lines(text: str) -> list[segment._Line | None]:
    """Lines as the line-break pattern cuts them, trimmed character by character."""
    out: list[segment._Line | None] = []
    position = 0
    bounds = [(m.start(), m.end()) for m in re.finditer(rf"\r\n|[{_BREAK}]", text)]
    for start, end in [*bounds, (len(text), len(text))]:
        first, last = position, start
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        out.append(segment._Line(position, first, last) if first < last else None)
        position = end
    return out


def test_lines_are_cut_where_the_line_break_pattern_cuts_them() -> None:
    samples = [*_TEXTS, "", "\n", "a\r\nb", "a\rb\n", "a\n\r\nb\u2028c\x85", " \n \t\n x \r\n"]
    samples += ["a\n\nb\r\n\r\nc", "a\x0c\x0cb", "x\u2029\u2029 y \x1c"]
    assert sum(len(segment._blocks(t)) > 1 for t in samples) > 50  # paragraphs among them
    for text in samples:
        assert segment._lines(text) == _plain_lines(text), repr(text)


def test_candidate_search_finds_what_finditer_finds() -> None:
    for text in _TEXTS:
        plain = [m.span() for m in segment._CANDIDATE.finditer(text)]
        found = []
        at = 0
        while (hit := segment._CANDIDATE_START.search(text, at)) is not None:
            match = segment._CANDIDATE.match(text, hit.start())
            assert match is not None
            found.append(match.span())
            at = match.end()
        assert found == plain


def test_paragraph_spans_are_those_the_separators_cut() -> None:
    def plain(text: str) -> list[tuple[int, int]]:
        last = len(text.rstrip())
        first = len(text) - len(text.lstrip())
        if first >= last:
            return []
        blank = quote._BLANK_LINE.search(text, first, last)
        separator = quote._BLANK_LINE if blank else quote._LINE_BREAK
        spans, start = [], first
        for match in separator.finditer(text, first, last):
            spans.append(quote._trim(text, start, match.start()))
            start = match.end()
        spans.append(quote._trim(text, start, last))
        return [(a, b) for a, b in spans if a < b]

    for text in [*_TEXTS, "a\n\n\nb", "a\n \n\nb\nc", "a\r\n\r\nb"]:
        assert quote._paragraph_spans(text) == plain(text)


def test_rows_are_the_sentences() -> None:
    for text in _TEXTS[:200]:
        sentences, spans = segment_quoted(text, "en")
        rows, texts, statements = sentence_rows(text, "en")
        assert statements == spans == quote.quoted_spans(text)
        assert [(s.start, s.end, s.paragraph, s.boilerplate, s.quote) for s in sentences] == rows
        assert [s.text for s in sentences] == texts


def test_pool_reading_of_a_run_gives_the_features_read_here() -> None:
    texts = [t for t in _TEXTS[:120] if t.strip()]
    rows, parts, ids = _read_run((texts, ["en"] * len(texts)))
    for text, art_rows, art_ids in zip(texts, rows, ids, strict=True):
        sentences, spans = segment_quoted(text, "en")
        here = _features(text, sentences, "en", {}, spans)
        reach = _reach(spans)
        for s, f, n in zip(sentences, here, art_ids, strict=True):
            assert (n < 0) == s.boilerplate
            if n >= 0:
                assert parts[n][2] == _inside(s.start, s.end, spans, reach)
                built = features.assemble(parts[n][3])
                assert f == (built if len(built.words) >= 3 else None)
        assert len(art_rows) == len(sentences)


def test_inside_gives_the_quoted_spans_within_a_sentence() -> None:
    spans = [(5, 10), (20, 30), (40, 45)]
    reach = _reach(spans)
    assert _inside(0, 4, spans, reach) == ()
    assert _inside(0, 12, spans, reach) == ((5, 10),)
    assert _inside(8, 25, spans, reach) == ((0, 2), (12, 17))
    assert _inside(31, 39, spans, reach) == ()
    assert _inside(46, 60, spans, reach) == ()
    assert _inside(0, 3, [], []) == ()
