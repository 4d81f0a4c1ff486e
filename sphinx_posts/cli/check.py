"""``sphinx-posts check docs``: read the site (no output written) and print every ``posts.*``
warning, exiting non-zero when there is one, for CI and pre-commit hooks."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def check_site(args: argparse.Namespace) -> int:
    from sphinx.cmd.build import build_main

    with tempfile.TemporaryDirectory() as scratch:
        warnings = Path(scratch) / "warnings.txt"
        options = ["-b", "dummy", "-q", "-w", str(warnings), "-E"]
        status = build_main([*options, args.source, str(Path(scratch) / "out")])
        lines = warnings.read_text(encoding="utf-8").splitlines() if warnings.exists() else []
    problems = [line for line in lines if "[posts." in line]
    for line in problems:
        print(line)
    print(f"{len(problems)} post warning(s)")
    return 1 if problems or status else 0


def add_command(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="report every posts.* warning of a site")
    check.add_argument("source", help="the folder holding conf.py")
    check.set_defaults(run=check_site)
