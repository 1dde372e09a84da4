"""SVG snapshots fixing the reader's layout at 80×24 and 160×45 (pytest-textual-snapshot).

Regenerate after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs under ``tests/tui/__snapshots__`` before committing them.
"""

from __future__ import annotations

from typing import Any

import pytest

from corpus.article import Article
from tests.tui.support import wait_for
from tui.app import BriefreadApp


def _after(*keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await wait_for(pilot, lambda: pilot.app.lookup is not None)
        if keys:
            await pilot.press(*keys)
        await pilot.pause(0.2)

    return run_before


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((160, 45), ("n", "n", "enter")),
        ((80, 24), ("n",)),
        ((160, 45), ("m",)),
        ((160, 45), ("p",)),
    ],
    ids=["wide-counterpart", "narrow", "overview", "provenance"],
)
def test_layout(
    snap_compare: Any, sample_articles: list[Article], size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    app = BriefreadApp(sample_articles)
    assert snap_compare(app, terminal_size=size, run_before=_after(*keys))
