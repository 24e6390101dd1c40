"""The headless Chromium the browser tests of this folder share (one per test module)."""

from __future__ import annotations

import pytest
from page_browser import launch


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """A headless Chromium for the module's tests (skips with a message when there is none)."""
    with launch() as instance:
        yield instance
