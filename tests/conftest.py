"""Shared fixtures: the bundled sample corpus, and one real build of it per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "examples" / "news"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The bundled sample corpus (five scraped files)."""
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory):
    """Build the sample corpus once with the real model; yields (BuildResult, output folder)."""
    from kg.pipeline.compose import build
    from kg.pipeline.output import write_outputs

    out = tmp_path_factory.mktemp("sample-build")
    result = build([SAMPLE_DIR], out_dir=out)
    write_outputs(result.corpus, out)
    return result, out
