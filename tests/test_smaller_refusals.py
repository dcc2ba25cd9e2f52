"""Smaller cases of issue 21, item 10: each refused with a message that says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from thermal_utils import load_split
from thermal_utils.tooling.synth.presets import write_preset


def test_synth_refuses_a_non_empty_folder_its_docstring_says_it_refuses(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes\n")
    with pytest.raises(FileExistsError, match="not empty.*notes.txt"):
        write_preset("sample", out, seed=0)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_synth_refuses_a_path_that_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "file"
    out.write_text("x")
    with pytest.raises(NotADirectoryError, match="not a folder"):
        write_preset("sample", out, seed=0)


def test_a_data_directory_that_is_a_file_is_called_a_file(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text("x")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        load_split(path, "train")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_split(tmp_path / "missing", "train")
