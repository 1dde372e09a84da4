"""Large generated inputs for the hostile-input tests and `scripts/fuzz_loaders.py --big`."""

from __future__ import annotations

REPEATED = "The ferry to Orrin resumes sailing on Monday, the port authority said. "
"""One sentence, for files of it repeated many times."""


def story_of(megabytes: int) -> str:
    """About ``megabytes`` MB of varied news-like paragraphs (not one paragraph repeated)."""
    paragraphs = []
    size = number = 0
    while size < megabytes * 1_000_000:
        number += 1
        paragraph = (
            f"Crossing {number} left Vell Harbour at {number % 24:02d}:{number % 60:02d} with "
            f"{number % 397} passengers, the port authority said. The U.S.-built Orrin Star "
            f"carried {number % 41} cars and {number % 13} lorries on the {number}th sailing.\n\n"
        )
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "".join(paragraphs)
