"""The bundled sample story and its gold file agree with each other and with the gold format.

The segmenter, the matcher and the evaluation are all measured against ``corpus/sample/gold.json``,
so a wrong offset or a forgotten pair there would silently skew every figure. These tests parse the
article files on their own (the loaders are tested elsewhere) and check the gold against the text.
"""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import datetime
from functools import cache
from itertools import combinations
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "sample"
BUILD_SCRIPT = ROOT / "scripts" / "build_gold_pairs.py"

FRONT_MATTER_KEYS = ("title", "outlet", "url", "published", "language")
ROLES = {"original", "syndicated", "rewritten", "translated", "independent"}
MEMBER_KINDS = {"origin", "verbatim", "edited", "paraphrase", "quote"}
PAIR_KINDS = {"verbatim", "edited", "paraphrase", "quote"}
RELATION_KINDS = {"syndicated", "rewritten", "translated", "shared-quotes"}
ABBREVIATIONS = ("U.S.", "Corp.", "Inc.", "Jan.", "Gov.", "Sen.", "Dr.", "St.", "Sra.")
SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)\]]*$")
QUOTE_MARKS = re.compile(r"[\"“”«»]")

Ref = tuple[str, int]


def split_article(raw: str) -> tuple[dict[str, str], str]:
    """Front matter as a dict and the article text (after the closing ``---``, stripped)."""
    lines = raw.split("\n")
    assert lines[0] == "---", "an article file starts with front matter"
    end = lines.index("---", 1)
    meta = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        assert sep, f"front matter line without a colon: {line!r}"
        meta[key.strip()] = value.strip()
    return meta, "\n".join(lines[end + 1 :]).strip()


@cache
def gold() -> dict[str, Any]:
    return json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def article(article_id: str) -> tuple[dict[str, str], str]:
    return split_article((SAMPLE / f"{article_id}.md").read_text(encoding="utf-8"))


def sentences(article_id: str) -> list[dict[str, Any]]:
    return gold()["articles"][article_id]["sentences"]  # type: ignore[no-any-return]


def spans(article_id: str) -> list[tuple[int, int]]:
    """Character offsets of each gold sentence in the article text, searched left to right."""
    text = article(article_id)[1]
    found, cursor = [], 0
    for i, sentence in enumerate(sentences(article_id)):
        start = text.find(sentence["text"], cursor)
        assert start >= 0, (
            f"{article_id}[{i}] not found after offset {cursor}: {sentence['text']!r}"
        )
        cursor = start + len(sentence["text"])
        found.append((start, cursor))
    return found


def published(article_id: str) -> datetime:
    return datetime.fromisoformat(article(article_id)[0]["published"].replace("Z", "+00:00"))


def pair_refs(pair: dict[str, Any]) -> tuple[Ref, Ref]:
    return (pair["a"]["article"], pair["a"]["sentence"]), (
        pair["b"]["article"],
        pair["b"]["sentence"],
    )


def text_of(ref: Ref) -> str:
    return sentences(ref[0])[ref[1]]["text"]  # type: ignore[no-any-return]


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gold_pairs", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ARTICLE_IDS = sorted(p.stem for p in SAMPLE.glob("*.md"))


def test_every_article_file_has_a_gold_entry_and_back() -> None:
    assert len(ARTICLE_IDS) == 7
    assert set(ARTICLE_IDS) == set(gold()["articles"])


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_front_matter_is_complete(article_id: str) -> None:
    meta, text = article(article_id)
    for key in FRONT_MATTER_KEYS:
        assert meta.get(key), f"{article_id}: front matter lacks {key}"
    url = urlsplit(meta["url"])
    assert url.scheme == "https" and url.hostname and url.hostname.endswith(".example")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", meta["published"])
    published(article_id)
    assert meta["language"] in {"en", "es"}
    assert meta["title"] not in text, "the headline is front matter, not article text"


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_text_is_plain_paragraphs(article_id: str) -> None:
    text = article(article_id)[1]
    paragraphs = text.split("\n\n")
    assert 4 <= len(paragraphs) <= 7
    for paragraph in paragraphs:
        assert paragraph and "\n" not in paragraph, "one paragraph a line, one blank line between"
        assert paragraph == paragraph.strip()
        assert not re.match(r"(#|\*|- |\d+\. )", paragraph), "no Markdown markup"
        assert "](" not in paragraph and "**" not in paragraph
    assert 9 <= len(sentences(article_id)) <= 16


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_gold_sentences_appear_in_order_and_cover_the_text(article_id: str) -> None:
    text = article(article_id)[1]
    cursor = 0
    for start, end in spans(article_id):
        assert text[cursor:start].strip() == "", f"uncovered text: {text[cursor:start]!r}"
        assert text[start:end] == text[start:end].strip(), "no surrounding whitespace"
        assert "\n" not in text[start:end], "a sentence never crosses a paragraph break"
        cursor = end
    assert text[cursor:].strip() == ""


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_sentence_boundaries_follow_the_rules(article_id: str) -> None:
    text = article(article_id)[1]
    golds = sentences(article_id)
    found = spans(article_id)
    for i, ((start, end), sentence) in enumerate(zip(found, golds, strict=True)):
        body = sentence["text"]
        if not SENTENCE_END.search(body):
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            assert line == body, f"{article_id}[{i}] lacks final punctuation but is not a line"
        for abbreviation in ABBREVIATIONS:
            assert not body.endswith(abbreviation), f"{article_id}[{i}] ends at {abbreviation}"
        same_paragraph = i + 1 < len(golds) and "\n" not in text[end : found[i + 1][0]]
        if same_paragraph:
            following = golds[i + 1]["text"]
            assert not following[0].isdigit(), f"{article_id}[{i + 1}] splits a number"
            assert not following[0].islower(), f"{article_id}[{i + 1}] starts mid-sentence"


def test_boilerplate_is_page_furniture_at_the_end_of_the_syndicated_copy() -> None:
    flagged = [s["text"] for s in sentences("courier") if s["boilerplate"]]
    assert flagged == [
        "Share this article",
        "Sign up for our Morning Briefing newsletter and get the day’s top stories in your inbox.",
        "© 2026 The Dunmore Courier.",
        "All rights reserved.",
    ]
    assert sentences("courier")[-len(flagged) :] == [
        {"text": t, "boilerplate": True} for t in flagged
    ]
    others = [a for a in ARTICLE_IDS if a != "courier"]
    assert not any(s["boilerplate"] for a in others for s in sentences(a))


def test_pairs_refer_to_existing_matchable_sentences_once() -> None:
    seen: set[frozenset[Ref]] = set()
    for pair in gold()["pairs"]:
        assert pair["kind"] in PAIR_KINDS
        a, b = pair_refs(pair)
        assert a[0] != b[0], "pairs are across articles"
        for article_id, index in (a, b):
            assert 0 <= index < len(sentences(article_id))
            assert not sentences(article_id)[index]["boilerplate"]
        key = frozenset((a, b))
        assert key not in seen, f"pair listed twice: {a} ~ {b}"
        seen.add(key)


def test_pair_kinds_fit_the_sentences() -> None:
    for pair in gold()["pairs"]:
        a, b = pair_refs(pair)
        if article(a[0])[0]["language"] != article(b[0])[0]["language"]:
            assert pair["kind"] == "paraphrase", f"cross-language pair {a} ~ {b}"
        if pair["kind"] == "quote":
            assert QUOTE_MARKS.search(text_of(a)) and QUOTE_MARKS.search(text_of(b))
        if pair["kind"] == "verbatim":
            words = [re.findall(r"\w+", text_of(r).replace("U.S.", "US").lower()) for r in (a, b)]
            assert words[0] == words[1], f"verbatim pair differs in wording: {a} ~ {b}"


def test_units_are_well_formed() -> None:
    ids = [unit["id"] for unit in gold()["units"]]
    assert len(ids) == len(set(ids))
    for unit in gold()["units"]:
        members = unit["members"]
        assert len(members) >= 2, f"{unit['id']} is carried by one article only"
        origins = [a for a, m in members.items() if m["kind"] == "origin"]
        assert len(origins) == 1, f"{unit['id']} needs exactly one origin"
        assert published(origins[0]) == min(published(a) for a in members)
        for article_id, member in members.items():
            assert member["kind"] in MEMBER_KINDS
            assert member["sentences"], f"{unit['id']}: {article_id} lists no sentence"
            for index in member["sentences"]:
                assert 0 <= index < len(sentences(article_id))
                assert not sentences(article_id)[index]["boilerplate"]
                if member["kind"] == "quote":
                    assert QUOTE_MARKS.search(sentences(article_id)[index]["text"])


def test_pairs_are_what_the_units_imply() -> None:
    build = load_build_script()
    languages = build.read_languages(SAMPLE, gold()["articles"])
    assert gold()["pairs"] == build.build_pairs(gold(), languages)


def test_gold_file_is_in_the_scripts_layout() -> None:
    build = load_build_script()
    raw = (SAMPLE / "gold.json").read_text(encoding="utf-8")
    assert raw == build.format_gold(json.loads(raw)) + "\n"


def test_roles_sources_and_relations_agree() -> None:
    articles = gold()["articles"]
    relations = gold()["relations"]
    for relation in relations:
        assert relation["kind"] in RELATION_KINDS
        assert relation["source"] in articles and relation["derived"] in articles
        assert published(relation["source"]) < published(relation["derived"])
    direct = {
        (r["source"], r["derived"]): r["kind"] for r in relations if r["kind"] != "shared-quotes"
    }
    for article_id, entry in articles.items():
        assert entry["role"] in ROLES
        if entry["role"] in {"original", "independent"}:
            assert entry["source"] is None
            assert not any(derived == article_id for _, derived in direct)
        else:
            assert direct.get((entry["source"], article_id)) == entry["role"]
    assert len(direct) == sum(1 for e in articles.values() if e["source"] is not None)
    related = {frozenset((r["source"], r["derived"])) for r in relations}
    for a, b in combinations(articles, 2):
        if articles[a]["source"] is not None and articles[a]["source"] == articles[b]["source"]:
            assert frozenset((a, b)) not in related, f"{a} and {b} are siblings"


def test_shared_quotes_relations_are_exactly_the_quote_pairs_of_the_independent_report() -> None:
    independent = [a for a, e in gold()["articles"].items() if e["role"] == "independent"]
    quoted_with = {
        frozenset((a[0], b[0]))
        for a, b in map(pair_refs, (p for p in gold()["pairs"] if p["kind"] == "quote"))
        if a[0] in independent or b[0] in independent
    }
    shared = [r for r in gold()["relations"] if r["kind"] == "shared-quotes"]
    assert {frozenset((r["source"], r["derived"])) for r in shared} == quoted_with
    assert quoted_with == {frozenset(("ledger", a)) for a in ("wire", "courier", "gazette", "blog")}


def test_every_derived_article_has_matches_with_its_source() -> None:
    kinds_between: dict[frozenset[str], set[str]] = {}
    for pair in gold()["pairs"]:
        a, b = pair_refs(pair)
        kinds_between.setdefault(frozenset((a[0], b[0])), set()).add(pair["kind"])
    for relation in gold()["relations"]:
        kinds = kinds_between.get(frozenset((relation["source"], relation["derived"])), set())
        expected = {
            "syndicated": {"verbatim"},
            "rewritten": {"paraphrase", "quote"},
            "translated": {"paraphrase"},
            "shared-quotes": {"quote"},
        }[relation["kind"]]
        assert expected <= kinds, f"{relation}: pair kinds {kinds}"
    assert not kinds_between[frozenset(("wire", "blog"))] & {"verbatim", "edited"}


def test_the_independent_report_shares_nothing_but_the_statement() -> None:
    statement = ("The tide has shaped Port Elandra", "put 600 people to work building it")
    ledger_refs = {r for p in gold()["pairs"] for r in pair_refs(p) if r[0] == "ledger"}
    assert ledger_refs == {("ledger", 6), ("ledger", 7)}
    for ref in ledger_refs:
        assert any(words in text_of(ref) for words in statement)


def _write_story(folder: Path, gold_data: dict[str, Any], languages: dict[str, str]) -> Path:
    for article_id, language in languages.items():
        front = f"---\ntitle: T\noutlet: O\nurl: https://o.example/{article_id}\n"
        front += f"published: 2026-01-01T00:00:00Z\nlanguage: {language}\n---\n"
        body = " ".join(s["text"] for s in gold_data["articles"][article_id]["sentences"])
        (folder / f"{article_id}.md").write_text(front + body + "\n", encoding="utf-8")
    path = folder / "gold.json"
    path.write_text(json.dumps(gold_data), encoding="utf-8")
    return path


def _tiny_gold() -> dict[str, Any]:
    def article_entry(*texts: str) -> dict[str, Any]:
        return {
            "role": "original",
            "source": None,
            "sentences": [{"text": t, "boilerplate": t.startswith("Share")} for t in texts],
        }

    return {
        "story": "tiny",
        "articles": {
            "src": article_entry('"We will build it," Ana Ruiz said.', "It costs $4 million."),
            "copy": article_entry('"We will build it," Ana Ruiz said.', "Share this article"),
            "edit": article_entry(
                '"We will build it," Ruiz told reporters.', "It costs $4 million."
            ),
            "es": article_entry(
                "«Lo construiremos», dijo Ana Ruiz.", "Cuesta 4 millones de dólares."
            ),
        },
        "units": [
            {
                "id": "u1",
                "note": "quote",
                "members": {
                    "src": {"sentences": [0], "kind": "origin"},
                    "copy": {"sentences": [0], "kind": "verbatim"},
                    "edit": {"sentences": [0], "kind": "quote"},
                    "es": {"sentences": [0], "kind": "paraphrase"},
                },
            },
            {
                "id": "u2",
                "note": "cost",
                "members": {
                    "src": {"sentences": [1], "kind": "origin"},
                    "edit": {"sentences": [1], "kind": "verbatim"},
                    "es": {"sentences": [1], "kind": "paraphrase"},
                },
            },
        ],
        "pairs": [],
        "relations": [],
    }


TINY_LANGUAGES = {"src": "en", "copy": "en", "edit": "en", "es": "es"}


def _kinds(pairs: list[dict[str, Any]]) -> dict[tuple[Ref, Ref], str]:
    return {pair_refs(p): p["kind"] for p in pairs}


def test_build_script_applies_the_pair_rule(tmp_path: Path) -> None:
    path = _write_story(tmp_path, _tiny_gold(), TINY_LANGUAGES)
    assert load_build_script().main([str(path)]) == 0
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert _kinds(rewritten["pairs"]) == {
        (("src", 0), ("copy", 0)): "verbatim",
        (("src", 0), ("edit", 0)): "quote",
        (("src", 0), ("es", 0)): "paraphrase",
        (("copy", 0), ("edit", 0)): "quote",
        (("copy", 0), ("es", 0)): "paraphrase",
        (("edit", 0), ("es", 0)): "paraphrase",
        (("src", 1), ("edit", 1)): "verbatim",
        (("src", 1), ("es", 1)): "paraphrase",
        (("edit", 1), ("es", 1)): "paraphrase",
    }
    assert rewritten["units"] == _tiny_gold()["units"], "only the pairs are rewritten"


def test_build_script_keeps_overrides(tmp_path: Path) -> None:
    data = _tiny_gold()
    data["pair_overrides"] = [
        {
            "a": {"article": "edit", "sentence": 0},
            "b": {"article": "src", "sentence": 0},
            "kind": "edited",
        },
        {
            "a": {"article": "src", "sentence": 0},
            "b": {"article": "edit", "sentence": 1},
            "kind": "paraphrase",
        },
    ]
    path = _write_story(tmp_path, data, TINY_LANGUAGES)
    assert load_build_script().main([str(path)]) == 0
    kinds = _kinds(json.loads(path.read_text(encoding="utf-8"))["pairs"])
    assert kinds[(("src", 0), ("edit", 0))] == "edited"
    assert kinds[(("src", 0), ("edit", 1))] == "paraphrase"
    assert len(kinds) == 10


def test_build_script_refuses_boilerplate_and_unsettled_clashes(tmp_path: Path) -> None:
    build = load_build_script()
    data = _tiny_gold()
    data["units"][0]["members"]["copy"]["sentences"] = [1]
    with pytest.raises(build.GoldError, match="boilerplate"):
        build.build_pairs(data, TINY_LANGUAGES)
    data = _tiny_gold()
    data["units"].append(
        {
            "id": "u3",
            "note": "same pair, other kind",
            "members": {
                "src": {"sentences": [0], "kind": "origin"},
                "copy": {"sentences": [0], "kind": "edited"},
            },
        }
    )
    with pytest.raises(build.GoldError, match="different kinds"):
        build.build_pairs(data, TINY_LANGUAGES)
    data["pair_overrides"] = [
        {
            "a": {"article": "src", "sentence": 0},
            "b": {"article": "copy", "sentence": 0},
            "kind": "edited",
        }
    ]
    assert _kinds(build.build_pairs(data, TINY_LANGUAGES))[(("src", 0), ("copy", 0))] == "edited"
