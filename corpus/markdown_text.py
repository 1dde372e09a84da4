"""Light Markdown to plain article text.

Articles saved as Markdown carry markup that is not part of what the outlet published: heading
hashes, emphasis stars, link targets, images, comments. Sentences are compared on their words,
so the markup goes and the words stay. This is deliberately not a Markdown renderer: line
structure is kept (the segmenter finds paragraphs and bullet lists itself), and text without
Markdown comes back unchanged.
"""

from __future__ import annotations

import re

# Every pattern below scans forward from where it starts only as far as the next character that
# could start another match (a bracket, a delimiter, a line end), so hostile input such as
# "*a *a *a …" or "[a](" repeated costs time in proportion to its length, not its square.
_IMAGE = re.compile(r"!\[[^\[\]\n]*\](?:\((?:[^()\n]|\([^()\n]*\))*+\)|\[[^\[\]\n]*\])")
_INLINE_LINK = re.compile(
    r"\[([^\[\]\n]+)\]\((?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*+)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)"
)
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_REFERENCE_DEFINITION = re.compile(
    r"^ {0,3}\[[^\]\n]+\]:[ \t]+<?(?:https?://|mailto:|/|#)\S*(?:[ \t]+\S.*)?$\n?", re.MULTILINE
)
_HEADING_MARK = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
# Emphasis opens after a non-word character and before a non-space; closes symmetrically.
# So "2 * 3 * 4", snake_case names and "* bullet" lines are left alone. Inside, the delimiter
# may only appear within a word (a_b); nested emphasis is removed one level a pass.
_STAR_EMPHASIS = re.compile(
    r"(?<![\w*])(\*{1,3})(?=[^\s*])((?:[^*\n]|(?<=\w)\*+(?=\w))+?)(?<=\S)\1(?![\w*])"
)
_UNDERSCORE_EMPHASIS = re.compile(
    r"(?<![\w_])(_{1,3})(?=[^\s_])((?:[^_\n]|(?<=\w)_+(?=\w))+?)(?<=\S)\1(?![\w_])"
)
_MAX_NESTING = 3
"""Levels of nested emphasis removed (**bold _and italic_** is two)."""

# Escaped characters are parked in the Private Use Area while emphasis is removed (unless the
# text already uses those code points: then escapes are not protected).
_PARK = 0xF0000
_PARKED = re.compile("[\U000f0000-\U000f007f]")


def markdown_to_text(text: str) -> str:
    """Return ``text`` with light Markdown removed (see the module docstring for what goes).

    A heading keeps its words on its own line and becomes its own paragraph (blank lines are
    added around it where a neighbouring line has text), as it is a separate block in Markdown.
    """
    # Each step is skipped when its marker is absent: most articles are plain text, and a
    # pattern that starts with a look-behind scans every character of a long text.
    if "<!--" in text:
        text = _remove_comments(text)
    if "]:" in text:
        text = _REFERENCE_DEFINITION.sub("", text)
    parked = "\\" in text and _PARKED.search(text) is None
    if parked:
        text = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), text)
    if "![" in text:
        text = _IMAGE.sub("", text)
    if "](" in text:
        text = _INLINE_LINK.sub(r"\1", text)
    if "][" in text:
        text = _REFERENCE_LINK.sub(r"\1", text)
    if ">" in text:
        text = _BLOCKQUOTE.sub("", text)
    if "`" in text:
        text = _INLINE_CODE.sub(r"\1", text)
    text = _remove_emphasis(text)
    if "#" in text:
        text = _unmark_headings(text)
    if parked:
        text = _PARKED.sub(lambda m: chr(ord(m.group()) - _PARK), text)
    return text


def _remove_emphasis(text: str) -> str:
    for pattern, delimiter in ((_STAR_EMPHASIS, "*"), (_UNDERSCORE_EMPHASIS, "_")):
        if delimiter not in text:
            continue
        for _ in range(_MAX_NESTING):
            text, removed = pattern.subn(r"\2", text)
            if not removed:
                break
    return text


def _unmark_headings(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        words = _heading_words(line)
        if words is None:
            out.append(line)
            continue
        if out and out[-1].strip():
            out.append("")
        out.append(words)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if following.strip():
            out.append("")
    return "\n".join(out)


def _heading_words(line: str) -> str | None:
    """The words of an ATX heading line ("## Title ##" -> "Title"), or None for other lines."""
    mark = _HEADING_MARK.match(line)
    if mark is None:
        return None
    words = line[mark.end() :].rstrip(" \t")
    before_hashes = words.rstrip("#")
    if before_hashes != words and before_hashes[-1:] in (" ", "\t"):
        return before_hashes.rstrip(" \t")
    return words


def _remove_comments(text: str) -> str:
    """``text`` without HTML comments; a comment alone on its lines takes those lines with it.

    A comment that is never closed is left as it is (and so is everything after it).
    """
    pieces: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        close = text.find("-->", start + 4)
        if close < 0:
            break
        end = close + 3
        newline = text.rfind("\n", position, start)
        line_start = newline + 1 if newline >= 0 else position
        at_line_start = line_start == 0 or text[line_start - 1] == "\n"
        if at_line_start and not text[line_start:start].strip(" \t"):
            after = end
            while after < len(text) and text[after] in " \t":
                after += 1
            if text[after : after + 1] == "\n":
                start, end = line_start, after + 1
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
