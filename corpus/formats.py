"""The export formats by name, without loading the exporters (the reader's start-up needs only
the names)."""

from __future__ import annotations

FORMATS = ("text", "json", "md", "csv", "html")
SUFFIXES = {"text": ".txt", "json": ".json", "md": ".md", "csv": ".csv", "html": ".html"}
"""The usual file name ending per format, for save dialogs."""
