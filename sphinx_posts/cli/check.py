"""``sphinx-posts check docs``: read the site (no output written) and print every ``posts.*``
warning once, exiting 1 when there is one and 2 when the site cannot be read: for CI and
pre-commit hooks."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .site import has_conf, read_site

if TYPE_CHECKING:
    import argparse

REPORTED = ("[posts.", "[myst.topmatter]")
"""Our warnings, and myst-parser's for frontmatter it could not read (a post's facts are lost)."""


def check_site(args: argparse.Namespace) -> int:
    source = Path(args.source).resolve()
    if not has_conf(source, args.source):
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        site = read_site(source, Path(scratch))
    problems = [line for line in site.warnings if any(kind in line for kind in REPORTED)]
    for line in problems:
        print(line)
    if site.error:
        print(f"the site could not be read: {site.error}", file=sys.stderr)
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
