"""Open the network page in headless Chromium for the browser tests (tests/views).

Playwright's Python package drives the system Chromium (Debian `chromium`; `make browser`
installs it); Playwright's own browser download is never used. `launch` skips the test when
either is missing. `Opened` blocks and records every request that would leave the page.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STABLE = "window.kgState && window.kgState.stable === true"


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium, or a skip saying what to install."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium not found: install it with `make browser` (Debian package "
                    "`chromium`) to run the browser checks")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("the playwright package is missing: `pip install playwright` "
                    "(never `playwright install`; the system Chromium is used)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Opened:
    """A page loaded from a file, with every non-file request blocked and recorded."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 860}, **context)
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("console", lambda msg: self.errors.append(msg.text)
                     if msg.type == "error" else None)
        self.page.goto(path.as_uri())
        self.page.wait_for_function(STABLE, timeout=60_000)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def point(self, node: str) -> tuple[float, float]:
        """Where a node is on the screen."""
        box = self.page.locator("#kg-network").bounding_box()
        spot = self.js(f"window.kgNetwork.canvasToDOM(window.kgNetwork.getPosition({node!r}))")
        return box["x"] + spot["x"], box["y"] + spot["y"]
