"""Generated pages written by ``-j N`` worker processes, as Sphinx writes documents.

Sphinx renders what ``html-collect-pages`` yields in the main process, one page after the
other, once the workers that wrote the documents are gone: on a blog with hundreds of tag, year
and index pages that serial tail took most of what ``-j 2`` saved. A generated page is pure
given the build's state (its body comes from the catalog, its chrome from the theme), so forked
workers can render and write pages as well as the main process: ``handle_page`` writes one
file and changes nothing the main process reads afterwards. Warnings raised in a worker are
replayed in the main process by Sphinx's ``ParallelTasks``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util.parallel import ParallelTasks, make_chunks, parallel_available

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx

    Page = tuple[str, dict, str]

SERIAL_BELOW = 8
"""Fewer pages than this are not worth forking for (an incremental build's few pages)."""


def workers(app: Sphinx, count: int) -> int:
    """How many processes to use for ``count`` pages: 0 for none (write them here)."""
    builder = app.builder
    if not parallel_available or app.parallel <= 1 or count < SERIAL_BELOW:
        return 0
    if not getattr(builder, "parallel_ok", False):  # an extension is unsafe for writing
        return 0
    return app.parallel


def write_pages(app: Sphinx, pages: Sequence[Callable[[], Page]]) -> bool:
    """Render and write ``pages`` in worker processes; ``False`` (nothing done) when the
    build is serial, and the caller yields them to Sphinx."""
    nproc = workers(app, len(pages))
    if not nproc:
        return False
    builder = app.builder

    def write_chunk(chunk: Sequence[Callable[[], Page]]) -> None:
        for render in chunk:
            builder.handle_page(*render())

    tasks = ParallelTasks(nproc)
    for chunk in make_chunks(list(pages), nproc):
        tasks.add_task(write_chunk, chunk)
    tasks.join()
    return True
