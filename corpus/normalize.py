"""Fold surface differences away so that only real wording differences remain.

Case, Unicode quotes and dashes, accents (for comparison across languages), "U.S."/"US",
British/American spelling and number forms ("1,200", "1.2 thousand", "twelve" / "a dozen") are
folded. Offsets are not kept: normalised text is only ever compared, never shown.
"""

from __future__ import annotations

import math
import re
import unicodedata

from corpus.lexicon import CURRENCY_WORDS, NUMBER_WORDS, SCALE_WORDS, american_spelling

_PUNCT_MAP = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "−": "-",
        "‐": "-",
        "\u00a0": " ",
    }
)

# Dotted abbreviations whose dots vary between outlets: "U.S." and "US" are the same word.
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
# A token: a number with separators ("1,200.50", "1.200"), or a word with inner apostrophes.
TOKEN = re.compile(r"\d++(?:[.,]\d++)*+|[^\W\d_]++(?:['’-][^\W\d_]++)*+", re.UNICODE)
"""(Possessive quantifiers: nothing after a run could make giving part of it back succeed, so
they find the same tokens as plain ones, without keeping the states to backtrack to.)"""
_ASCII_TOKEN = re.compile(r"[0-9]++(?:[.,][0-9]++)*+|[A-Za-z]++(?:['-][A-Za-z]++)*+")
"""``TOKEN`` for ASCII text (most text), where it means the same: faster, as it tests character
ranges rather than Unicode categories."""
POSSESSIVE = re.compile(r"['’]s$")
_DECIMAL_COMMA_LANGS = frozenset({"es", "fr", "de", "it", "pt", "nl", "ru", "pl", "sv", "da"})


def fold(text: str) -> str:
    """NFKC, quotes and dashes to ASCII, dotted abbreviations undotted; case is kept."""
    if not text.isascii():  # ASCII text is its own NFKC form, and _PUNCT_MAP maps no ASCII
        text = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)
    if text.count(".") < 2:  # a dotted abbreviation has two full stops at least
        return text
    return _DOTTED.sub(_undotted, text)


def _undotted(match: re.Match[str]) -> str:
    return match.group(0).replace(".", "")


def strip_accents(word: str) -> str:
    """``"energía"`` → ``"energia"``: for matching names and cognates across languages."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The word and number tokens of ``text`` after :func:`fold`, case kept."""
    folded = fold(text)
    return (_ASCII_TOKEN if folded.isascii() else TOKEN).findall(folded)


def number_value(token: str, language: str | None) -> float | None:
    """The value of a number token; separators are read by the language's convention.

    English reads "1,200" as 1200 and "1.2" as 1.2; Spanish, French, German… read "1.200" as
    1200 and "1,2" as 1.2. A lone separator followed by exactly three digits is a thousands
    separator in both.
    """
    if not token[:1].isdigit():
        return NUMBER_WORDS.get(token.lower())
    decimal_comma = (language or "en")[:2] in _DECIMAL_COMMA_LANGS
    thousands, decimal = (".", ",") if decimal_comma else (",", ".")
    parts = re.split(r"[.,]", token)
    seps = re.findall(r"[.,]", token)
    if not seps:
        return float(token)
    if len(seps) == 1 and len(parts[1]) == 3 and seps[0] == thousands:
        return float(parts[0] + parts[1])
    if seps[-1] == decimal:
        whole = "".join(parts[:-1])
        return float(f"{whole}.{parts[-1]}")
    return float("".join(parts))


def word_forms(text: str, language: str | None = None) -> list[str]:
    """Lower-case word tokens with spelling variants and numbers folded to one form each.

    Numbers become their value (``"1200"``), a scale word after a number multiplies it
    ("1.2 billion" and "1,200 million" both become ``"1200000000"``), number words become digits.
    """
    return token_forms(tokens(text), language)


def token_forms(toks: list[str], language: str | None = None) -> list[str]:
    """:func:`word_forms` of tokens already found by :func:`tokens`."""
    cache = _READINGS[(language or "en")[:2] in _DECIMAL_COMMA_LANGS]
    get = cache.get
    out: list[str] = []
    append = out.append
    pending_scale_ok = after_number = False
    for tok in toks:
        reading = get(tok)
        if reading is None:
            if len(cache) >= _MAX_READINGS:
                cache.clear()  # a long session reading many stories: stay bounded
            reading = cache[tok] = _read_token(tok, language)
        if isinstance(reading, str):  # a plain word: most tokens
            append(reading)
            pending_scale_ok = after_number = False
            continue
        for part in reading if isinstance(reading, list) else (reading,):
            if isinstance(part, str):
                append(part)
                pending_scale_ok = after_number = False
                continue
            scale, number, currency, form, mil = part
            if scale is not None and pending_scale_ok and out:
                out[-1] = _fmt(float(out[-1]) * scale)
                pending_scale_ok = mil  # "1.200 mil millones"
                after_number = True
                continue
            if number is not None:
                append(number)
                pending_scale_ok = after_number = True
                continue
            if currency and after_number:
                after_number = False
                continue  # "$1.2 billion" = "1.2 billion dollars": the symbol is not a token
            pending_scale_ok = after_number = False
            append(form)
    return out


_Reading = tuple[float | None, str | None, bool, str, bool]
_Part = str | _Reading
"""A plain word's reading is just its form (see :func:`_compact`)."""
_TokenReading = _Part | list[_Part]
_MAX_READINGS = 400_000
_READINGS: dict[bool, dict[str, _TokenReading]] = {False: {}, True: {}}
"""Token -> how :func:`token_forms` reads it, by whether the language writes decimal commas.
A story repeats its words thousands of times; each is read once."""


def _read_token(tok: str, language: str | None) -> _TokenReading:
    """How :func:`token_forms` reads a token: the readings of its parts (see
    :func:`_split_hyphens`) as a list, or of the token itself where it is one part."""
    parts: list[_Part] = [_compact(_reading(part, language)) for part in _split_hyphens([tok])]
    return parts[0] if len(parts) == 1 else parts


def _compact(reading: _Reading) -> _Part:
    """A plain word's reading (no scale, number or currency) as just its form."""
    scale, number, currency, form, _ = reading
    return form if scale is None and number is None and not currency else reading


def _reading(tok: str, language: str | None) -> _Reading:
    """A token's scale (if a scale word), number form (if a number), whether it names a
    currency, its word form, and whether it is "mil"."""
    low = POSSESSIVE.sub("", tok.lower())
    value = number_value(tok, language)
    number = (
        _fmt(value) if value is not None and (tok[:1].isdigit() or low in NUMBER_WORDS) else None
    )
    return (
        SCALE_WORDS.get(low),
        number,
        low in CURRENCY_WORDS,
        american_spelling(low),
        low == "mil",
    )


def _split_hyphens(toks: list[str]) -> list[str]:
    """Hyphenated words split in two, but "forty-eight" read as one number (48)."""
    out: list[str] = []
    for tok in toks:
        if "-" not in tok:
            out.append(tok)
            continue
        parts = tok.split("-")
        values = [NUMBER_WORDS.get(p.lower()) for p in parts]
        if len(parts) == 2 and values[0] is not None and values[1] is not None:
            out.append(_fmt(values[0] + values[1]))
        else:
            out.extend(p for p in parts if p)
    return out


def _fmt(value: float) -> str:
    """A number as text: "1200", "1.5"; a number too big for a float stays "inf"."""
    if not math.isfinite(value):
        return "inf"
    return str(int(value)) if value == int(value) else f"{value:g}"


def normalized(text: str, language: str | None = None) -> str:
    """A comparison form of a sentence: folded word forms joined by single spaces."""
    return " ".join(word_forms(text, language))
