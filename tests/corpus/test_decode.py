"""decode_bytes: BOMs, UTF-8, legacy encodings, and refusing what is not text."""

from __future__ import annotations

import pytest

from corpus.decode import decode_bytes
from corpus.errors import SourceError

FRENCH = (
    "Le ministre a déclaré « nous irons plus loin » lors d’une conférence à Genève. "
    "Le coût du projet atteint 4,2 millions d’euros — soit 12 € par habitant."
)
GERMAN = (
    "Die Bürgermeisterin der Stadt Flußheim sagte am Dienstag, der Neubau der Brücke über den "
    "Fluss werde im Frühjahr beginnen. Für die Anwohner ändert sich zunächst wenig."
)
CHINESE = (
    "市政府周二宣布，新的海滨公园将于明年春天开放。官员表示，该项目耗资约三亿元，"
    "将为市民提供更多休闲空间。"
)
JAPANESE = (
    "市当局は火曜日、新しい海浜公園が来年の春に開園すると発表した。"
    "関係者によると、事業費は約三十億円で、市民の憩いの場になるという。"
)
MIXED = "Ferry returns — Orrin’s “Star” sails again.\nLine two: 市政府 café."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "cp1252"),
        (GERMAN, "latin-1"),
        (CHINESE, "gb18030"),
        (JAPANESE, "shift_jis"),
        ("Café “Lumière” opened on Tuesday.", "cp1252"),
        ("Señor Núñez said “yes”.", "cp1252"),
        ("title,body\nCafé reopens,Le café « Lumière » a rouvert ses portes mardi.\n", "cp1252"),
        ("Starostka města v úterý oznámila, že stavba nového mostu začne na jaře.", "cp1250"),
        (
            "Władze miasta ogłosiły we wtorek, że nowy park nad rzeką zostanie otwarty wiosną.",
            "cp1250",
        ),
        ("Belediye başkanı salı günü yeni köprünün inşaatına başlanacağını açıkladı.", "cp1254"),
        ("Власти города во вторник объявили, что новый парк откроется весной.", "cp1251"),
        ("市政府週二宣布，新的海濱公園將於明年春天開放。官員表示，該項目耗資約三億元。", "big5"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "story.txt") == text


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"]
)
def test_byte_order_marks_decide_and_are_dropped(encoding: str) -> None:
    data = MIXED.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    assert decode_bytes(data, "story.txt") == MIXED


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_wide_unicode_without_bom_when_clear(encoding: str) -> None:
    text = "The ferry returns on Monday, the port authority said.\nIslanders are pleased."
    assert decode_bytes(text.encode(encoding), "story.txt") == text


def test_utf8_wins_over_a_wrong_declaration() -> None:
    assert decode_bytes(MIXED.encode(), "page.html", declared="iso-8859-1") == MIXED


def test_a_declared_charset_is_used_for_non_utf8() -> None:
    text = "Die Brücke über den Fluss."
    # Latin-1 is read as Windows-1252, as browsers do, so curly quotes survive too.
    assert decode_bytes(text.encode("cp1252"), "page.html", declared="ISO-8859-1") == text
    assert decode_bytes(CHINESE.encode("gbk"), "page.html", declared="gbk") == CHINESE


def test_an_unknown_declared_charset_falls_back_to_detection() -> None:
    assert decode_bytes(FRENCH.encode("cp1252"), "p.html", declared="x-no-such") == FRENCH


def test_line_endings_become_newlines() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\nfour", "a.txt") == "one\ntwo\nthree\nfour"
    assert decode_bytes("a\r\nb".encode("utf-16"), "a.txt") == "a\nb"


def test_a_bom_after_detection_is_dropped() -> None:
    assert decode_bytes(b"\xef\xbb\xbfHello", "a.txt") == "Hello"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "PDF is not supported; save the article as text or HTML",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like an image, not text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "looks like an image, not text"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00", "looks like an image, not text"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "looks like an image, not text"),
        (b"PK\x03\x04\x14\x00\x06\x00", "looks like a ZIP archive"),
        (bytes(range(256)) * 8, "looks like binary data, not text"),
        (
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00",
            "looks like binary data",
        ),
    ],
)
def test_non_text_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode_bytes(data, "thing.bin")
    assert caught.value.source == "thing.bin"
    assert caught.value.reason.startswith(reason)


def test_control_bytes_without_nul_are_binary() -> None:
    noise = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 0x80, 0xC3, 0xFE]) * 40
    with pytest.raises(SourceError, match="binary data"):
        decode_bytes(noise, "noise.dat")


def test_text_that_starts_like_bmp_is_still_text() -> None:
    text = "BMW and its suppliers said on Monday that production would resume."
    assert decode_bytes(text.encode(), "bmw.txt") == text
