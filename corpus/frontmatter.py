"""Optional metadata at the top of a text or Markdown article (title, outlet, url, published…).

The format is the common "front matter" convention: a ``---`` line at the very top, then
``key: value`` lines, then a closing ``---`` line. Only this flat subset of YAML is read, so no
YAML library is needed; anything that does not fit is treated as article text, never dropped.
"""

from __future__ import annotations

import re

_DELIMITER = "---"
_KEY = re.compile(r"[A-Za-z][\w .-]*")
# Indented continuation lines and YAML list items belong to the field above; we ignore them.
_IGNORED = re.compile(r"^(\s+\S.*|-\s.*|#.*|\s*)$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``text`` into (fields, body).

    Keys are lowercased; values are stripped of surrounding whitespace and of one pair of
    matching quotes; keys with empty values are left out. When the text does not start with a
    well-formed block (a ``---`` line first, a closing ``---`` line, only ``key: value``,
    comment, list or indented lines between) the fields are empty and the body is ``text``
    unchanged. Otherwise the body is what follows the closing line, leading blank lines removed.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _DELIMITER:
        return {}, text
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() == _DELIMITER:
            body = "\n".join(lines[number + 1 :])
            return fields, body.lstrip("\n")
        field = _field(line)
        if field is not None:
            key, value = field
            if value:
                fields[key] = value
        elif _IGNORED.match(line) is None:
            return {}, text
    return {}, text


def _field(line: str) -> tuple[str, str] | None:
    """(lowercased key, unquoted value) of a ``key: value`` line, else None.

    Parsed by hand rather than with one regular expression, so that a long line of spaces costs
    time in proportion to its length.
    """
    key, colon, rest = line.partition(":")
    key = key.rstrip()
    if not colon or _KEY.fullmatch(key) is None or (rest and not rest[0].isspace()):
        return None
    return key.lower(), _unquote(rest.strip())


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value
