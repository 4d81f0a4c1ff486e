"""Shared fixtures for the sphinx-posts test suite.

Roots live in ``tests/roots/test-<scenario>/``; ``@pytest.mark.sphinx(testroot=...)`` picks one.
Every test gets its own temporary directory (source copies and build output), so tests never
share an environment pickle: a test that expects read-time warnings always reads its sources.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    """One directory per test (Sphinx's default is one per session, shared by all tests)."""
    return tmp_path
