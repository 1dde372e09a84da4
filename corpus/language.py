"""Which language an article is in, from its function words and its script."""

from __future__ import annotations

import re

from corpus.lexicon import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
)
_OTHER_SCRIPT = re.compile("|".join(pattern.pattern for _, pattern in _SCRIPTS))


def detect_language(text: str, sample: int = 20_000) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text says too little.

    Scripts other than Latin decide at once (kana before Han, so Japanese is not read as
    Chinese); Latin-script text is scored by the share of its words that are one language's
    function words (English, Spanish, French, German, Italian, Portuguese).
    """
    head = text[:sample]
    if _OTHER_SCRIPT.search(head):  # most texts have not a single letter of those scripts
        letters = sum(map(str.isalpha, head)) or 1
        for code, pattern in _SCRIPTS:
            if len(pattern.findall(head)) / letters > (0.05 if code == "ja" else 0.3):
                return code
    words = list(map(str.lower, _WORD.findall(head)))
    if len(words) < 5:
        return None
    scores = {
        code: sum(map(stop.__contains__, words)) / len(words) for code, stop in STOPWORDS.items()
    }
    code, best = max(scores.items(), key=lambda kv: kv[1])
    return code if best >= 0.1 else None
