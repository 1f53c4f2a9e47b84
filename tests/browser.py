"""A real headless browser for tests: Debian's chromium driven by Playwright's Python package.

``./run.sh test`` installs chromium (the Debian package) and Playwright's Python package, so CI runs these tests.
Elsewhere, without a browser, :func:`browser_page` skips the test and says why and how to get one. Playwright is
pointed at the system's chromium with ``executable_path``: its own browser download is not needed (and not possible
offline).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from typing import Iterator

import pytest

#: chromium flags for a sandboxed, offline machine (no background network, no GPU)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@contextmanager
def browser_page(width: int = 1400, height: int = 1000) -> Iterator[tuple[object, list[str]]]:
    """A fresh page and the list its console errors (and page errors) are collected into."""
    path = chromium_path()
    if path is None:
        pytest.skip("no chromium: install Debian's chromium package (./run.sh test does) to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright's Python package is missing: pip install playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            yield page, errors
        finally:
            browser.close()
