"""What the last build read, by content: so a fresh checkout in CI rebuilds incrementally.

Sphinx decides what to read and write again by modification times: a source newer than when it
was read is read again, a page older than its source or than the newest template is written
again. A CI job that restores the doctrees and the output from its cache still starts from a
fresh checkout (and often a fresh virtual environment), where every file is new: every
document is read and written again.

So each build records, beside the doctrees, the content hash, modification time and size of
every file it read (sources and their dependencies) and of every template the theme could use.
``sphinx-posts restore-mtimes`` (before the build) gives each file whose content is what the
last build saw its recorded modification time back; a changed file keeps its new time, so
Sphinx reads it again. Unlike restoring times from git (``git restore-mtime``), this does not
assume that a changed file's last commit is newer than the last build: a merged branch's
commits can be older than the build of ``main`` that came before the merge.

Plain data and files only: the ``generate`` phase writes the record, the ``cli`` restores it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

RECORD = "posts-sources.json"
"""The record's name in the doctrees folder."""

Entry = tuple[str, int, int]
"""Content hash (SHA-256, hex), modification time (ns), size."""


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entry(value: Any) -> Entry | None:
    if (
        isinstance(value, list)
        and len(value) == 3
        and isinstance(value[0], str)
        and len(value[0]) == 64
        and all(isinstance(item, int) and not isinstance(item, bool) for item in value[1:])
    ):
        return value[0], value[1], value[2]
    return None


def read_record(doctreedir: Path) -> dict[str, Entry]:
    """The last build's record; empty when there is none or it is not one of ours."""
    try:
        data = json.loads((Path(doctreedir) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return {}
    found = {}
    for path, value in data["files"].items():
        entry = _entry(value)
        if isinstance(path, str) and Path(path).is_absolute() and entry is not None:
            found[path] = entry
    return found


def record_files(paths: Iterable[Path], previous: dict[str, Entry]) -> dict[str, Entry]:
    """An entry for each existing file; a file whose time and size are as recorded keeps its
    recorded hash (a no-change rebuild hashes nothing)."""
    record: dict[str, Entry] = {}
    folders: dict[Path, str] = {}
    for path in paths:
        try:
            found = path.lstat()
            linked = stat.S_ISLNK(found.st_mode)
            if linked:
                found = path.stat()
        except OSError:
            continue
        if not stat.S_ISREG(found.st_mode):
            continue
        key = str(path.resolve()) if linked else _resolved(path, folders)
        known = previous.get(key)
        if known and known[1:] == (found.st_mtime_ns, found.st_size):
            record[key] = known
        else:
            record[key] = (file_hash(path), found.st_mtime_ns, found.st_size)
    return record


def _resolved(path: Path, folders: dict[Path, str]) -> str:
    """``path.resolve()`` of a file that is no link, its folder resolved once: resolving
    each of 10,000 sources' paths on every build took most of the record's time."""
    parent = path.parent
    if parent not in folders:
        folders[parent] = os.path.realpath(parent)
    return os.path.join(folders[parent], path.name)  # noqa: PTH118 (str, as resolve() gives)


def write_record(doctreedir: Path, record: dict[str, Entry]) -> None:
    """Written in one step (a temporary file renamed over the old one)."""
    target = Path(doctreedir) / RECORD
    temporary = target.with_name(f".{RECORD}.{os.getpid()}.tmp")
    data = {"files": {path: list(entry) for path, entry in sorted(record.items())}}
    temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, target)  # noqa: PTH105


def restore_mtimes(record: dict[str, Entry]) -> dict[str, int]:
    """Give each unchanged file its recorded modification time back; count what was done."""
    counts = {"restored": 0, "changed": 0, "missing": 0}
    for name, (digest, mtime, size) in record.items():
        path = Path(name)
        try:
            stat = path.lstat()
        except OSError:
            counts["missing"] += 1
            continue
        if path.is_symlink() or not path.is_file():
            counts["missing"] += 1
        elif stat.st_mtime_ns == mtime:
            counts["restored"] += 1
        elif stat.st_size == size and file_hash(path) == digest:
            os.utime(path, ns=(stat.st_atime_ns, mtime))
            counts["restored"] += 1
        else:
            counts["changed"] += 1
    return counts
