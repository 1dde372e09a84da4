"""Making untrusted article text inert for the terminal (the engine's rule, re-exported)."""

from __future__ import annotations

from corpus.inert import inert

__all__ = ["inert"]
