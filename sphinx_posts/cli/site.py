"""Read a site the way a build does, without writing it: what ``check`` and ``schedule`` see."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx


@dataclass
class ReadSite:
    app: Sphinx | None
    """The application after reading (``None`` when it could not be set up)."""
    warnings: list[str]
    error: str
    """What stopped the read, or ``""``."""


def read_site(source: Path, scratch: Path) -> ReadSite:
    """Read every document with the ``dummy`` builder (nothing written beside ``scratch``)."""
    from sphinx.application import Sphinx
    from sphinx.util.console import strip_escape_sequences
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    app = None
    error = ""
    try:
        with patch_docutils(source), docutils_namespace():
            app = Sphinx(
                source,
                source,
                scratch / "out",
                scratch / "doctrees",
                "dummy",
                status=None,
                warning=warnings,
                freshenv=True,
            )
            app.build()
    except Exception as failure:
        error = f"{type(failure).__name__}: {failure}"
    lines = strip_escape_sequences(warnings.getvalue()).splitlines()
    return ReadSite(app, lines, error)


def has_conf(source: Path, given: str) -> bool:
    """Whether ``source`` holds a conf.py; if not, say so (as ``given`` on the command line)."""
    if (source / "conf.py").is_file():
        return True
    print(f"{given}: no conf.py here (give the folder that holds it)", file=sys.stderr)
    return False
