"""Where briefread keeps files: platform folders, overridden by environment variables."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from corpus import places


def test_environment_overrides_data_and_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFREAD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFREAD_CONFIG_DIR", str(tmp_path / "config"))
    assert places.data_dir() == tmp_path / "data"
    assert places.config_dir() == tmp_path / "config"


def test_nothing_is_created_by_asking(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFREAD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFREAD_CONFIG_DIR", str(tmp_path / "config"))
    places.data_dir()
    places.config_dir()
    places.documents_dir()
    assert list(tmp_path.iterdir()) == []


def test_relative_and_home_overrides_become_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFREAD_DATA_DIR", "lib")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BRIEFREAD_CONFIG_DIR", "~/conf")
    assert places.data_dir() == tmp_path / "lib"
    assert places.config_dir() == tmp_path / "home" / "conf"


def test_without_overrides_the_platform_folders_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFREAD_DATA_DIR", raising=False)
    monkeypatch.setenv("BRIEFREAD_CONFIG_DIR", "  ")  # blank counts as unset
    assert places.data_dir() == Path(platformdirs.user_data_dir("briefread", appauthor=False))
    assert places.config_dir() == Path(platformdirs.user_config_dir("briefread", appauthor=False))
    assert places.data_dir().name == "briefread"


def test_exports_go_to_a_briefread_folder_in_documents() -> None:
    folder = places.documents_dir()
    assert folder == Path(platformdirs.user_documents_dir()) / "briefread"
