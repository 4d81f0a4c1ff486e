"""Shared fixtures for the sphinx-posts test suite.

Roots live in ``tests/roots/test-<scenario>/``; ``@pytest.mark.sphinx(testroot=...)`` picks one.
Every test gets its own temporary directory (source copies and build output), so tests never
share an environment pickle: a test that expects read-time warnings always reads its sources.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

pytest_plugins = ("sphinx.testing.fixtures",)

# Property tests (test_properties.py): ``make test`` runs the same few examples every time;
# ``make fuzz`` (HYPOTHESIS_PROFILE=fuzz) runs many random ones and prints how to replay a failure.
settings.register_profile(
    "test", max_examples=100, derandomize=True, deadline=None, database=None, print_blob=True
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "2000")),
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "test"))


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
