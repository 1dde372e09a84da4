"""Which language an article is in: by script, else by function words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.language import _SCRIPTS, _WORD, detect_language
from corpus.lexicon import STOPWORDS

TEXTS = {
    "en": "The council of Port Elandra voted on Tuesday to build a tidal array in the narrows.",
    "es": "El consejo de Puerto Elandra votó el martes para construir una central en el estrecho.",
    "fr": "Le conseil de Port Elandra a voté mardi pour construire une centrale dans le détroit.",
    "de": "Der Rat von Port Elandra hat am Dienstag für den Bau eines Kraftwerks in der Meerenge "
    "gestimmt.",
    "ru": "Совет Порт-Эландры во вторник проголосовал за строительство приливной станции.",
    "ar": "صوت مجلس بورت إيلاندرا يوم الثلاثاء على بناء محطة للطاقة في المضيق.",
    "ja": "ポートエランドラの議会は火曜日、海峡に潮力発電所を建設することを可決した。",
    "zh": "埃兰德拉港议会周二投票通过在海峡建设潮汐发电站的计划。",
    "ko": "포트 엘란드라 의회는 화요일 해협에 조력 발전소를 짓기로 의결했다.",
    "el": "Το συμβούλιο του Πορτ Ελάντρα ψήφισε την Τρίτη για τον σταθμό στα στενά.",
    "he": "מועצת פורט אלנדרה הצביעה ביום שלישי על הקמת תחנת כוח במצר.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_each_language_is_told_by_its_script_or_function_words(code: str) -> None:
    assert detect_language(TEXTS[code]) == code


def test_a_few_letters_of_another_script_do_not_decide() -> None:
    text = TEXTS["en"] + " The mayor, Ольга Вэнс, said the plan was sound and the vote was fair."
    assert detect_language(text) == "en"


def test_a_text_that_says_too_little_has_no_language() -> None:
    assert detect_language("Port Elandra, 2026.") is None
    assert detect_language("") is None


def _reference(text: str, sample: int = 20_000) -> str | None:
    """The rule written plainly: every script counted, every word looked up."""
    head = text[:sample]
    letters = sum(1 for c in head if c.isalpha()) or 1
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(head)) / letters > (0.05 if code == "ja" else 0.3):
            return code
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < 5:
        return None
    scores = {
        code: sum(1 for w in words if w in stop) / len(words) for code, stop in STOPWORDS.items()
    }
    code, best = max(scores.items(), key=lambda kv: kv[1])
    return code if best >= 0.1 else None


PIECES = st.sampled_from([*TEXTS.values(), "İstanbul", "la", "der", "the", "の", "中", "Ω", "42"])


@given(st.lists(PIECES, max_size=12), st.sampled_from([20_000, 40, 7]))
def test_detection_follows_the_rule_as_written(pieces: list[str], sample: int) -> None:
    text = " ".join(pieces)
    assert detect_language(text, sample) == _reference(text, sample)
