"""Generated pages and feeds written by ``-j N`` worker processes, as Sphinx writes documents.

Sphinx renders what ``html-collect-pages`` yields in the main process, one page after the
other, once the workers that wrote the documents are gone, and ``build-finished`` (feeds) runs
there too: on a blog with hundreds of tag, year and index pages that serial tail took most of
what ``-j 2`` saved. A generated page or feed is pure given the build's state (the catalog,
the theme, the feed entries computed before the fork), so forked workers can render and write
them as well as the main process: each task writes its own files and changes nothing the main
process reads afterwards. Warnings raised in a worker are replayed in the main process by
Sphinx's ``ParallelTasks``; a worker that fails fails the build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util.parallel import ParallelTasks, make_chunks, parallel_available

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx

SERIAL_BELOW = 8
"""Fewer tasks than this are not worth forking for (an incremental build's few pages)."""


def workers(app: Sphinx, count: int) -> int:
    """How many processes to use for ``count`` tasks: 0 for none (run them here)."""
    if not parallel_available or app.parallel <= 1 or count < SERIAL_BELOW:
        return 0
    if not getattr(app.builder, "parallel_ok", False):  # an extension is unsafe for writing
        return 0
    return app.parallel


def run_tasks(app: Sphinx, tasks: Sequence[Callable[[], object]]) -> None:
    """Run every task, in worker processes under ``-j N``, else here, in order."""
    nproc = workers(app, len(tasks))
    if not nproc:
        for task in tasks:
            task()
        return

    def run_chunk(chunk: Sequence[Callable[[], object]]) -> None:
        for task in chunk:
            task()

    pool = ParallelTasks(nproc)
    for chunk in make_chunks(list(tasks), nproc):
        pool.add_task(run_chunk, chunk)
    pool.join()


def in_workers(app: Sphinx, count: int) -> bool:
    """Whether ``count`` tasks would go to worker processes."""
    return workers(app, count) > 0
