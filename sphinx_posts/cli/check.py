"""``sphinx-posts check docs``: read the site (no output written) and print every ``posts.*``
warning once, exiting 1 when there is one and 2 when the site cannot be read: for CI and
pre-commit hooks."""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

REPORTED = ("[posts.", "[myst.topmatter]")
"""Our warnings, and myst-parser's for frontmatter it could not read (a post's facts are lost)."""


def read_site(source: Path, scratch: Path) -> tuple[list[str], str]:
    """The build's warning lines, and the error that stopped it ("" when none)."""
    from sphinx.application import Sphinx
    from sphinx.util.console import strip_escape_sequences
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
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
        error = ""
    except Exception as failure:
        error = f"{type(failure).__name__}: {failure}"
    return strip_escape_sequences(warnings.getvalue()).splitlines(), error


def check_site(args: argparse.Namespace) -> int:
    source = Path(args.source).resolve()
    if not (source / "conf.py").is_file():
        print(f"{args.source}: no conf.py here (give the folder that holds it)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        lines, error = read_site(source, Path(scratch))
    problems = [line for line in lines if any(kind in line for kind in REPORTED)]
    for line in problems:
        print(line)
    if error:
        print(f"the site could not be read: {error}", file=sys.stderr)
        return 2
    print(f"{len(problems)} post warning(s)")
    return 1 if problems else 0


def add_command(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check",
        help="report every posts.* warning of a site",
        description="Read a site without writing it and print each posts.* warning once (and "
        "myst-parser's for frontmatter it could not read). "
        "Exit status: 0 no problems, 1 problems found, 2 the site could not be read.",
    )
    check.add_argument("source", help="the folder holding conf.py")
    check.set_defaults(run=check_site)
