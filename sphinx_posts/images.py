"""Post images named in frontmatter (``image:``): checked at read time, copied for HTML.

An image used only as a card or ``og:image`` is not in any doctree, so Sphinx would not copy
it; we copy each one to ``_images/posts/<its path in the source>`` once the build succeeded.
"""

from __future__ import annotations

import shutil
from posixpath import dirname, join, normpath
from typing import TYPE_CHECKING

from sphinx.util.osutil import ensuredir

from .domain import get_domain
from .outputs import replace_outputs

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import Post

OUTPUT_DIR = "_images/posts"


def is_external(image: str) -> bool:
    return "://" in image or image.startswith("data:")


def source_path(post: Post) -> str:
    return image_source(post.docname, post.image)


def image_source(docname: str, image: str) -> str:
    """An image's path relative to the source folder (a leading ``/`` means the root)."""
    if image.startswith("/"):
        return normpath(image.lstrip("/"))
    return normpath(join(dirname(docname), image))


def image_exists(env: BuildEnvironment, relative: str) -> bool:
    return not relative.startswith("..") and (env.srcdir / relative).is_file()


def image_page(post: Post) -> str:
    """The image as a page-like name in the output, for ``get_relative_uri``-style links."""
    return f"{OUTPUT_DIR}/{source_path(post)}"


def image_url(env: BuildEnvironment, post: Post, locate: Callable[[str], str]) -> str:
    """The post's image as a URL: an external one as written, a copied file through
    ``locate`` (relative to a page, or absolute); ``""`` when there is none to show."""
    if not post.image:
        return ""
    if is_external(post.image):
        return post.image
    return locate(image_page(post)) if image_exists(env, source_path(post)) else ""


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
