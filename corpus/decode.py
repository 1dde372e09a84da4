"""Turn the bytes of a file, a page or stdin into text, whatever encoding they were saved in.

News archives are full of legacy encodings (Windows-1252, Latin-1, GB18030, Shift-JIS…), so
text is never rejected for its encoding: a byte-order mark wins, then strict UTF-8, then a
declared charset, then detection with charset_normalizer. What is rejected is input that is not
text at all (empty, an image, a PDF, other binary data), with a reason the user can act on.
"""

from __future__ import annotations

import codecs
import re

from corpus.errors import SourceError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_IMAGE_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"\x00\x00\x01\x00",  # ICO
)

_OTHER_BINARY: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "looks like a ZIP archive (or a Word/ODF document), not text"),
    (b"\x1f\x8b", "looks like gzip-compressed data, not text; decompress it first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "looks like an old Office document, not text"),
)

# Bytes below 0x20 that plain text does not use (everything but tab, LF, VT, FF, CR and ESC).
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")

# How many leading bytes the binary heuristics look at.
_SAMPLE = 8192

# charset_normalizer candidates this close to the best are treated as equally plausible
# (chaos and coherence are both 0..1).
_CHAOS_TIE = 0.01
_COHERENCE_TIE = 0.1
# Languages (as charset_normalizer names them) by the Windows code page they are written in.
_NATIVE_LANGUAGES: dict[str, frozenset[str]] = {
    "cp1252": frozenset(
        {
            "English",
            "French",
            "German",
            "Spanish",
            "Portuguese",
            "Italian",
            "Dutch",
            "Danish",
            "Norwegian",
            "Swedish",
            "Finnish",
            "Indonesian",
        }
    ),
    "cp1250": frozenset(
        {"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian", "Serbian"}
    ),
    "cp1251": frozenset({"Russian", "Ukrainian", "Bulgarian", "Serbian", "Kazakh"}),
    "cp1253": frozenset({"Greek"}),
    "cp1254": frozenset({"Turkish"}),
    "cp1255": frozenset({"Hebrew"}),
    "cp1256": frozenset({"Arabic", "Farsi"}),
    "cp1257": frozenset({"Lithuanian", "Estonian"}),
    "cp1258": frozenset({"Vietnamese"}),
}


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode ``data`` to text with ``\\n`` line endings and no leading BOM.

    ``declared`` is a charset the container named (an HTTP ``Content-Type`` parameter or an HTML
    ``<meta charset>``); it is used only when the bytes are not valid UTF-8, because pages that
    declare Latin-1 but are really UTF-8 are common. Raises :class:`SourceError` naming
    ``source`` for empty input, images, PDFs and other binary data.
    """
    if not data:
        raise SourceError(source, "is empty")
    text = _decode(data, source, declared)
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    _reject_non_text(data, source)
    if b"\x00" in data[:_SAMPLE]:
        wide = _wide_unicode_without_bom(data)
        if wide is None:
            raise SourceError(source, "looks like binary data, not text")
        return data.decode(wide, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared is not None:
        from_declared = _decode_declared(data, declared)
        if from_declared is not None:
            return from_declared
    return _detect(data, source)


def _reject_non_text(data: bytes, source: str) -> None:
    if data[:1024].lstrip()[:4] == b"%PDF":
        raise SourceError(source, "PDF is not supported; save the article as text or HTML")
    if _looks_like_image(data):
        raise SourceError(source, "looks like an image, not text")
    for magic, reason in _OTHER_BINARY:
        if data.startswith(magic):
            raise SourceError(source, reason)


def _looks_like_image(data: bytes) -> bool:
    if data.startswith(_IMAGE_MAGIC):
        return True
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return True
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis", b"heic", b"heix", b"mif1"):
        return True
    # BMP: "BM", the file size, then four reserved zero bytes.
    return data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00"


def _wide_unicode_without_bom(data: bytes) -> str | None:
    """Name the UTF-16/32 variant when the NUL pattern makes it clear, else None.

    Mostly-Latin text in UTF-16 has a zero in every other byte (odd positions for little-endian,
    even for big-endian); UTF-32 has three zeros in every four. Anything less regular is binary.
    """
    sample = data[: _SAMPLE - _SAMPLE % 4]
    if len(sample) < 4:
        return None
    if len(data) % 4 == 0:
        if _zero_share(sample, 4, (1, 2, 3)) > 0.95 and _zero_share(sample, 4, (0,)) < 0.1:
            return "utf-32-le"
        if _zero_share(sample, 4, (0, 1, 2)) > 0.95 and _zero_share(sample, 4, (3,)) < 0.1:
            return "utf-32-be"
    if len(data) % 2 == 0:
        odd, even = _zero_share(sample, 2, (1,)), _zero_share(sample, 2, (0,))
        for encoding, zeros, letters in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if zeros > 0.6 and letters < 0.05 and _decodes(data, encoding):
                return encoding
    return None


def _zero_share(sample: bytes, step: int, offsets: tuple[int, ...]) -> float:
    """Share (0..1) of the bytes at ``offsets`` within each ``step``-byte unit that are zero."""
    total = zeros = 0
    for offset in offsets:
        column = sample[offset::step]
        total += len(column)
        zeros += column.count(0)
    return zeros / total if total else 0.0


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _decode_declared(data: bytes, declared: str) -> str | None:
    try:
        encoding = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        return None
    # WHATWG: a page labelled Latin-1 or ASCII is decoded as Windows-1252.
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        encoding = "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _detect(data: bytes, source: str) -> str:
    """Decode legacy text with the encoding charset_normalizer finds most plausible.

    On short single-byte text charset_normalizer often ties several code pages (equal chaos,
    near-equal language coherence) and picks one arbitrarily, turning French "è" into Czech
    "č". Among the tied candidates we take one whose detected language is native to it
    (French read as Windows-1252, Czech as Windows-1250), preferring Windows-1252; with no
    language evidence at all we prefer Windows-1252, as browsers do.
    """
    sample = data[:_SAMPLE]
    if len(_CONTROL_BYTES.findall(sample)) > len(sample) // 20:
        raise SourceError(source, "looks like binary data, not text")
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return data.decode("cp1252", errors="replace")
    best = matches[0]
    tied = [
        m
        for m in matches
        if m.chaos <= best.chaos + _CHAOS_TIE and m.coherence >= best.coherence - _COHERENCE_TIE
    ]
    native = [page for m in tied if (page := _native_page(m.language, m.could_be_from_charset))]
    if native:
        return data.decode("cp1252" if "cp1252" in native else native[0], errors="replace")
    if best.coherence == 0.0 and any("cp1252" in m.could_be_from_charset for m in tied):
        return data.decode("cp1252", errors="replace")
    return data.decode(best.encoding, errors="replace")


def _native_page(language: str, encodings: list[str]) -> str | None:
    """The Windows code page ``language`` is usually written in, if it is among ``encodings``."""
    for page, languages in _NATIVE_LANGUAGES.items():
        if language in languages and page in encodings:
            return page
    return None
