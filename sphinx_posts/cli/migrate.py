"""``sphinx-posts migrate SRC DEST``: convert another generator's blog into posts for this one.

The generator is detected (``--from`` forces it). Posts are written under DEST with our
frontmatter; what has a MyST equivalent is converted, images and bundle resources are copied,
links between posts rewritten, and what could not be converted is listed with file and line.
SRC is never changed; a second run writes nothing; ``--dry-run`` writes nothing at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def run_migrate(args: argparse.Namespace) -> int:
    from ..migrate.run import GENERATORS, migrate

    src, dest = Path(args.src).resolve(), Path(args.dest).resolve()
    if not src.is_dir():
        print(f"{args.src}: no such folder", file=sys.stderr)
        return 2
    if dest == src or src in dest.parents:
        print("DEST must be outside SRC: migrate never changes the source blog", file=sys.stderr)
        return 2
    report, generator = migrate(src, dest, args.generator, args.dry_run)
    if generator is None:
        names = ", ".join(GENERATORS)
        print(f"{args.src}: no blog recognised; give --from ({names})", file=sys.stderr)
        return 2
    verb = "would write" if args.dry_run else "wrote"
    for path in report.written:
        print(f"{verb} {path}")
    for problem in report.problems:
        print(f"{problem}")
    for note in report.notes:
        print(f"note: {note}")
    print(
        f"{generator.name}: {report.posts} posts ({report.dated} dated, {report.tagged} tagged); "
        f"{verb} {len(report.written)} files, {len(report.unchanged)} unchanged; "
        f"{len(report.problems)} thing(s) not converted"
    )
    return 0


def add_command(commands: argparse._SubParsersAction) -> None:
    from ..migrate.run import GENERATORS

    command = commands.add_parser(
        "migrate",
        help="convert a Hugo, Jekyll, Astro, Next.js, Nikola or Pelican blog",
        description="Write the posts of another generator's blog (SRC, its project folder) "
        "as MyST posts with our frontmatter under DEST (your site's posts folder). SRC is "
        "never changed; running twice changes nothing.",
    )
    command.add_argument("src", help="the other generator's project folder")
    command.add_argument("dest", help="where the posts go (for example docs/posts)")
    command.add_argument(
        "--from",
        dest="generator",
        choices=sorted(GENERATORS),
        help="the generator (default: detected)",
    )
    command.add_argument("--dry-run", action="store_true", help="write nothing; list what would be")
    command.set_defaults(run=run_migrate)
