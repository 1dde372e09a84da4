"""A sentence span of an article."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == article.text[start:end]`` (offsets in characters).

    ``index`` counts from 0 within the article, ``paragraph`` likewise. ``boilerplate`` marks page
    furniture (share buttons, copyright lines, captions…) that is never matched. ``quote`` is true
    when the sentence carries a quoted statement.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    boilerplate: bool = False
    quote: bool = False
