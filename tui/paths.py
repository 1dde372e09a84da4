"""Where the reader's own files are: styles (in the wheel or the source tree)."""

from __future__ import annotations

from pathlib import Path


def styles_dir() -> Path:
    """``tui/styles`` inside an installed wheel, else the source tree's top-level ``styles/``."""
    here = Path(__file__).resolve().parent
    packaged = here / "styles"
    return packaged if packaged.is_dir() else here.parent / "styles"
