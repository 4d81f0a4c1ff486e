"""Shared fixtures for the sphinx-posts test suite.

Roots live in ``tests/roots/test-<scenario>/``; ``@pytest.mark.sphinx(testroot=...)`` picks one.
Every test gets its own temporary directory (source copies and build output), so tests never
share an environment pickle: a test that expects read-time warnings always reads its sources.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
