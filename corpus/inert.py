"""Making untrusted article text inert: nothing a terminal or a viewer could act on.

Article text is never parsed as markup (the reader hands widgets :class:`rich.text.Text`, the
exports escape it), and this strips what would still act: ANSI/OSC escape sequences, other C0/C1
control characters, and bidirectional overrides that make text read differently from what it is.
"""

from __future__ import annotations

import re

_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC … BEL or ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def inert(text: str) -> str:
    """``text`` without escape sequences, control characters (but newline and tab) or bidi marks.

    Removed characters are dropped, so shown text can be shorter than the article text; the
    reader keeps offsets by sanitising sentence by sentence.
    """
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
