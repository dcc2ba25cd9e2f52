"""``thermal_utils.tooling.atomic``: complete files or none, and never an overwrite by accident (issue 10, item 11)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from thermal_utils.tooling import atomic
from thermal_utils.tooling.atomic import atomic_write_text, write_new_file


def test_atomic_write_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "metrics.json"
    target.write_text("old")
    atomic_write_text(target, '{"a": 1}\n')
    assert target.read_text() == '{"a": 1}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "summary.txt"
    target.write_text("old summary\n")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_text(target, "new summary\n")
    assert target.read_text() == "old summary\n"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.txt"]


def test_write_new_file_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "frame.txt"
    write_new_file(target, b"first")
    with pytest.raises(FileExistsError):
        write_new_file(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["frame.txt"]


def test_concurrent_writers_of_one_name_one_wins(tmp_path: Path) -> None:
    target = tmp_path / "frame.txt"
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def writer(i: int) -> None:
        barrier.wait()
        try:
            write_new_file(target, f"writer {i}".encode())
            outcomes.append("won")
        except FileExistsError:
            outcomes.append("exists")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["exists"] * 7 + ["won"]
    assert target.read_bytes().startswith(b"writer ") and len(os.listdir(tmp_path)) == 1


def test_write_frame_is_atomic_and_exclusive_on_request(tmp_path: Path) -> None:
    from conftest import make_frame

    from thermal_utils.frames import read_frame
    from thermal_utils.tooling.frame_text import write_frame

    target = tmp_path / "TK110_20201201_090000_0001.txt"
    write_frame(target, make_frame(1), overwrite=False)
    before = target.read_bytes()
    with pytest.raises(FileExistsError):
        write_frame(target, make_frame(2), overwrite=False)
    assert target.read_bytes() == before
    write_frame(target, make_frame(2))  # the default replaces, atomically
    assert read_frame(target).temperatures[0, 0] == make_frame(2).rows[0, 0]
