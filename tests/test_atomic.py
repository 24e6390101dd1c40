"""Atomic output files: the permissions a plain `open(path, "w")` would give (issue #16)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.atomic import atomic_write, atomic_write_lines, atomic_write_text, current_umask


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask the test changes."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield
    os.umask(saved)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600),
                                                (0o002, 0o664)])
def test_atomic_new_file_mode_follows_the_umask(
    tmp_path: Path, umask: None, mask: int, expected: int
) -> None:
    os.umask(mask)
    atomic_write_text(tmp_path / "graph.ttl", "x")
    assert _mode(tmp_path / "graph.ttl") == expected


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_atomic_binary_and_lines_writers_follow_the_umask(
    tmp_path: Path, umask: None, mask: int
) -> None:
    os.umask(mask)
    with atomic_write(tmp_path / "graph.nq", "wb") as fh:
        fh.write(b"x")
    atomic_write_lines(tmp_path / "events.jsonl", ["{}"])
    assert (_mode(tmp_path / "graph.nq"), _mode(tmp_path / "events.jsonl")) == (
        0o666 & ~mask, 0o666 & ~mask)


def test_atomic_existing_file_keeps_its_mode(tmp_path: Path, umask: None) -> None:
    target = tmp_path / "stats.json"
    target.write_text("old")
    target.chmod(0o604)
    os.umask(0o077)
    atomic_write_text(target, "new")
    assert (target.read_text(), _mode(target)) == ("new", 0o604)


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_atomic_current_umask_reads_without_changing_it(umask: None, mask: int) -> None:
    os.umask(mask)
    assert (current_umask(), current_umask()) == (mask, mask)


def test_atomic_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_write(tmp_path / "x.txt") as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []
