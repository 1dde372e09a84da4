"""Shared helpers for the reader's Pilot tests."""

from __future__ import annotations

import pytest

from corpus.article import Article
from corpus.load import load_sources, sample_sources


@pytest.fixture(scope="session")
def sample_articles() -> list[Article]:
    """The bundled sample story: blog, courier, diario, digest, gazette, ledger, wire."""
    return load_sources(sample_sources(), warn=print)
