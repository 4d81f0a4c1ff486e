"""``sphinx-posts save-cache`` and ``load-cache``: incremental builds where CI keeps nothing.

Read the Docs starts every build on an empty machine: no cache step, nothing kept between
builds. What it does keep is the site it published. So the last step of a build packs the
doctrees and the output into one archive inside the output (``save-cache``), and the first step
of the next build fetches it from the published site (``load-cache``), unpacks it and gives the
unchanged sources their recorded times back (as ``restore-mtimes`` does). Anything wrong with
the archive (missing, damaged, not ours) means a clean build, never a failed one.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
import urllib.request
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..store.sources import read_record, restore_mtimes
from .mtimes import told

if TYPE_CHECKING:
    import argparse

PARTS = ("doctrees", "html")
"""The archive's top-level folders, one per folder it restores."""

TIMEOUT = 60
"""Seconds to wait for the published archive before building from scratch."""


def save_cache(doctrees: Path, html: Path, archive: Path) -> int:
    """Pack both folders into ``archive`` (written in one step); return the files packed."""
    archive = archive.resolve()
    archive.parent.mkdir(parents=True, exist_ok=True)
    temporary = archive.with_name(f".{archive.name}.{os.getpid()}.tmp")
    count = 0
    with tarfile.open(temporary, "w:gz") as tar:
        for part, folder in zip(PARTS, (doctrees, html), strict=True):
            for path in sorted(Path(folder).rglob("*")):
                if not path.is_file() or path.is_symlink():
                    continue
                if path.resolve() == archive or path.name.startswith(f".{archive.name}."):
                    continue  # the archive itself, when it lives in the output
                name = f"{part}/{path.relative_to(folder).as_posix()}"
                tar.add(path, arcname=name, recursive=False)
                count += 1
    os.replace(temporary, archive)  # noqa: PTH105
    return count


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Regular files and folders under ``doctrees/`` and ``html/`` only: an archive from
    elsewhere cannot write outside the two folders, nor plant links or devices."""
    members = []
    for member in tar.getmembers():
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts or len(path.parts) < 2:
            continue
        if path.parts[0] not in PARTS or not (member.isfile() or member.isdir()):
            continue
        members.append(member)
    return members


def _fetch(source: str, into: Path) -> Path:
    if source.startswith(("https://", "http://")):
        target = into / "cache.tar.gz"
        with urllib.request.urlopen(source, timeout=TIMEOUT) as response, target.open("wb") as out:
            shutil.copyfileobj(response, out)
        return target
    return Path(source)


def load_cache(source: str, doctrees: Path, html: Path) -> str:
    """Unpack the archive at ``source`` (a URL or a file) into the two folders and restore the
    times of unchanged sources; return what happened, in one line."""
    with tempfile.TemporaryDirectory() as scratch:
        try:
            archive = _fetch(source, Path(scratch))
            with tarfile.open(archive, "r:gz") as tar:
                members = _safe_members(tar)
                unpacked = Path(scratch) / "unpacked"
                if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
                    tar.extractall(unpacked, members=members, filter="data")
                else:  # pragma: no cover
                    tar.extractall(unpacked, members=members)
        except (OSError, tarfile.TarError, EOFError, ValueError) as error:
            return f"no cache loaded from {source} ({error}): the build will be clean"
        for part, folder in zip(PARTS, (doctrees, html), strict=True):
            if (unpacked / part).is_dir():
                folder = Path(folder)
                if folder.exists():
                    shutil.rmtree(folder)
                folder.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(unpacked / part, folder)
    record = read_record(doctrees)
    if not record:
        return f"the cache from {source} has no record of sources: the build will be clean"
    return f"cache loaded: {told(restore_mtimes(record))}"


def run_save(args: argparse.Namespace) -> int:
    count = save_cache(Path(args.doctrees), Path(args.html), Path(args.to))
    print(f"{count} files saved to {args.to}")
    return 0


def run_load(args: argparse.Namespace) -> int:
    print(load_cache(args.source, Path(args.doctrees), Path(args.html)))
    return 0


def add_command(commands: argparse._SubParsersAction) -> None:
    save = commands.add_parser(
        "save-cache",
        help="after a build: pack the doctrees and output into one archive",
        description="Pack the doctrees and the HTML output into one .tar.gz, for a CI "
        "service that keeps nothing between builds (Read the Docs): write it into the "
        "output, and the next build loads it from the published site with load-cache.",
    )
    save.add_argument("--doctrees", required=True, help="the doctrees folder (sphinx-build -d)")
    save.add_argument("--html", required=True, help="the HTML output folder")
    save.add_argument("--to", required=True, help="the archive to write (.tar.gz)")
    save.set_defaults(run=run_save)

    load = commands.add_parser(
        "load-cache",
        help="before a build: unpack the last build's archive, restore unchanged files' times",
        description="Fetch the archive save-cache wrote (an https URL on your own site, or a "
        "file), unpack it into the doctrees and output folders, and give every unchanged "
        "source its recorded time back, so that Sphinx reads and writes only what changed. "
        "A missing or damaged archive means a clean build; the exit code is 0 either way.",
    )
    load.add_argument("source", help="the archive's URL (your published site) or path")
    load.add_argument("--doctrees", required=True, help="the doctrees folder (sphinx-build -d)")
    load.add_argument("--html", required=True, help="the HTML output folder")
    load.set_defaults(run=run_load)
