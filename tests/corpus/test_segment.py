"""Sentence and paragraph segmentation of news text (corpus.segment)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.segment import segment
from corpus.sentence import Sentence

ROOT = Path(__file__).resolve().parents[2]

CASES: list[tuple[str, str, list[str]]] = [
    # Abbreviations.
    (
        "us_then_sentence_starter",
        "The plan was approved in the U.S. The next day, the council met again.",
        ["The plan was approved in the U.S.", "The next day, the council met again."],
    ),
    (
        "us_before_a_name",
        "A grant from the U.S. Marine Energy Fund covers part of the cost. Work starts soon.",
        [
            "A grant from the U.S. Marine Energy Fund covers part of the cost.",
            "Work starts soon.",
        ],
    ),
    (
        "uk_and_un",
        "Officials from the U.K. and the U.N. attended the vote. They left early.",
        ["Officials from the U.K. and the U.N. attended the vote.", "They left early."],
    ),
    (
        "corp_inside_sentence",
        "Shares of Brackwater Tidal Power Corp. rose 4% on Tuesday. The company was pleased.",
        ["Shares of Brackwater Tidal Power Corp. rose 4% on Tuesday.", "The company was pleased."],
    ),
    (
        "corp_ends_sentence_orthographic_evidence",
        "Investors bought shares on Monday. The turbines will be built by Halden Marine Corp. "
        "Shares rose 4% after the vote.",
        [
            "Investors bought shares on Monday.",
            "The turbines will be built by Halden Marine Corp.",
            "Shares rose 4% after the vote.",
        ],
    ),
    (
        "inc_and_ltd",
        "Acme Inc. said it would hire 600 workers from Gannet Ltd. It gave no date.",
        ["Acme Inc. said it would hire 600 workers from Gannet Ltd.", "It gave no date."],
    ),
    (
        "month_abbreviations",
        "Construction begins on Jan. 11, 2027, the company said. Power follows in Sept. 2028.",
        [
            "Construction begins on Jan. 11, 2027, the company said.",
            "Power follows in Sept. 2028.",
        ],
    ),
    (
        "month_abbreviation_ends_sentence",
        "The contract was signed in Dec. The work starts in the spring.",
        ["The contract was signed in Dec.", "The work starts in the spring."],
    ),
    (
        "gov_sen_rep",
        "Gov. Hal Brenner and Sen. Ada Quist backed the plan. Rep. Lou Marr voted against it.",
        ["Gov. Hal Brenner and Sen. Ada Quist backed the plan.", "Rep. Lou Marr voted against it."],
    ),
    (
        "personal_titles",
        "Dr. Young and Mrs. Vance met Prof. Reyes on Tuesday. Mr. Ostrova did not attend.",
        ["Dr. Young and Mrs. Vance met Prof. Reyes on Tuesday.", "Mr. Ostrova did not attend."],
    ),
    (
        "saint_and_number",
        "The office on St. Mary Street is No. 4 on the list. It opens at 9 a.m. on Monday.",
        [
            "The office on St. Mary Street is No. 4 on the list.",
            "It opens at 9 a.m. on Monday.",
        ],
    ),
    (
        "pm_ends_sentence",
        "The vote ended at 11 p.m. The council adjourned.",
        ["The vote ended at 11 p.m.", "The council adjourned."],
    ),
    (
        "pm_before_a_name",
        "The vote ended at 11 p.m. Tuesday, officials said.",
        ["The vote ended at 11 p.m. Tuesday, officials said."],
    ),
    (
        "eg_ie_vs",
        "Several groups, e.g. fishing cooperatives, objected. Others, i.e. the unions, agreed. "
        "It was Vance vs. Ortega.",
        [
            "Several groups, e.g. fishing cooperatives, objected.",
            "Others, i.e. the unions, agreed.",
            "It was Vance vs. Ortega.",
        ],
    ),
    (
        "etc_ends_sentence",
        "They discussed turbines, cables, etc. The vote came later.",
        ["They discussed turbines, cables, etc.", "The vote came later."],
    ),
    (
        "words_that_look_like_abbreviations",
        "The crowd waited in the sun. Officials watched from the quay. Nobody said no. "
        "Turbines rose from the sea.",
        [
            "The crowd waited in the sun.",
            "Officials watched from the quay.",
            "Nobody said no.",
            "Turbines rose from the sea.",
        ],
    ),
    # Initials.
    (
        "initials",
        "J. R. Harlow, the chief executive, signed the deal. He left at noon.",
        ["J. R. Harlow, the chief executive, signed the deal.", "He left at noon."],
    ),
    (
        "middle_initial",
        "The report by Ana M. Kessler was published on Monday. It runs to 40 pages.",
        ["The report by Ana M. Kessler was published on Monday.", "It runs to 40 pages."],
    ),
    (
        "single_letter_ends_sentence",
        "The council chose Plan B. The mayor agreed.",
        ["The council chose Plan B.", "The mayor agreed."],
    ),
    # Decimals and money.
    (
        "decimals_and_money",
        "The array will cost $1.2 billion and supply 3.5% of demand. Its output is 160 MW.",
        ["The array will cost $1.2 billion and supply 3.5% of demand.", "Its output is 160 MW."],
    ),
    (
        "european_thousands",
        "El proyecto costará 1.200 millones de dólares. La obra empezará en 2027.",
        ["El proyecto costará 1.200 millones de dólares.", "La obra empezará en 2027."],
    ),
    (
        "number_ends_sentence",
        "The council voted 7-2. The mayor welcomed the result in 2026. 12 members spoke.",
        ["The council voted 7-2.", "The mayor welcomed the result in 2026.", "12 members spoke."],
    ),
    # Quotes and brackets that close a sentence.
    (
        "curly_quote_closes_sentence",
        "“We will rebuild the harbour.” The mayor spoke after the vote.",
        ["“We will rebuild the harbour.”", "The mayor spoke after the vote."],
    ),
    (
        "straight_quote_closes_sentence",
        'She said: "The tide will keep our lights on." Then she left.',
        ['She said: "The tide will keep our lights on."', "Then she left."],
    ),
    (
        "question_in_quote_then_attribution",
        "“Why now?” asked one resident. The mayor did not answer!",
        ["“Why now?” asked one resident.", "The mayor did not answer!"],
    ),
    (
        "single_quote_closes_sentence",
        "‘It will take years.’ The engineers agreed.",
        ["‘It will take years.’", "The engineers agreed."],
    ),
    (
        "bracket_closes_sentence",
        "The council approved the plan. (The bonds were approved separately.) Work begins soon.",
        [
            "The council approved the plan.",
            "(The bonds were approved separately.)",
            "Work begins soon.",
        ],
    ),
    # Datelines.
    (
        "dateline",
        "PORT ELANDRA, March 4 (MWS) — The council voted 7-2 late Tuesday to approve the array. "
        "The vote followed a long debate.",
        [
            "PORT ELANDRA, March 4 (MWS) — The council voted 7-2 late Tuesday to approve the "
            "array.",
            "The vote followed a long debate.",
        ],
    ),
    (
        "dateline_with_abbreviations",
        "ST. LOUIS, Jan. 5 (MWS) — Halden Marine Corp. said on Monday it would expand. "
        "The plan needs approval.",
        [
            "ST. LOUIS, Jan. 5 (MWS) — Halden Marine Corp. said on Monday it would expand.",
            "The plan needs approval.",
        ],
    ),
    (
        "dateline_on_its_own_line",
        "PORT ELANDRA, March 4 (MWS) —\nThe council voted on Tuesday.\n\nThe vote was close.",
        ["PORT ELANDRA, March 4 (MWS) —\nThe council voted on Tuesday.", "The vote was close."],
    ),
    # Headlines and subheadings without a full stop.
    (
        "headline_then_body",
        "Council approves tidal array\nThe Port Elandra council voted 7-2 on Tuesday to approve "
        "a tidal array.\n\nWork begins next year.",
        [
            "Council approves tidal array",
            "The Port Elandra council voted 7-2 on Tuesday to approve a tidal array.",
            "Work begins next year.",
        ],
    ),
    (
        "subheading_inside_block",
        "The vote was close.\n\nWhat happens next\nConstruction begins in January.",
        ["The vote was close.", "What happens next", "Construction begins in January."],
    ),
    (
        "headline_alone_in_paragraph",
        "Tidal array approved\n\nThe council voted on Tuesday.",
        ["Tidal array approved", "The council voted on Tuesday."],
    ),
    # Bullet lists.
    (
        "bullet_markers",
        "Key facts:\n- 48 turbines on the seabed\n- Up to 160 megawatts\n* Built from 2027\n"
        "• Cost: $1.2 billion\n1. First phase in 2028.\n2) Second phase in 2030\n\nMore soon.",
        [
            "Key facts:",
            "48 turbines on the seabed",
            "Up to 160 megawatts",
            "Built from 2027",
            "Cost: $1.2 billion",
            "First phase in 2028.",
            "Second phase in 2030",
            "More soon.",
        ],
    ),
    (
        "bullet_with_wrapped_continuation",
        "- The council will vote\n  on Tuesday. The mayor agrees.\n- Work starts in May.\n\nEnd.",
        [
            "The council will vote\n  on Tuesday.",
            "The mayor agrees.",
            "Work starts in May.",
            "End.",
        ],
    ),
    (
        "bullets_without_blank_lines",
        "Key facts\n- 48 turbines\n- 160 megawatts",
        ["Key facts", "48 turbines", "160 megawatts"],
    ),
    # CJK sentence ends.
    (
        "chinese",
        "港口城市议会周二批准了潮汐能项目。该项目耗资12亿美元！会按时完工吗？市长说：「会的。」",
        [
            "港口城市议会周二批准了潮汐能项目。",
            "该项目耗资12亿美元！",
            "会按时完工吗？",
            "市长说：「会的。」",
        ],
    ),
    (
        "japanese",
        "議会は計画を承認した。工事は来年始まる。",
        ["議会は計画を承認した。", "工事は来年始まる。"],
    ),
    # Soft line breaks in hard-wrapped text.
    (
        "soft_line_breaks",
        "The Port Elandra council voted on Tuesday to approve a tidal\narray in the Hollin "
        "Narrows. The array will have 48\nturbines.\n\nWork begins in 2027.",
        [
            "The Port Elandra council voted on Tuesday to approve a tidal\narray in the Hollin "
            "Narrows.",
            "The array will have 48\nturbines.",
            "Work begins in 2027.",
        ],
    ),
    (
        "wrapped_line_ending_in_a_name",
        "Supporters of the tidal array in the harbor cheered when Mayor Teodora\n"
        "Vance read the result aloud.\n\nThe vote was 7-2.",
        [
            "Supporters of the tidal array in the harbor cheered when Mayor Teodora\n"
            "Vance read the result aloud.",
            "The vote was 7-2.",
        ],
    ),
    # Texts without blank lines: every line is a paragraph.
    (
        "no_blank_lines",
        "Council approves tidal array\nThe council voted on Tuesday.\nWork begins in 2027. "
        "It will take two years.",
        [
            "Council approves tidal array",
            "The council voted on Tuesday.",
            "Work begins in 2027.",
            "It will take two years.",
        ],
    ),
    (
        "crlf_line_ends",
        "First line.\r\nSecond line.\r\n\r\nThird paragraph.",
        ["First line.", "Second line.", "Third paragraph."],
    ),
    # Ellipses, URLs and e-mail addresses.
    (
        "ellipses",
        "The mayor said the plan was … complicated. The council agreed... Then it voted.",
        ["The mayor said the plan was … complicated.", "The council agreed...", "Then it voted."],
    ),
    (
        "urls_and_emails",
        "Details are at https://port-elandra.example/tidal.html?id=4 or from "
        "press@port-elandra.example. The site opens on Monday.",
        [
            "Details are at https://port-elandra.example/tidal.html?id=4 or from "
            "press@port-elandra.example.",
            "The site opens on Monday.",
        ],
    ),
    # Other languages.
    (
        "spanish_titles",
        "La Sra. Vance y el Sr. Ortega firmaron el acuerdo en EE.UU. La obra empezará en 2027.",
        [
            "La Sra. Vance y el Sr. Ortega firmaron el acuerdo en EE.UU.",
            "La obra empezará en 2027.",
        ],
    ),
    (
        "german_ordinal_date",
        "Die Arbeiten beginnen am 4. März 2027, sagte Dr. Vance. Der Rat stimmte zu.",
        ["Die Arbeiten beginnen am 4. März 2027, sagte Dr. Vance.", "Der Rat stimmte zu."],
    ),
    (
        "german_zb",
        "Einige Gruppen, z.B. Fischer, protestierten. Sie wurden gehört.",
        ["Einige Gruppen, z.B. Fischer, protestierten.", "Sie wurden gehört."],
    ),
    (
        "french_initial_title",
        "M. Dupont a signé l'accord avec Mme. Vance. Le chantier commence en 2027.",
        ["M. Dupont a signé l'accord avec Mme. Vance.", "Le chantier commence en 2027."],
    ),
]


def _texts(sentences: tuple[Sentence, ...]) -> list[str]:
    return [sentence.text for sentence in sentences]


def _check_invariants(text: str, sentences: tuple[Sentence, ...]) -> None:
    previous_end = 0
    for number, sentence in enumerate(sentences):
        assert sentence.index == number
        assert 0 <= previous_end <= sentence.start < sentence.end <= len(text)
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end
    paragraphs = [sentence.paragraph for sentence in sentences]
    assert paragraphs == sorted(paragraphs)
    if paragraphs:
        assert paragraphs[0] == 0
        assert set(paragraphs) == set(range(paragraphs[-1] + 1))


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _texts(segment(text)) == expected


@pytest.mark.parametrize("text", [case[1] for case in CASES], ids=[c[0] for c in CASES])
def test_offsets_invariant(text: str) -> None:
    _check_invariants(text, segment(text))


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("One. Two.\n\nThree.\n\n\n\nFour. Five.", [0, 0, 1, 2, 2]),
        ("Headline\nOne. Two.\nThree.", [0, 1, 1, 2]),
        ("Wrapped line one\ncontinues here.\n\n- item\n- item two\n\nLast.", [0, 1, 1, 2]),
        ("\n\n  Leading blank lines.  \n\n", [0]),
        ("", []),
        (" \n\t\n ", []),
    ],
)
def test_paragraph_numbers(text: str, paragraphs: list[int]) -> None:
    sentences = segment(text)
    assert [sentence.paragraph for sentence in sentences] == paragraphs
    _check_invariants(text, sentences)


def test_bullet_marker_is_excluded_from_offsets() -> None:
    text = "Facts:\n\n- 48 turbines\n  1) 160 megawatts"
    sentences = segment(text)
    assert [(s.start, s.end) for s in sentences] == [(0, 6), (10, 21), (27, 40)]


def test_language_adds_its_ambiguous_abbreviations() -> None:
    text = "Le dossier est suivi par Me. Dupont depuis mars."
    assert len(segment(text)) == 2
    assert _texts(segment(text, "fr")) == [text]
    assert _texts(segment(text, "fr-BE")) == [text]


def test_flags_come_from_boilerplate_and_quote() -> None:
    text = (
        "PORT ELANDRA, March 4 (MWS) — The council approved the array.\n\n"
        "“It will keep our lights on for a century,” the mayor said. The plan is “green”.\n\n"
        "Share this article\n\n"
        "© 2026 Meridian Wire Service"
    )
    sentences = segment(text)
    assert [(s.boilerplate, s.quote) for s in sentences] == [
        (False, False),
        (False, True),
        (False, False),
        (True, False),
        (True, False),
    ]


def test_press_release_about_section_is_boilerplate() -> None:
    text = (
        "Brackwater Tidal Power Corp. will build the array. Work starts in 2027.\n\n"
        "The first turbines follow in 2028.\n\n"
        "About Brackwater Tidal Power\n\n"
        "Brackwater builds tidal power plants. It employs 400 people.\n\n"
        "Media contact: Ines Moll, press@brackwater.example\n\n###"
    )
    flags = [s.boilerplate for s in segment(text)]
    assert flags == [False, False, False, True, True, True, True, True]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        ".",
        "...",
        "。",
        "- ",
        "-",
        "1.",
        "“",
        "U.S.",
        "\u2028\u2029\x1c",
        "a\u2028b\u2029c\x85d",
        "\ufeffByte order mark. Then text.",
        "Mr.\n\nDr.",
        ") . ( ! ?",
        "e\u0301t\u00e9. Caf\u00e9.",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢. 🙂 Emoji sentence. ǅ title case.",
    ],
)
def test_odd_inputs_keep_invariants(text: str) -> None:
    _check_invariants(text, segment(text))


_FRAGMENTS = st.sampled_from(
    [
        " ", "\n", "\n\n", "\r\n", "\t", "\u3000", "\u00a0", ".", "!", "?", "…", "...", "。",
        "！", "？", "“", "”", '"', "'", "‘", "’", "«", "»", "(", ")", "- ", "* ", "• ", "1. ",
        "2) ", "U.S.", "Corp.", "Jan.", "Dr.", "J.", "$1.2", "3.5%", "The", "the", "said",
        "council", "Vance", "港口", "é", "e.g.", "www.example.com", "a@b.example", "###",
        "Share this article", "About Acme", "\u2028", "\x1c", "\x0b",
    ]
)  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_property_news_like_text(text: str) -> None:
    _check_invariants(text, segment(text))


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_property_any_unicode_text(text: str) -> None:
    _check_invariants(text, segment(text))


def test_repeated_sentence_scales_linearly() -> None:
    sentence = "The council met on Tuesday and approved the plan. "
    small = sentence * 20_000
    large = sentence * 100_000
    started = time.perf_counter()
    assert len(segment(small)) == 20_000
    small_seconds = time.perf_counter() - started
    started = time.perf_counter()
    assert len(segment(large)) == 100_000
    large_seconds = time.perf_counter() - started
    # Five times the text; quadratic growth would take about 25 times as long.
    assert large_seconds < 12 * small_seconds + 0.5


@pytest.mark.slow
def test_five_megabytes_in_a_few_seconds() -> None:
    paragraph = (
        "PORT ELANDRA, March 4 (MWS) — The council voted 7-2 to approve a $1.2 billion array "
        "in the U.S. state's largest harbor. “It will keep our lights on,” Mayor Teodora Vance "
        "said. Brackwater Tidal Power Corp. will build it; work starts on Jan. 11, 2027.\n\n"
    )
    text = paragraph * (5_000_000 // len(paragraph) + 1)
    started = time.perf_counter()
    sentences = segment(text)
    assert time.perf_counter() - started < 15
    assert len(sentences) == 3 * (5_000_000 // len(paragraph) + 1)


def test_importing_the_segmenter_loads_neither_nltk_nor_textual() -> None:
    code = (
        "import sys, corpus.segment, corpus.quote, corpus.boilerplate; "
        "corpus.segment.segment('In the U.S. The end.'); "
        "print('nltk' in sys.modules, 'textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
