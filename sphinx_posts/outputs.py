"""Files the blog writes besides Sphinx's own documents, and the cleanup of stale ones.

An incremental build must leave the output folder as a clean build would: a tag that no
longer exists loses its pages, feeds and copied images. Each kind of output keeps the list of
files it wrote beside the doctrees (never in the output), and removes what it no longer writes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx


def replace_outputs(app: Sphinx, kind: str, written: Iterable[str]) -> None:
    """Record ``written`` (paths relative to the output folder) and delete what an earlier
    build of the same ``kind`` wrote and this one did not."""
    manifest = app.doctreedir / f"posts-{kind}.json"
    current = sorted(set(written))
    try:
        previous = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = []
    outdir = app.outdir.resolve()
    for relative in sorted(set(previous) - set(current)):
        stale = (outdir / relative).resolve()
        if stale.is_file() and stale.is_relative_to(outdir):
            stale.unlink()
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(current), encoding="utf-8")
