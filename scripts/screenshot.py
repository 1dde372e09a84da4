"""Save the README's picture of the reader: the sample story at 160×45, a counterpart shown.

Usage::

    .venv/bin/python scripts/screenshot.py docs/reader.svg
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.load import load_sources, sample_sources
from tui.app import BriefreadApp


async def shoot(target: Path) -> None:
    app = BriefreadApp(load_sources(sample_sources(), warn=print))
    async with app.run_test(size=(160, 45)) as pilot:
        while app.lookup is None:
            await pilot.pause(0.05)
        await pilot.press("n", "n", "n", "enter")
        await pilot.pause(0.3)
        target.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=target.name, path=str(target.parent))


if __name__ == "__main__":
    asyncio.run(shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/reader.svg")))
