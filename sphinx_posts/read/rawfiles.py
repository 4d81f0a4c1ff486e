"""Files a post's raw HTML points to: ``<img src>``, ``<video src>``, ``<a href>`` to a PDF.

Sphinx copies only the files its own image and download nodes name, so a figure written as
raw HTML (as Jekyll and Hugo blogs often do, inside ``<div>`` captions, with ``style``) would be
a broken image on the built page, with no warning. Turning the HTML into MyST images would lose
its attributes and the markup around it; instead the HTML stays as written and each file it
names that is in the source folder (relative to the post, or to the site's root with a leading
``/``) is recorded on the post, copied into the output by the blog (generate/images.py) and its
address rewritten for the page being written (write/rawfiles.py), so ``html``, ``dirhtml`` and
a site served under a sub-path all find it. A file that is nowhere is a ``posts.file`` warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..doctree import RAW_FILES
from ..report import PostsWarning, warn
from ..urls import SPHINX_FOLDERS, file_path, file_references, image_source, url_rest

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils import nodes
    from sphinx.environment import BuildEnvironment


def raw_files(env: BuildEnvironment, docname: str, raws: Iterable[nodes.raw]) -> tuple[str, ...]:
    """Record, on each raw HTML node of a post, where it names a file of the source folder;
    warn about the files that are nowhere; return the files found."""
    found: dict[str, None] = {}
    for node in raws:
        if "html" not in node.get("format", "").split():
            continue
        places = []
        for start, end, url in file_references(node.astext()):
            path = file_path(url)
            relative = image_source(docname, path)
            env.note_dependency(relative)  # a file added or removed later: read again
            if in_source(env, relative):
                places.append((start, end, relative, url_rest(url)))
                found[relative] = None
            elif not published_by_sphinx(env, path):
                warn(
                    PostsWarning.FILE,
                    f"raw HTML points to {url!r}, which is not in the source folder "
                    "(relative to the post, or to the site with a leading /): a broken link",
                    (docname, node.line),
                )
        if places:
            node[RAW_FILES] = places
    return tuple(found)


def in_source(env: BuildEnvironment, relative: str) -> bool:
    """Whether ``relative`` is a file inside the source folder (a symlink out of it is not)."""
    if relative.startswith(".."):
        return False
    try:
        path = (env.srcdir / relative).resolve()
        return path.is_file() and path.is_relative_to(Path(env.srcdir).resolve())
    except (OSError, ValueError):
        return False


def published_by_sphinx(env: BuildEnvironment, path: str) -> bool:
    """A file Sphinx publishes by other means: in ``_static`` and its kin, or at the site's
    root from an ``html_extra_path`` folder (read from the source folder, where conf.py is
    but for ``sphinx-build -c``)."""
    if SPHINX_FOLDERS & set(path.split("/")):
        return True
    extras = getattr(env.config, "html_extra_path", None) or ()
    return path.startswith("/") and any(
        (Path(env.srcdir) / extra / path.lstrip("/")).is_file() for extra in extras
    )
