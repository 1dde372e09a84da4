"""The match kinds and how every view marks them (reader, Markdown, HTML)."""

from __future__ import annotations

KINDS = ("verbatim", "edited", "paraphrase", "quote")
MARKS = {"verbatim": "≡", "edited": "±", "paraphrase": "≈", "quote": "❝"}
"""A mark per kind, so highlights never rely on colour alone."""
PRIORITY = ("verbatim", "edited", "quote", "paraphrase")
"""Which kind a sentence with several matches shows, strongest first."""
COLOURS = {
    "verbatim": "#1f5130",
    "edited": "#5b4a12",
    "paraphrase": "#23406b",
    "quote": "#5a2d5c",
}
"""Background per kind, light text on each: the same in the reader and the HTML export."""
