"""``sphinx-posts restore-mtimes``: before a CI build, unchanged files get their old times back.

A CI job that caches the doctrees and the output starts each run from a fresh checkout, where
every file is new, so Sphinx reads and writes every document again. Run this after restoring
the cache and before ``sphinx-build``: every file whose content is what the last build read
(``store/sources.py`` keeps the record in the doctrees folder) gets the time it had then.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..store.sources import RECORD, read_record, restore_mtimes

if TYPE_CHECKING:
    import argparse


def run_restore(args: argparse.Namespace) -> int:
    doctrees = Path(args.doctrees or Path(args.source) / "_build" / "doctrees")
    record = read_record(doctrees)
    if not record:
        print(f"no record in {doctrees / RECORD}: nothing restored (the build will be clean)")
        return 0
    print(told(restore_mtimes(record)))
    return 0


def told(counts: dict[str, int]) -> str:
    """What ``restore_mtimes`` did, in one line."""
    return (
        f"{counts['restored']} files unchanged (times restored), {counts['changed']} changed, "
        f"{counts['missing']} gone"
    )


def add_command(commands: argparse._SubParsersAction) -> None:
    restore = commands.add_parser(
        "restore-mtimes",
        help="before a CI build from a cache: unchanged files get their old times back",
        description="Give every file the last build read (sources, their dependencies, "
        "templates) its modification time of then, if its content is unchanged, so that "
        "Sphinx reads and writes again only what changed. Run it after restoring the "
        "doctrees and output from a CI cache, before sphinx-build.",
    )
    restore.add_argument("source", nargs="?", default=".", help="the folder holding conf.py")
    restore.add_argument(
        "--doctrees", help="the doctrees folder (sphinx-build -d); default SOURCE/_build/doctrees"
    )
    restore.set_defaults(run=run_restore)
