"""load_csv and load_jsonl: one article a row, columns found by their common names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.errors import SourceError
from corpus.tabular import load_csv, load_jsonl

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_media_cloud_style_csv() -> None:
    warnings: list[str] = []
    articles = load_csv(_read("export_mediacloud.csv"), "mc.csv", warn=warnings.append)
    assert [a.source for a in articles] == ["mc.csv#row-1", "mc.csv#row-2", "mc.csv#row-5"]
    first = articles[0]
    assert first.text == (
        "The passenger ferry linking Vell Harbour with the island of Orrin will resume sailings "
        'on Monday.\n\nHarbour master Delphine Okafor said: "From Monday the timetable returns to '
        'six crossings a day."'
    )
    assert first.title == "Harbour ferry returns after winter repairs"
    assert first.outlet == "The Vell Courier"
    assert first.url == "https://courier.example/news/ferry"
    assert first.published == "2024-03-14 08:30:00"
    assert first.language == "en"
    assert first.id == ""
    # Extra cells beyond the header are ignored.
    assert articles[2].outlet == "La Gazette d'Orrin"
    assert articles[2].language == "fr"
    assert warnings == [
        "mc.csv#row-3: no article text, skipped",
        "mc.csv#row-4: no article text, skipped",  # a short row: its text cell is missing
    ]


def test_semicolons_and_other_column_names() -> None:
    articles = load_csv(_read("export_headlines.csv"), "h.csv", warn=pytest.fail)
    assert len(articles) == 2
    school = articles[1]
    assert school.source == "h.csv#row-2"
    assert school.title == "Orrin school roof repaired"
    assert school.text.startswith("The roof of the Orrin primary school")
    assert school.url == "https://islandtimes.example/school"
    assert school.outlet == "Island Times"
    assert school.published == "2024-01-08"
    assert school.language == "en"


def test_no_text_column_names_the_file_and_its_columns() -> None:
    with pytest.raises(SourceError) as caught:
        load_csv(_read("export_no_text.csv"), "exports/no_text.csv", warn=pytest.fail)
    assert caught.value.source == "exports/no_text.csv"
    assert "no text column" in caught.value.reason
    assert "'ID', 'Title', 'URL', 'Word Count'" in caught.value.reason


def test_tabs_blank_lines_and_a_bom() -> None:
    data = "\ufeffTEXT\tTitle\n\nFirst story text.\tOne\n\nSecond story text.\tTwo\n"
    articles = load_csv(data.encode("utf-8"), "t.tsv", warn=pytest.fail)
    assert [(a.source, a.text, a.title) for a in articles] == [
        ("t.tsv#row-1", "First story text.", "One"),
        ("t.tsv#row-2", "Second story text.", "Two"),
    ]


def test_legacy_encoded_csv() -> None:
    data = "title,body\nCafé reopens,Le café « Lumière » a rouvert ses portes mardi.\n"
    articles = load_csv(data.encode("cp1252"), "fr.csv", warn=pytest.fail)
    assert articles[0].text == "Le café « Lumière » a rouvert ses portes mardi."


def test_fields_larger_than_the_csv_default_limit() -> None:
    long_text = "The ferry sails at dawn. " * 20_000  # 500,000 characters, over 128 KiB
    data = "content\n" + f'"{long_text}"\n'
    articles = load_csv(data.encode(), "big.csv", warn=pytest.fail)
    assert articles[0].text == long_text.strip()


def test_header_only_csv_has_no_articles() -> None:
    assert load_csv(b"title,text\n", "empty.csv", warn=pytest.fail) == []


def test_empty_csv_is_an_error() -> None:
    with pytest.raises(SourceError, match="is empty"):
        load_csv(b"", "nothing.csv", warn=pytest.fail)


def test_json_lines_export() -> None:
    warnings: list[str] = []
    articles = load_jsonl(_read("export.jsonl"), "feed.jsonl", warn=warnings.append)
    assert [a.source for a in articles] == [
        "feed.jsonl#row-1",
        "feed.jsonl#row-3",
        "feed.jsonl#row-7",
    ]
    courier, island, chinese = articles
    assert courier.title == "Harbour ferry returns after winter repairs"
    assert courier.outlet == "The Vell Courier"  # from {"source": {"name": …}}
    assert courier.url == "https://courier.example/news/ferry"
    assert courier.published == "2024-03-14T08:30:00Z"
    assert courier.language == "en"
    assert island.outlet == "Island Times"
    assert island.language == "en"
    assert chinese.text == "连接维尔港和奥林岛的客运渡轮将于周一恢复航行。"
    assert chinese.outlet == "奥林日报"
    assert len(warnings) == 3
    assert warnings[0].startswith("feed.jsonl: line 4 is not valid JSON")
    assert warnings[1] == "feed.jsonl#row-5: no article text, skipped"
    assert warnings[2] == "feed.jsonl: line 6 is not a JSON object, skipped"


def test_json_lines_without_any_text_field() -> None:
    data = "\n".join(
        json.dumps({"Title": f"Story {n}", "URL": "https://x.example"}) for n in (1, 2)
    )
    with pytest.raises(SourceError) as caught:
        load_jsonl(data.encode(), "meta.jsonl", warn=pytest.fail)
    assert "no text column" in caught.value.reason
    assert "'Title', 'URL'" in caught.value.reason


def test_json_lines_values_that_are_not_strings() -> None:
    line = json.dumps({"text": "Ferry returns.", "title": None, "published": 2024, "lang": True})
    (article,) = load_jsonl(line.encode(), "odd.jsonl", warn=pytest.fail)
    assert article.title is None
    assert article.published == "2024"
    assert article.language is None


def test_many_rows_without_text_give_ten_warnings_and_a_count() -> None:
    data = "title,text\n" + "".join(f"Story {n},\n" for n in range(1, 26)) + "Last,Ferry news.\n"
    warnings: list[str] = []
    (article,) = load_csv(data.encode(), "sparse.csv", warn=warnings.append)
    assert article.source == "sparse.csv#row-26"
    assert warnings == [
        *(f"sparse.csv#row-{n}: no article text, skipped" for n in range(1, 11)),
        "sparse.csv: 15 more rows skipped (25 in all)",
    ]


def test_json_lines_nested_too_deeply_or_with_lone_surrogates() -> None:
    data = "[" * 50_000 + '\n{"text": "Ferry \\ud800 news.", "title": "\\udfff"}\n'
    warnings: list[str] = []
    (article,) = load_jsonl(data.encode(), "deep.jsonl", warn=warnings.append)
    assert warnings == ["deep.jsonl: line 1 is nested too deeply to read, skipped"]
    assert (article.text, article.title) == ("Ferry \ufffd news.", "\ufffd")
