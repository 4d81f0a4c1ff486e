"""Files the blog writes besides Sphinx's own documents: what was written, what is stale.

An incremental build must leave the output folder as a clean build would: a tag that no longer
exists loses its pages, feeds and copied images. Each kind of output keeps a record beside the
doctrees (never in the output): every file it wrote, with a fingerprint of what that file
shows, so unchanged generated pages need not be rendered again.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from sphinx.application import Sphinx


def _record_file(app: Sphinx, kind: str) -> Path:
    return app.doctreedir / f"posts-{app.builder.name}-{kind}.json"


def read_record(app: Sphinx, kind: str) -> dict[str, Any]:
    """``{"files": {path: fingerprint}, "stale": [path, ...], "chrome": key}`` from the last
    build (``chrome``: what all files of the kind depend on, such as the configuration)."""
    try:
        record = json.loads(_record_file(app, kind).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"files": {}, "stale": [], "chrome": ""}
    return {
        "files": dict(record.get("files", {})),
        "stale": list(record.get("stale", [])),
        "chrome": str(record.get("chrome", "")),
    }


def write_record(
    app: Sphinx, kind: str, files: dict[str, str], stale: Iterable[str], chrome: str = ""
) -> None:
    target = _record_file(app, kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"files": dict(sorted(files.items())), "stale": sorted(stale), "chrome": chrome}
    target.write_text(json.dumps(data, indent=0), encoding="utf-8")


def all_present(app: Sphinx, record: dict[str, Any]) -> bool:
    return all((app.outdir / relative).is_file() for relative in record["files"])


def forget_record(app: Sphinx, kind: str) -> None:
    """After a failed build nothing recorded can be trusted: the next build writes all."""
    _record_file(app, kind).unlink(missing_ok=True)


def remove(app: Sphinx, paths: Iterable[str]) -> None:
    """Delete output files (paths relative to the output folder, never outside it)."""
    outdir = app.outdir.resolve()
    for relative in sorted(set(paths)):
        stale = (outdir / relative).resolve()
        if stale.is_file() and stale.is_relative_to(outdir):
            stale.unlink()


def replace_outputs(app: Sphinx, kind: str, written: Iterable[str]) -> None:
    """Record ``written`` and delete what the last build of ``kind`` wrote and this one did
    not (for outputs written all at once, in ``build-finished``)."""
    previous = read_record(app, kind)["files"]
    current = dict.fromkeys(written, "")
    remove(app, set(previous) - set(current))
    write_record(app, kind, current, [])
