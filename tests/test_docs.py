"""The README stays true to the code: every command is documented, the two commands exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_readme_shows_every_command(command: str) -> None:
    assert f"kg {command} " in README


def test_docs_two_commands_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make run" in README and "make test" in README
    assert "\nrun: " in makefile and "\ntest: " in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_docs_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest
    import shutil

    shutil.copytree(ROOT / "examples" / "news", tmp_path / "examples" / "news")
    monkeypatch.chdir(tmp_path)
    failures, tried = doctest.testfile(str(ROOT / "README.md"), module_relative=False)
    assert (failures, tried) == (0, 7)
