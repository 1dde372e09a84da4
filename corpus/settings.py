"""Every threshold the engine uses, in one place, recorded in every output."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds for deciding matches. Scores are 0..1 unless a field says otherwise.

    A pair of sentences is tried from the strongest kind to the weakest:

    - ``verbatim_min``: a pair whose folded words are identical (case, punctuation, quotes,
      dashes, spelling variants and number forms folded) is verbatim; so is one whose normalised
      characters are at least this similar (a typo); any changed word makes it edited.
    - ``edited_min``: word-level similarity (longest common word subsequence over the longer
      sentence) for an edited pair; ``edited_cover_min`` is the share of the shorter sentence's
      words that must be in that common subsequence (a sentence with words dropped is still an
      edited copy of its source).
    - ``paraphrase_min``: the paraphrase score (agreement of specific content words, names and
      numbers, weighted by how rare they are in the story) for a paraphrase.
    - ``context_min``: a weaker paraphrase score accepted when the pairs just before and after,
      in both articles, are matches: rewrites keep their source's order locally.
    - ``related_min``: between two articles that already share ``related_min_matches`` matched
      sentences (fewer, at least two, where the shorter article has fewer than three times as
      many matchable sentences: a six-sentence aggregator item is related on two), a pair that
      is each sentence's best partner needs only this paraphrase score.
    - ``part_min``: between related articles, a sentence with at least this share of its
      specific content (rarity-weighted terms and numbers) inside a sentence of the other
      article is a split or merge of it (paraphrase), when no figure disagrees.
    - ``joined_min``: between related articles, the paraphrase score a sentence must reach
      against two adjacent sentences of the other article read as one (a sentence split in two,
      or two merged), when each half shares some of its content and the two together beat
      either alone.
    - ``quote_min_words``: the shortest quoted statement (in words) that makes a ``quote`` match.
    - ``crosslang_min``: score of shared anchors (numbers, names, cognates) for a pair of
      sentences in different languages.
    - ``crosslang_path_min``: an in-order alignment with at least three pairs scoring this much
      is trusted as a translation, and its weaker pairs between close neighbours are kept too.
    - ``boilerplate_share``: a sentence found in more than this share of the articles (with at
      least ``boilerplate_min_articles`` of them) is stock text, not evidence of copying.
    - ``stray_min_articles``: a short sentence (no quotation, no figures) in at least this many
      articles, most of which share neither of its neighbours with another of them, is a stray
      stock phrase ("The company did not respond to a request for comment."), not evidence:
      copied text travels with its context.
    - ``passage_gap``: unmatched sentences bridged when merging adjacent matches into passages.
    - ``derived_min``: share of an article's sentences found in another (excluding quotes) for it
      to count as derived from it.
    - ``syndicated_min``: share of a derived article's sentences that are verbatim or edited
      copies of its source for it to be ``syndicated`` (a reprint) rather than ``rewritten``;
      copies must also be most of what it shares with the source.
    """

    verbatim_min: float = 0.99
    edited_min: float = 0.5
    edited_cover_min: float = 0.7
    paraphrase_min: float = 0.42
    context_min: float = 0.35
    related_min: float = 0.2
    related_min_matches: int = 3
    part_min: float = 0.6
    joined_min: float = 0.3
    quote_min_words: int = 4
    crosslang_min: float = 0.45
    crosslang_path_min: float = 0.36
    boilerplate_share: float = 0.6
    boilerplate_min_articles: int = 4
    stray_min_articles: int = 8
    passage_gap: int = 1
    derived_min: float = 0.3
    syndicated_min: float = 0.4

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data."""
        return asdict(self)
