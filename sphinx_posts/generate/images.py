"""Post images named in frontmatter (``image:``), copied for HTML once the build succeeded.

An image used only as a card or ``og:image`` is not in any doctree, so Sphinx would not copy
it; we copy each one to ``_images/posts/<its path in the source>`` (see urls.image_page).
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from sphinx.util.osutil import ensuredir

from ..store.domain import get_domain
from ..urls import OUTPUT_DIR, image_exists, is_external, source_path
from .outputs import replace_outputs

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def copy_images(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    written = []
    for post in get_domain(app.env).posts.values():
        if not post.image or is_external(post.image):
            continue
        relative = source_path(post)
        if image_exists(app.env, relative):
            target = app.outdir / OUTPUT_DIR / relative
            ensuredir(target.parent)
            shutil.copyfile(app.env.srcdir / relative, target)
            written.append(f"{OUTPUT_DIR}/{relative}")
    replace_outputs(app, "images", written)


def setup_images(app: Sphinx) -> None:
    app.connect("build-finished", copy_images)
