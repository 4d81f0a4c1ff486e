"""Shared fixtures for the sphinx-posts test suite.

Roots live in ``tests/roots/test-<scenario>/``; ``@pytest.mark.sphinx(testroot=...)`` picks one.
Every test gets its own temporary directory (source copies and build output), so tests never
share an environment pickle: a test that expects read-time warnings always reads its sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    """One directory per test (Sphinx's default is one per session, shared by all tests)."""
    return tmp_path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for every browser test: Playwright's sync API allows one instance at a
    time in a process, so two modules each starting their own would fail."""
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, missing_browser

    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
