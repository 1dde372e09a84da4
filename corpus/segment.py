"""Split an article's text into paragraphs and sentences, with character offsets.

Sentences are the unit everything downstream compares, so boundaries must be the same in every
outlet's copy of a text: news abbreviations (U.S., Corp., Jan.), initials, decimals and money,
quotes that close a sentence, datelines, headlines, bullet lists and CJK full stops all occur.

The splitter is a small rule-based relative of Punkt (Kiss & Strunk 2006) and needs no trained
model or downloaded data: a full stop after a known abbreviation or an initial ends a sentence only
when the next word is capitalised *and* is a likely sentence starter — a common function word
("The", "But", "Il", "Der"…), or, as Punkt's orthographic heuristic does, a word this text uses
in lower case and never capitalised in mid-sentence. One pass over the text, so time grows
linearly with its length.

nltk's ``PunktSentenceTokenizer`` is not used: without trained data its abbreviation handling
is what these rules give anyway, its import costs start-up time, and offsets, headings, list
items and CJK full stops would still need the code below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from corpus.boilerplate import boilerplate_flags
from corpus.quote import quote_flags, quoted_spans
from corpus.sentence import Sentence

_BREAK = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_BULLET = re.compile(r"(?:[-*+•‣◦▪●]|\d{1,3}[.)])[^\S\r\n]+(?=\S)")
"""A list item's marker ("- ", "* ", "• ", "1. ", "1) "), excluded from the item's sentence."""
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]+(?:,|\s\()")

_CLOSERS = "\"'”’»›)\\]}」』）］｝〕〉》】〗"
_CANDIDATE = re.compile(
    rf"(?P<cjk>[。！？｡．][。！？｡．.!?…]*)[{_CLOSERS}]*"
    rf"|(?P<west>[.!?…‼⁇⁈⁉]+)(?P<closers>[{_CLOSERS}]*)"
)
"""Where a sentence may end: terminal punctuation and the closing quotes or brackets after it."""
_CANDIDATE_START = re.compile("[。！？｡．.!?…‼⁇⁈⁉]")
"""The characters a ``_CANDIDATE`` match starts with."""
_OPENING_CHARS = "\"'“‘«‹([{¿¡„‚「『—–-*"
_OPENING = frozenset(_OPENING_CHARS)
_NO_START = frozenset(",;:.…)]}!?%")
"""A following character that continues the sentence rather than starting a new one."""
_NUMBER = re.compile(r"[$€£¥₹#+-]?\d[\d.,:/%-]*")
_ABBREVIATION_SHAPE = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
"""Letters with inner full stops: U.S, e.g, a.m, Ph.D, z.B, EE.UU."""
_LETTERS = re.compile(r"[^\W\d_]+")
_MAX_TOKEN = 64
"""How far back (characters) to look for the word before a full stop; abbreviations are short."""

_MAX_HEADING_WORDS = 12
_HEADING_RATIO = 0.7
"""A line at most this share of the block's longest line may be a heading, not a wrapped line."""
_FINAL = frozenset(".!?…。！？｡．")
_CONTINUES = frozenset(",;:-–—/&(+")

_NOT_LAST = frozenset(
    """
    a an the of to in on at for from with by and or but nor as that which who whose whom its
    his her their our your my this these those is are was were be been has have had will would
    can could should may might must not into onto than if when while said says
    el la los las un una de del en por para con y o que su sus
    le les une des du au aux et ou dans pour sur avec qui ses
    der die das den dem des ein eine einen einem einer und oder mit von zu im am für auf
    """.split()
)
"""Words that do not end a headline: a line ending in one was wrapped mid-sentence."""
_TITLES = frozenset(
    """
    mr mrs ms messrs dr drs prof gov sen rep reps gen col lt sgt capt cmdr cdr adm maj brig pres
    supt det insp rev hon atty amb mme mmes mlle mgr sra srta dña dra hr frl
    """.split()
)
"""Abbreviations that precede a name: never the end of a sentence."""
_ABBREVIATIONS = frozenset(
    """
    corp inc ltd co cos bros plc llc jr sr st ave blvd rd hwy mt ft no nos nr vol vols fig figs
    pp ca approx est dept univ assn intl natl al etc jan feb mar apr jun jul aug sep sept oct
    nov dec mon tue tues wed thu thur thurs fri sat sun mio mrd bzw usw ggf vgl inkl evtl jh
    ud uds pág núm tel avda aprox av bd env
    """.split()
)
"""Abbreviations that may end a sentence: they do when a sentence starter follows."""
_CAPITALISED_ONLY = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos st mt ft co cos tel
    """.split()
)
"""Abbreviations that are also common words ("the sun.", "no.", "el mar."): abbreviations
only when written with a capital."""
_LANGUAGE_ABBREVIATIONS = {"fr": frozenset({"me", "mm"})}
"""Abbreviations that are also ordinary words in other languages (French "Me" = Maître)."""
_NEVER_SPLIT = frozenset("e.g i.e z.b d.h u.a cf vs v viz p.ex".split())

_STARTERS = frozenset(
    """
    the a an this that these those it its he she they we i you his her their our my your but
    and or so yet however in on at for from with by after before as if when while although
    though since because meanwhile also still now then there here what why how who where which
    some many most all both each several few more other another such no not one two three last
    next earlier later according under over during despite among about until unless instead
    nevertheless nonetheless moreover furthermore indeed thus therefore
    el la los las un una unos unas en por para pero sin con según este esta estos estas ese esa
    eso ella ellos ellas también además cuando si lo le les su sus al del ya hoy ayer
    le les une des il elle ils elles on nous vous je mais dans pour selon ce cette ces cet au
    aux du par sur avec après avant lors depuis alors ainsi pourtant cependant
    der die das den dem des ein eine einen einem einer er sie es wir ihr ich aber und oder im am
    nach laut auch dies diese dieser dieses doch jedoch zudem bereits seit bei mit von vor für
    um als wenn wie
    """.split()
)
"""Function words that commonly start a sentence (English, Spanish, French, German)."""
_MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    januar februar märz juni juli oktober dezember enero febrero marzo abril mayo junio julio
    agosto septiembre octubre noviembre diciembre janvier février mars avril mai juin juillet
    août septembre octobre novembre décembre
    """.split()
)


def segment(text: str, language: str | None = None) -> tuple[Sentence, ...]:
    """Sentences of ``text`` in order, with offsets (characters) into it.

    Paragraphs: if the text has a blank line between two non-blank lines, paragraphs are the
    blank-line separated blocks and a single line break is a soft break (hard-wrapped text),
    except before a list item and after a short unpunctuated line (a headline or subheading);
    otherwise every non-empty line is a paragraph. ``language`` (an ISO 639-1 code such as
    "fr", or ``None``) adds that language's ambiguous abbreviations.

    Every sentence satisfies ``text[s.start:s.end] == s.text`` and has no surrounding whitespace.
    """
    return segment_quoted(text, language)[0]


def segment_quoted(
    text: str, language: str | None = None
) -> tuple[tuple[Sentence, ...], list[tuple[int, int]]]:
    """:func:`segment`, and the text's :func:`~corpus.quote.quoted_spans` it found on the way."""
    rows, texts, statements = sentence_rows(text, language)
    sentences = tuple(
        Sentence(index, start, end, sentence, paragraph, furniture, quote)
        for index, ((start, end, paragraph, furniture, quote), sentence) in enumerate(
            zip(rows, texts, strict=True)
        )
    )
    return sentences, statements


Row = tuple[int, int, int, bool, bool]
"""A sentence as :func:`sentence_rows` gives it: start, end, paragraph, boilerplate, quote."""


def sentence_rows(
    text: str, language: str | None = None
) -> tuple[list[Row], list[str], list[tuple[int, int]]]:
    """What :func:`segment_quoted` finds, without making :class:`Sentence` objects: a row and
    the text of each sentence, and the text's quoted spans."""
    splitter = _Splitter(text, _abbreviations(language))
    spans: list[tuple[int, int]] = []
    paragraphs: list[int] = []
    for paragraph, block in enumerate(_blocks(text)):
        for unit_start, unit_end in _units(text, block):
            found = splitter.split(unit_start, unit_end)
            spans.extend(found)
            paragraphs.extend([paragraph] * len(found))
    statements = quoted_spans(text)
    quoted = quote_flags(text, spans, statements)
    texts = [text[start:end] for start, end in spans]
    furniture = boilerplate_flags(list(zip(texts, paragraphs, strict=True)))
    rows = [
        (start, end, paragraph, boilerplate, quote)
        for (start, end), paragraph, boilerplate, quote in zip(
            spans, paragraphs, furniture, quoted, strict=True
        )
    ]
    return rows, texts, statements


class _Line(NamedTuple):
    """One non-blank line: ``raw`` is where the line begins, ``start``/``end`` its trimmed text."""

    raw: int
    start: int
    end: int


def _abbreviations(language: str | None) -> frozenset[str]:
    if language is None:
        return _ABBREVIATIONS
    return _ABBREVIATIONS | _LANGUAGE_ABBREVIATIONS.get(language[:2].lower(), frozenset())


def _blocks(text: str) -> list[list[_Line]]:
    """Paragraphs as lists of lines (see :func:`segment` for the rule)."""
    lines = _lines(text)
    present = [number for number, line in enumerate(lines) if line is not None]
    if not present:
        return []
    lines = lines[present[0] : present[-1] + 1]
    if len(present) == len(lines):
        return [[line] for line in lines if line is not None]
    blocks: list[list[_Line]] = [[]]
    for line in lines:
        if line is None:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]


def _lines(text: str) -> list[_Line | None]:
    """Every line of ``text``, None where it is blank."""
    lines: list[_Line | None] = []
    position = 0
    # str.splitlines breaks lines at \r\n and at each of _BREAK, no other character
    for piece in text.splitlines(keepends=True):
        content = piece.rstrip(_BREAK)  # the line without its break (at most \r\n)
        lines.append(_line(content, position))
        position += len(piece)
    if not text or text[-1] in _BREAK:
        lines.append(None)  # the empty line after a final break
    return lines


def _line(content: str, start: int) -> _Line | None:
    """The line whose text (line break left out) is ``content``, starting at ``start``."""
    trimmed = content.lstrip()
    if not trimmed:
        return None
    content_start = start + len(content) - len(trimmed)
    return _Line(start, content_start, content_start + len(trimmed.rstrip()))


def _units(text: str, block: list[_Line]) -> list[tuple[int, int]]:
    """Stretches of a paragraph that sentences never cross: list items, headings, the rest."""
    longest = max(line.end - line.start for line in block)
    units: list[tuple[int, int]] = []
    in_item = False
    hard_break = True
    for number, line in enumerate(block):
        marker = _BULLET.match(text, line.start, line.end)
        if marker is not None or hard_break:
            units.append((marker.end() if marker else line.start, line.end))
            in_item = marker is not None
        else:
            units[-1] = (units[-1][0], line.end)
        if number + 1 == len(block):
            break
        following = block[number + 1]
        if _BULLET.match(text, following.start, following.end):
            hard_break = True
        elif in_item:
            hard_break = following.raw == following.start and not text[following.start].islower()
        else:
            hard_break = _is_heading(text, line, following, longest, number == 0)
    return units


def _is_heading(text: str, line: _Line, following: _Line, longest: int, first: bool) -> bool:
    """A short line without final punctuation, followed by a line that starts a sentence."""
    if text[following.start].islower():
        return False
    content = text[line.start : line.end].rstrip(_CLOSERS)
    if not content or content[-1] in _FINAL or content[-1] in _CONTINUES:
        return False
    words = content.split()
    if len(words) > _MAX_HEADING_WORDS or words[-1].lower() in _NOT_LAST:
        return False
    if _DATELINE.match(content):
        return False
    short = line.end - line.start <= _HEADING_RATIO * longest
    return short or (first and len(words) <= _MAX_HEADING_WORDS // 2)


@dataclass(slots=True)
class _Splitter:
    """Finds sentence ends inside one unit; keeps the text-wide orthographic evidence."""

    text: str
    abbreviations: frozenset[str]
    _lower: set[str] | None = field(default=None, init=False)
    _capitalised_inside: set[str] = field(default_factory=set, init=False)

    def split(self, start: int, end: int) -> list[tuple[int, int]]:
        """Trimmed sentence spans covering ``text[start:end]``."""
        text = self.text
        spans: list[tuple[int, int]] = []
        cursor = start
        find = _CANDIDATE_START.search
        at = start
        # as _CANDIDATE.finditer, faster: search for where one can start (any of its first
        # characters, each of which starts one), then match there
        while (hit := find(text, at, end)) is not None:
            match = _CANDIDATE.match(text, hit.start(), end)
            if match is None:  # (cannot happen, see above)
                break
            boundary = at = match.end()
            if boundary >= end:
                break
            if match.group("cjk") is None and not self._ends_sentence(match, end):
                continue
            spans.append(_trim(text, cursor, boundary))
            cursor = boundary
        spans.append(_trim(text, cursor, end))
        return [(first, last) for first, last in spans if first < last]

    def _ends_sentence(self, match: re.Match[str], end: int) -> bool:
        text = self.text
        after = match.end()
        if not text[after].isspace():
            return False
        nxt = after
        while nxt < end and (text[nxt].isspace() or text[nxt] in _OPENING):
            nxt += 1
        if nxt >= end:
            return True
        first = text[nxt]
        if first.islower() or first in _NO_START:
            return False
        punctuation = match.group("west")
        if "…" in punctuation or ".." in punctuation:
            return first.isalpha()
        if punctuation != "." or match.group("closers"):
            return True
        return self._after_full_stop(match.start(), nxt)

    def _after_full_stop(self, stop: int, nxt: int) -> bool:
        """Whether a full stop at ``stop`` ends a sentence; the next word (not lower case)
        starts at ``nxt``."""
        text = self.text
        if stop == 0 or text[stop - 1].isspace():
            return True
        token = text[max(0, stop - _MAX_TOKEN) : stop].rsplit(None, 1)[-1].lstrip(_OPENING_CHARS)
        if not token:
            return True
        if len(token) == 1 or not token.isalpha():  # (a longer word is none of these three)
            word = self._word_at(nxt)
            if _NUMBER.fullmatch(token):
                # German ordinals: "am 4. März" is one sentence.
                return not (token.isdigit() and len(token) <= 2 and word.lower() in _MONTHS)
            if _ABBREVIATION_SHAPE.fullmatch(token):
                # "U.S. Marine Energy Fund": such abbreviations often stand before a name, so
                # only a function word counts as evidence of a new sentence.
                return token.lower() not in _NEVER_SPLIT and self._starts_sentence(word, None)
            if len(token) == 1 and token.isalpha():
                # An initial ("J. R. Harlow"), unless a function word follows ("Plan B. The…").
                return self._starts_sentence(word, None)
        lowered = token.lower()
        if lowered in _TITLES or lowered in _NEVER_SPLIT:
            return False
        if lowered in self.abbreviations and not (
            token[0].islower() and lowered in _CAPITALISED_ONLY
        ):
            word = self._word_at(nxt)
            return self._starts_sentence(word, nxt + len(word))
        return True

    def _word_at(self, nxt: int) -> str:
        """The letters starting at ``nxt`` (empty: none)."""
        word_match = _LETTERS.match(self.text, nxt)
        return word_match.group() if word_match else ""

    def _starts_sentence(self, word: str, word_end: int | None) -> bool:
        """Whether ``word``, after an abbreviation, starts a sentence: a capitalised function
        word does; with ``word_end`` given, so does a word that Punkt's orthographic evidence
        says is an ordinary word (seen in lower case, never capitalised in mid-sentence) and
        that is not followed by another capitalised word (a name such as "Acme Shipping")."""
        if not word or word[0].islower():
            return False
        if not word[0].isupper():
            return True
        lowered = word.lower()
        if lowered in _STARTERS:
            return True
        if word_end is None:
            return False
        text = self.text
        if text[word_end : word_end + 1] == " " and text[word_end + 1 : word_end + 2].isupper():
            return False
        lower_seen = self._lower_words()
        return lowered in lower_seen and lowered not in self._capitalised_inside

    def _lower_words(self) -> set[str]:
        """Words seen in lower case, and (in ``_capitalised_inside``) words seen capitalised
        right after another word: evidence, text-wide, for what can start a sentence."""
        if self._lower is not None:
            return self._lower
        lower: set[str] = set()
        inside = self._capitalised_inside
        text = self.text
        previous_end = -len(text) - 1
        for match in _LETTERS.finditer(text):
            word = match.group()
            if word[0].islower():
                lower.add(word)
            elif (
                word[0].isupper()
                and match.start() - previous_end <= 2
                and text[previous_end : match.start()] in (" ", ", ")
            ):
                inside.add(word.lower())
            previous_end = match.end()
        self._lower = lower
        return lower


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
