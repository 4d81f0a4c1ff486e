"""Post images named in frontmatter (``image:``) and files a post's raw HTML points to,
copied for HTML once the build succeeded.

An image used only as a card or ``og:image`` is not in any doctree, and a file named in raw
HTML is in no image or download node, so Sphinx would copy neither; we copy each one to
``_images/posts/<its path in the source>`` (see urls.image_page and urls.raw_file_page).
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from sphinx.util.osutil import ensuredir

from ..store.domain import get_domain
from ..urls import image_exists, is_external, raw_file_page, source_path
from .outputs import replace_outputs

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx


def copy_images(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    wanted = set()
    for post in get_domain(app.env).posts.values():
        if post.image and not is_external(post.image):
            wanted.add(source_path(post))
        wanted.update(post.files)
    written = []
    for relative in sorted(wanted):
        if image_exists(app.env, relative):  # files are checked when read; gone since?
            target = app.outdir / raw_file_page(relative)
            copy_if_changed(app.env.srcdir / relative, target)
            written.append(raw_file_page(relative))
    replace_outputs(app, "images", written)


def setup_images(app: Sphinx) -> None:
    app.connect("build-finished", copy_images)


def copy_if_changed(source: Path, target: Path) -> None:
    """Copy with the source's times, unless the copy of the last build is still the same size
    and time: a blog's images are copied once, not on every build."""
    found = source.stat()
    try:
        copied = target.stat()
        if copied.st_size == found.st_size and copied.st_mtime_ns == found.st_mtime_ns:
            return
    except FileNotFoundError:
        pass
    ensuredir(target.parent)
    shutil.copy2(source, target)
