"""Light Markdown to plain article text.

Articles saved as Markdown carry markup that is not part of what the outlet published: heading
hashes, emphasis stars, link targets, images, comments. Sentences are compared on their words,
so the markup goes and the words stay. This is deliberately not a Markdown renderer: line
structure is kept (the segmenter finds paragraphs and bullet lists itself), and text without
Markdown comes back unchanged.
"""

from __future__ import annotations

import re

# A comment alone on its lines takes those lines with it.
_COMMENT = re.compile(
    r"^[ \t]*<!--(?:(?!-->).)*-->[ \t]*\n|<!--(?:(?!-->).)*-->", re.DOTALL | re.MULTILINE
)
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_INLINE_LINK = re.compile(
    r"\[([^\]\n]+)\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)"
)
_REFERENCE_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REFERENCE_DEFINITION = re.compile(
    r"^ {0,3}\[[^\]\n]+\]:[ \t]+<?(?:https?://|mailto:|/|#)\S*(?:[ \t]+\S.*)?$\n?", re.MULTILINE
)
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
# Emphasis opens after a non-word character and before a non-space; closes symmetrically.
# So "2 * 3 * 4", snake_case names and "* bullet" lines are left alone.
_STAR_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w_])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w_])")

# Escaped characters are parked in the Private Use Area while emphasis is removed.
_PARK = 0xF0000


def markdown_to_text(text: str) -> str:
    """Return ``text`` with light Markdown removed (see the module docstring for what goes).

    A heading keeps its words on its own line and becomes its own paragraph (blank lines are
    added around it where a neighbouring line has text), as it is a separate block in Markdown.
    """
    text = _COMMENT.sub("", text)
    text = _REFERENCE_DEFINITION.sub("", text)
    text = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), text)
    text = _IMAGE.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _BLOCKQUOTE.sub("", text)
    text = _INLINE_CODE.sub(r"\1", text)
    text = _remove_emphasis(text)
    text = _unmark_headings(text)
    return re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group()) - _PARK), text)


def _remove_emphasis(text: str) -> str:
    for pattern in (_STAR_EMPHASIS, _UNDERSCORE_EMPHASIS):
        previous = None
        while previous != text:  # nested emphasis such as **bold _and italic_**
            previous = text
            text = pattern.sub(r"\2", text)
    return text


def _unmark_headings(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        match = _HEADING.match(line)
        if match is None:
            out.append(line)
            continue
        if out and out[-1].strip():
            out.append("")
        out.append(match.group(1))
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if following.strip():
            out.append("")
    return "\n".join(out)
