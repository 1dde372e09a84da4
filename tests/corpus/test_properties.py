"""Properties that must hold for any input (issue #7), checked with hypothesis.

Segmentation: offsets in range, ordered, ``text == article_text[start:end]``, nothing but
whitespace and list markers left out, no exception on any Unicode string (lone surrogates
included). Quotes: spans in range and ordered. Loaders: any bytes give text or a one-line
reason. Matching: the pair scorer is symmetric, and a comparison of arbitrary articles only
refers to sentences that exist.
"""

from __future__ import annotations

import importlib.util
import io
import json
import string
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from corpus.article import Article
from corpus.comparison import compare
from corpus.decode import decode_bytes
from corpus.errors import SourceError
from corpus.features import sentence_features, story_weights
from corpus.frontmatter import split_front_matter
from corpus.load import load_sources
from corpus.markdown_text import markdown_to_text
from corpus.quote import quote_flags, quoted_spans
from corpus.score import classify, score_pair
from corpus.segment import segment
from corpus.settings import Settings
from corpus.tabular import load_csv, load_jsonl

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
FEW = settings(PROPERTY, max_examples=40)

ANY_CHARACTER = st.characters(exclude_categories=())
"""Every code point, lone surrogates included (JSON escapes and file names can produce them)."""

PIECES = [
    *"The ferry council Orrin said Monday port authority engineers replaced engines".split(),
    *"le la der die el de und et y que il a été à Genève".split(),
    "U.S.", "Corp.", "Inc.", "Jan.", "Mr.", "Dr.", "No.", "e.g.", "J.", "R.", "St.", "a.m.",
    "$1.2", "billion", "2.6", "4,200", "12%", "11", "2024-03-14", "10:05",
    ". ", "! ", "? ", "… ", "...", ", ", "; ", ": ", " — ", " - ", "(", ")", "[", "]",
    '"', "“", "”", "‘", "’", "'", "«", "»", "„", "「", "」", "『", "』",
    "。", "！", "？", "市政府", "渡轮", "恢复",
    " ", " ", " ", "\n", "\n\n", "\n \n", "\t", "\r\n", "\u2028", "\x0c", "\u00a0",
    "- ", "* ", "• ", "1. ", "2) ", "# ", "> ", "**", "_", "`", "<!--", "-->", "](", "![",
    "---\n", "title: ", "PORT ELANDRA, March 4 (MWS) — ", "Share this article", "© 2024",
]  # fmt: skip
NEWS_TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(ANY_CHARACTER, max_size=3)), max_size=60
).map("".join)
"""Text made of the pieces that make segmentation hard, mixed with arbitrary characters."""
ANY_TEXT = st.one_of(st.text(ANY_CHARACTER), NEWS_TEXT)
LANGUAGES = st.sampled_from([None, "en", "fr", "de", "es", "zh", "ja", "xx", ""])
_LIST_MARKER_CHARACTERS = set("-*+•‣◦▪●.)" + string.digits)


@PROPERTY
@given(ANY_TEXT, LANGUAGES)
def test_sentences_are_ordered_slices_of_the_text(text: str, language: str | None) -> None:
    sentences = segment(text, language)
    previous_end = 0
    previous_paragraph = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.paragraph >= previous_paragraph
        assert isinstance(sentence.boilerplate, bool) and isinstance(sentence.quote, bool)
        previous_end, previous_paragraph = sentence.end, sentence.paragraph


@PROPERTY
@given(ANY_TEXT)
def test_segmentation_leaves_out_only_whitespace_and_list_markers(text: str) -> None:
    left_out = []
    position = 0
    for sentence in segment(text):
        left_out.append(text[position : sentence.start])
        position = sentence.end
    left_out.append(text[position:])
    for gap in left_out:
        assert set("".join(gap.split())) <= _LIST_MARKER_CHARACTERS, repr(gap)


@PROPERTY
@given(ANY_TEXT)
@example("a 」b c d e」")  # a closing-only mark once opened a quotation it could not close
def test_quoted_spans_are_ordered_trimmed_slices(text: str) -> None:
    spans = quoted_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    sentences = [(s.start, s.end) for s in segment(text)]
    assert len(quote_flags(text, sentences, spans)) == len(sentences)


@PROPERTY
@given(ANY_TEXT)
def test_markdown_removal_never_fails(text: str) -> None:
    assert isinstance(markdown_to_text(text), str)


PLAIN = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="*_[]()!<>#`\\:\r"), max_size=200
)


@PROPERTY
@given(PLAIN)
def test_text_without_markdown_passes_through_unchanged(text: str) -> None:
    assert markdown_to_text(text) == text


@PROPERTY
@given(st.one_of(ANY_TEXT, st.builds(lambda a, b: f"---\n{a}\n---\n{b}", NEWS_TEXT, ANY_TEXT)))
def test_front_matter_is_split_off_or_the_text_is_left_whole(text: str) -> None:
    fields, body = split_front_matter(text)
    if not fields:
        assert body == text or (text.startswith("---") and text.endswith(body))
    else:
        assert text.startswith("---") and text.endswith(body) and len(body) < len(text)
    for key, value in fields.items():
        assert key == key.lower() and value and value == value.strip()


@PROPERTY
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_give_a_reason(data: bytes) -> None:
    try:
        text = decode_bytes(data, "input.txt")
    except SourceError as error:
        assert error.source == "input.txt" and error.reason and "\n" not in error.reason
    else:
        assert "\r" not in text and not text.startswith("\ufeff")


DECODABLE = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t"), min_size=1
)


@PROPERTY
@given(DECODABLE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_text_round_trips(text: str, encoding: str) -> None:
    assume(not text.lstrip().startswith(("%PDF", "GIF8", "RIFF")))
    assume(text.strip("\ufeff"))
    assert decode_bytes(text.encode(encoding), "input.txt") == text.removeprefix("\ufeff")


class Warnings(list[str]):
    def __call__(self, message: str) -> None:
        assert "\n" not in message and "\r" not in message and message.startswith("-")
        message.encode("utf-8")  # no lone surrogates
        self.append(message)


BYTES = st.one_of(
    st.binary(max_size=3000),
    NEWS_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(
        lambda t, e: t.encode(e, "replace"),
        NEWS_TEXT,
        st.sampled_from(["cp1252", "gb18030", "shift_jis", "utf-16"]),
    ),
    st.builds(
        lambda t: f"<html><body><article><p>{t}</p></article></body></html>".encode(
            "utf-8", "surrogatepass"
        ),
        ANY_TEXT,
    ),
)  # fmt: skip


@FEW
@given(BYTES)
def test_any_input_on_stdin_gives_articles_or_one_line_reasons(data: bytes) -> None:
    warn = Warnings()
    articles = load_sources(["-"], warn=warn, stdin=io.BytesIO(data))
    assert len(articles) + len(warn) >= 1
    for article in articles:
        assert article.source == "-" and article.id == "stdin"
        assert article.text and article.text == article.text.strip()
        article.text.encode("utf-8")


TABLE_CELL = st.one_of(NEWS_TEXT, st.text(ANY_CHARACTER, max_size=20))


@FEW
@given(st.lists(st.lists(TABLE_CELL, max_size=5), max_size=8), st.sampled_from(",;\t|"))
def test_any_csv_gives_rows_or_reasons(rows: list[list[str]], delimiter: str) -> None:
    data = "\n".join(delimiter.join(row) for row in [["title", "text"], *rows])
    warnings: list[str] = []
    try:
        articles = load_csv(data.encode("utf-8", "surrogatepass"), "t.csv", warn=warnings.append)
    except SourceError as error:
        assert error.source == "t.csv"
        return
    for article in articles:
        assert article.source.startswith("t.csv#row-") and article.text.strip()
    assert all(w.startswith("t.csv") for w in warnings)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(ANY_CHARACTER),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)
JSON_OBJECT = st.dictionaries(
    st.sampled_from(["text", "title", "source", "date", "lang", "Body", "x"]), JSON_VALUE
)


@FEW
@given(st.lists(st.one_of(JSON_OBJECT.map(json.dumps), NEWS_TEXT), max_size=6))
def test_any_json_lines_give_rows_or_reasons(lines: list[str]) -> None:
    warnings: list[str] = []
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    try:
        articles = load_jsonl(data, "f.jsonl", warn=warnings.append)
    except SourceError as error:
        assert error.source == "f.jsonl"
        return
    for article in articles:
        assert article.text.strip()
        article.text.encode("utf-8")
    assert all(w.startswith("f.jsonl") and "\n" not in w for w in warnings)


WORDS = (
    "the council approved a $1.2 billion tidal energy array on Tuesday in Port Elandra "
    "clearing way for 48 turbines Saltmere Channel mayor Vance said it will keep our lights on"
).split()
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(
    lambda words: " ".join(words).capitalize() + "."
)


@st.composite
def sentence_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A sentence and another one: unrelated, or the first with some words changed."""
    first = draw(st.one_of(SENTENCE, NEWS_TEXT))
    if draw(st.booleans()):
        return first, draw(st.one_of(SENTENCE, NEWS_TEXT))
    words = first.split()
    for _ in range(draw(st.integers(0, 3))):
        if words:
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
    return first, " ".join(words)


@PROPERTY
@given(sentence_pairs(), st.lists(SENTENCE, max_size=4), st.sampled_from(["en", "fr", "zh"]))
def test_pair_scores_are_symmetric(
    pair: tuple[str, str], background: list[str], language: str
) -> None:
    fa, fb = (sentence_features(text, language) for text in pair)
    weights = story_weights([fa, fb, *(sentence_features(s, language) for s in background)])
    config = Settings()
    forward, backward = score_pair(fa, fb, weights, config), score_pair(fb, fa, weights, config)
    assert forward._fields  # every measure is compared
    for name in forward._fields:
        assert getattr(forward, name) == pytest.approx(getattr(backward, name), abs=1e-9), name
    assert classify(fa, fb, forward, config) == classify(fb, fa, forward, config)


ARTICLE_TEXT = st.lists(st.one_of(SENTENCE, NEWS_TEXT), min_size=1, max_size=6).map(" ".join)


@settings(FEW, max_examples=25)
@given(st.lists(ARTICLE_TEXT, min_size=2, max_size=3), st.sampled_from([None, "en", "fr"]))
def test_a_comparison_of_any_articles_refers_only_to_real_sentences(
    texts: list[str], language: str | None
) -> None:
    articles = [
        Article(source=f"a{k}.txt", text=text, language=language, id=f"a{k}")
        for k, text in enumerate(texts)
    ]
    result = compare(articles)
    assert len(result.sentences) == len(articles)
    for article, sentences in zip(result.articles, result.sentences, strict=True):
        for sentence in sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
    for match in result.matches:
        for ref in (match.a, match.b):
            assert 0 <= ref.sentence < len(result.sentences[ref.article])
        assert 0.0 <= match.score <= 1.0 + 1e-9
        assert match.kind in {"verbatim", "edited", "paraphrase", "quote"}


def test_a_small_fuzz_run_of_the_loaders_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """``scripts/fuzz_loaders.py`` at a small count (its timing target ``blowup`` left out)."""
    path = Path(__file__).resolve().parents[2] / "scripts" / "fuzz_loaders.py"
    spec = importlib.util.spec_from_file_location("fuzz_loaders", path)
    assert spec is not None and spec.loader is not None
    fuzz_loaders = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "fuzz_loaders", fuzz_loaders)
    monkeypatch.setattr(sys, "path", list(sys.path))
    spec.loader.exec_module(fuzz_loaders)
    targets = [name for name in fuzz_loaders.TARGETS if name != "blowup"]
    tallies = fuzz_loaders.fuzz_all(40, targets, 0)
    assert set(tallies) == set(targets)
    assert all(tally.tried >= 9 for tally in tallies.values())
    found = {name: tally.examples for name, tally in tallies.items() if tally.failures}
    assert found == {}
