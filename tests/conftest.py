"""Every test runs with its own data and config folders, never the user's real ones."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEFREAD_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("BRIEFREAD_CONFIG_DIR", str(home / "config"))
