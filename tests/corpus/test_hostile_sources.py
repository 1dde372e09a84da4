"""Hostile and broken sources (issue #7): each ends in one line naming it and the reason.

Most cases go through the command line, ``briefread compare``, as a user would meet them: the bad
source next to a good one, so that the rest of the work is seen to go on. Every line on stderr
must have the CLI's shape and no traceback may appear.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import corpus.load
from corpus.frontmatter import split_front_matter
from corpus.load import load_sources
from corpus.segment import segment
from tests.corpus.big_inputs import REPEATED, story_of
from tui.cli import main

GOOD = (
    "The passenger ferry to Orrin resumed sailing on Monday after a four-month refit, the port "
    "authority said.\n\nEngineers replaced both engines at a cost of 2.6 million crowns.\n"
)
LINE_STARTS = ("briefread: warning: ", "briefread: error: ", "briefread: wrote ")


class Run:
    """The outcome of one ``briefread compare --format json`` run."""

    def __init__(self, status: int, out: str, err: str) -> None:
        self.status = status
        self.out = out
        self.lines = err.splitlines()
        for line in self.lines:
            assert line.startswith(LINE_STARTS), f"not a briefread message: {line!r}"
        assert "Traceback" not in err

    @property
    def sources(self) -> list[str]:
        """The sources of the articles compared."""
        return [article["source"] for article in json.loads(self.out)["articles"]]

    @property
    def warnings(self) -> list[str]:
        return [line.removeprefix("briefread: warning: ") for line in self.lines]


@pytest.fixture
def compare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """Run ``briefread compare --format json ARGS…`` in ``tmp_path``, where good.txt is a
    readable article."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")

    def run(*args: str) -> Run:
        status = main(["compare", "--format", "json", *args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


def _write(path: Path, content: bytes | str) -> None:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
NO_ARTICLE_PAGE = (
    "<!doctype html><html><head><title>Vell Courier</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
    "<footer>© 2024 Vell Courier. All rights reserved.</footer></body></html>"
)

BAD_FILES = [
    ("empty.txt", b"", "is empty"),
    ("blank.md", "   \n\n\t\n", "no article text, skipped"),
    ("only-front-matter.md", "---\ntitle: Nothing yet\n---\n\n", "no article text, skipped"),
    ("nul.txt", b"Ferry\x00\x00\x01\x00news\x00" * 200, "looks like binary data, not text"),
    ("elf.bin", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4, "looks like binary data, not text"),
    ("photo.png", PNG, "looks like an image, not text"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "looks like an image, not text"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "looks like an image, not text"),
    (
        "report.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "PDF is not supported; save the article as text or HTML",
    ),
    (
        "report.txt",
        b"%PDF-1.4\n" + bytes(range(256)),
        "PDF is not supported; save the article as text or HTML",
    ),
    (
        "story.docx",
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(64),
        "looks like a ZIP archive (or a Word/ODF document), not text",
    ),
    ("nav.html", NO_ARTICLE_PAGE, "no article text found in the page"),
    ("blank.html", "<html><body>   </body></html>", "no article text found in the page"),
    ("script.html", "<html><body><script>var a = 1;</script></body></html>", "no article text"),
    ("headers.csv", "title,url\n", "no text column"),
    ("nothing.jsonl", "\n\n", "no articles in this file"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_one_warning_and_the_rest_goes_on(
    compare: Callable[..., Run], tmp_path: Path, name: str, content: bytes | str, reason: str
) -> None:
    _write(tmp_path / name, content)
    run = compare(name, "good.txt")
    assert run.status == 0
    assert run.sources == ["good.txt"]
    assert len(run.warnings) == 1
    assert run.warnings[0].startswith(f"{name}: {reason}")


def test_a_missing_path(compare: Callable[..., Run]) -> None:
    run = compare("nowhere/story.txt", "good.txt")
    assert run.status == 0
    assert run.warnings == ["nowhere/story.txt: no such file or directory"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may read any file"
)
def test_permission_denied(compare: Callable[..., Run], tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        run = compare("locked.txt", "good.txt")
    finally:
        locked.chmod(0o644)
    assert run.warnings == ["locked.txt: permission denied"]
    assert run.sources == ["good.txt"]


def test_permission_denied_as_the_loader_sees_it(
    compare: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same case where the tests run as root: the open call fails as it would for a user."""
    (tmp_path / "locked.txt").write_text(GOOD, encoding="utf-8")
    real_open = open

    def denying_open(path: str, *args: object, **kwargs: object) -> object:
        if os.path.basename(path) == "locked.txt":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(corpus.load, "open", denying_open, raising=False)
    run = compare("locked.txt", "good.txt")
    assert run.warnings == ["locked.txt: permission denied"]
    assert run.sources == ["good.txt"]


@pytest.mark.parametrize("files", [[], ["photo.jpg", "notes.docx", ".hidden.txt"]])
def test_a_directory_with_no_supported_files(
    compare: Callable[..., Run], tmp_path: Path, files: list[str]
) -> None:
    (tmp_path / "pictures").mkdir()
    for name in files:
        (tmp_path / "pictures" / name).write_bytes(b"\xff\xd8\xff")
    run = compare("pictures", "good.txt")
    assert run.sources == ["good.txt"]
    assert len(run.warnings) == 1
    assert run.warnings[0].startswith("pictures: no supported files in this directory (.txt ")


LEGACY = [
    ("cp1252", "Le café « Lumière » a rouvert mardi, a annoncé l’autorité portuaire — enfin."),
    (
        "latin-1",
        "Die Bürgermeisterin sagte am Dienstag, der Neubau der Brücke beginne im Frühjahr.",
    ),
    ("gb18030", "连接维尔港和奥林岛的客运渡轮将于周一恢复航行，港务局表示。"),
    ("shift_jis", "市当局は火曜日、新しい海浜公園が来年の春に開園すると発表した。"),
    ("utf-16", "The ferry returns on Monday — “at last”, islanders said. 市政府 café."),
    ("utf-16-be", "The ferry returns on Monday — “at last”, islanders said. 市政府 café."),
    ("utf-8-sig", "The ferry returns on Monday — “at last”, islanders said."),
]


@pytest.mark.parametrize(("encoding", "text"), LEGACY, ids=[e for e, _ in LEGACY])
def test_legacy_encodings_are_decoded_not_rejected(
    compare: Callable[..., Run], tmp_path: Path, encoding: str, text: str
) -> None:
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    (tmp_path / "legacy.txt").write_bytes(data)
    (article,) = load_sources(["legacy.txt"], warn=pytest.fail)
    assert article.text == text
    run = compare("legacy.txt")
    assert run.status == 0 and run.warnings == []
    assert run.sources == ["legacy.txt"]


def test_malformed_html_still_gives_its_text(compare: Callable[..., Run], tmp_path: Path) -> None:
    page = (
        "<html><body><div><p>The Orrin ferry <b>resumed sailing on Monday after a four-month "
        "refit, the port authority said in a statement.<p>Islanders had relied on a <i>chartered "
        "fishing boat carrying twelve passengers.</div></span></td></html"
    )
    (tmp_path / "broken.html").write_text(page, encoding="utf-8")
    run = compare("broken.html", "good.txt")
    assert run.warnings == []
    assert run.sources == ["broken.html", "good.txt"]
    (article,) = load_sources(["broken.html"], warn=pytest.fail)
    assert "resumed sailing on Monday after a four-month refit" in article.text
    assert "chartered fishing boat carrying twelve passengers" in article.text


def test_csv_with_missing_and_extra_columns(compare: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text(
        "title,text,outlet\n"
        'Ferry back,"The Orrin ferry resumed sailing on Monday after its refit.",Courier,extra,x\n'
        "Short row\n"
        'School roof,"The roof of the Orrin school was repaired over the holidays."\n',
        encoding="utf-8",
    )
    run = compare("export.csv")
    assert run.status == 0
    assert run.sources == ["export.csv#row-1", "export.csv#row-3"]
    assert run.warnings == ["export.csv#row-2: no article text, skipped"]


def test_jsonl_invalid_lines_are_skipped_with_their_numbers(
    compare: Callable[..., Run], tmp_path: Path
) -> None:
    lines = [
        json.dumps({"text": "The Orrin ferry resumed sailing on Monday after its refit."}),
        '{"text": "an unterminated string}',
        "",
        "[" * 100_000,
        json.dumps({"title": "Only a title"}),
        '"a bare string"',
        json.dumps({"text": "The roof of the Orrin school was repaired over the holidays."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = compare("feed.jsonl")
    assert run.status == 0
    assert run.sources == ["feed.jsonl#row-1", "feed.jsonl#row-7"]
    assert run.warnings == [
        "feed.jsonl: line 2 is not valid JSON (Unterminated string starting at), skipped",
        "feed.jsonl: line 4 is nested too deeply to read, skipped",
        "feed.jsonl#row-5: no article text, skipped",
        "feed.jsonl: line 6 is not a JSON object, skipped",
    ]


def test_a_file_of_bad_lines_gives_a_few_warnings_and_a_count(
    compare: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "wrong.jsonl").write_text("title,text\n" * 500, encoding="utf-8")
    run = compare("wrong.jsonl", "good.txt")
    assert run.sources == ["good.txt"]
    assert len(run.warnings) == 12
    assert run.warnings[0].startswith("wrong.jsonl: line 1 is not valid JSON")
    assert run.warnings[9].startswith("wrong.jsonl: line 10 is not valid JSON")
    assert run.warnings[10] == "wrong.jsonl: 490 more rows skipped (500 in all)"
    assert run.warnings[11] == "wrong.jsonl: no articles in this file"


def test_json_escapes_that_are_not_text_do_not_break_the_output(
    compare: Callable[..., Run], tmp_path: Path
) -> None:
    line = json.dumps({"text": "The ferry \ud800 resumed sailing on Monday.", "title": "\udfff"})
    (tmp_path / "odd.jsonl").write_text(line, encoding="utf-8")
    run = compare("odd.jsonl", "-o", "out.json")
    assert run.status == 0, run.lines
    written = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    (article,) = written["articles"]
    assert article["title"] == "\ufffd"
    assert "The ferry \ufffd resumed" in article["sentences"][0]["text"]


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="file names must be UTF-16/UTF-8")
def test_a_file_name_that_is_not_utf8(compare: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with open(os.path.join(os.fsencode(tmp_path / "folder"), b"caf\xe9.txt"), "wb") as file:
        file.write(GOOD.encode("utf-8"))
    run = compare("folder", "-o", "out.json")
    assert run.status == 0, run.lines
    written = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [a["source"] for a in written["articles"]] == [os.path.join("folder", "caf\ufffd.txt")]


def test_control_characters_in_a_name_stay_on_one_line(compare: Callable[..., Run]) -> None:
    run = compare("two\nlines\x1b[31m.txt", "good.txt")
    assert run.warnings == ["two\\nlines\\x1b[31m.txt: no such file or directory"]


def test_other_schemes_are_refused(compare: Callable[..., Run]) -> None:
    run = compare("ftp://files.example/story.txt", "file:///etc/hostname", "good.txt")
    assert run.warnings == [
        "ftp://files.example/story.txt: only http and https URLs are supported",
        "file:///etc/hostname: only http and https URLs are supported",
    ]


def test_no_usable_source_is_exit_2_and_one_error(
    compare: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n")
    run = compare("missing.txt", "empty.txt", "report.pdf")
    assert run.status == 2
    assert run.out == ""
    assert run.lines == [
        "briefread: warning: missing.txt: no such file or directory",
        "briefread: warning: empty.txt: is empty",
        "briefread: warning: report.pdf: PDF is not supported; save the article as text or HTML",
        "briefread: error: no readable articles in the sources given",
    ]


HOSTILE_PATTERNS = {
    "emphasis never closed": "*a ",
    "underscores never closed": "_a ",
    "comments never closed": "<!-- a ",
    "links never closed": "[a](",
    "images never closed": "![a](",
    "brackets never closed": "[a",
    "link titles never closed": '[a](x "',
    "nested emphasis": "**a _b ",
}


def _seconds(step: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    step(text)
    return time.perf_counter() - started


def _load_text(text: str) -> object:
    return load_sources(["-"], warn=lambda _: None, stdin=io.BytesIO(text.encode()))


def _front_matter(text: str) -> object:
    """A block of the text as one line, and a value padded with as many spaces."""
    split_front_matter(f"---\n{text}\n---\n")
    return split_front_matter(f"---\ntitle: x{' ' * len(text)}y\n---\n")


@pytest.mark.parametrize("unit", list(HOSTILE_PATTERNS.values()), ids=list(HOSTILE_PATTERNS))
@pytest.mark.parametrize("step", [_load_text, _front_matter], ids=["markdown", "front-matter"])
def test_hostile_markup_costs_time_in_proportion_to_its_length(
    unit: str, step: Callable[[str], object]
) -> None:
    """Text such as "*a *a *a …" once took 17 s for 60 KB and four times as long for twice that:
    here four times the text may take at most about four times as long (with a wide margin)."""
    small, large = unit * 5_000, unit * 20_000
    small_seconds = min(_seconds(step, small) for _ in range(2))
    assert _seconds(step, large) < 10 * small_seconds + 0.5


def test_a_file_over_max_size_is_refused_with_the_limit_and_how_to_raise_it(
    compare: Callable[..., Run], tmp_path: Path
) -> None:
    with open(tmp_path / "big.txt", "wb") as file:
        file.truncate(60_000_000)  # a sparse file: its size is all that is looked at
    run = compare("--max-size", "50", "big.txt")
    assert run.status == 2
    assert run.lines == [
        "briefread: warning: big.txt: is 60 MB, over the 50 MB limit (raise it with --max-size)",
        "briefread: error: no readable articles in the sources given",
    ]


FULL_SIZE = pytest.mark.skipif(
    not os.environ.get("BRIEFREAD_BIG_TESTS"),
    reason="full size takes about a minute; set BRIEFREAD_BIG_TESTS=1 to run it",
)


@pytest.mark.slow
@pytest.mark.parametrize("megabytes", [5, pytest.param(60, marks=FULL_SIZE)])
def test_a_large_text_file_is_loaded_and_segmented(tmp_path: Path, megabytes: int) -> None:
    """Within the default 100 MB limit. Time and memory are measured by
    ``scripts/fuzz_loaders.py --big`` rather than asserted here."""
    text = story_of(megabytes)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    (article,) = load_sources([str(tmp_path / "big.txt")], warn=pytest.fail)
    assert article.text == text.strip()
    sentences = segment(article.text)
    assert len(sentences) == 2 * text.count("\n\n")
    assert sentences[-1].end == len(article.text)


@pytest.mark.slow
@pytest.mark.parametrize("repeats", [100_000, pytest.param(1_000_000, marks=FULL_SIZE)])
def test_one_sentence_repeated_many_times(tmp_path: Path, repeats: int) -> None:
    sentence = REPEATED
    (tmp_path / "repeated.txt").write_text(sentence * repeats, encoding="utf-8")
    (article,) = load_sources([str(tmp_path / "repeated.txt")], warn=pytest.fail)
    sentences = segment(article.text)
    assert len(sentences) == repeats
    assert {s.text for s in sentences} == {sentence.strip()}
