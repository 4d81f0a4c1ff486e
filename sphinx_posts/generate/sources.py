"""Record what this build read, by content, for ``sphinx-posts restore-mtimes`` (store/sources.py).

Written once the build succeeded (a failed build's record would vouch for output that is not
there): every source of a document, every file a document depends on (includes, images) and
every template the HTML builder compares its pages against.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.sources import read_record, record_files, write_record

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx


def read_files(app: Sphinx) -> Iterator[Path]:
    env = app.env
    for docname in sorted(env.found_docs):
        yield Path(env.doc2path(docname))
        for dependency in sorted(env.dependencies.get(docname, ())):
            yield Path(app.srcdir, dependency)


def template_files(app: Sphinx) -> Iterator[Path]:
    """The files whose newest time decides whether every page is written again (Sphinx's
    ``newest_template_mtime``: every ``.html`` under the theme's and the site's template
    folders)."""
    templates = getattr(app.builder, "templates", None)
    for folder in getattr(templates, "pathchain", None) or ():
        for root, _dirs, files in os.walk(folder):
            yield from (Path(root, name) for name in sorted(files) if name.endswith(".html"))


def record_sources(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    doctreedir = Path(app.doctreedir)
    previous = read_record(doctreedir)
    paths = [*read_files(app), *template_files(app)]
    record = record_files(paths, previous)
    if record != previous:
        write_record(doctreedir, record)


def setup_sources(app: Sphinx) -> None:
    app.connect("build-finished", record_sources, priority=800)
