"""The shared sidebar file: the site-wide components rendered once a build, not on every page.

With ``posts_sidebars = "shared"`` a page shows a slot for each of ``SHARED`` (a heading that
links to the overview it summarises) and ``static/posts-sidebars.js`` fills it from
``<posts_path>/_sidebars.js``, written here. A new post, tag or year changes this file and
leaves every page as it was, so an incremental build rewrites only pages whose own content
changed (generate/incremental.py). The file is a script, not HTML fetched at run time: a
script loads from ``file://`` too, where browsers refuse ``fetch``.

Links in it are relative to the site's root (``builder.get_target_uri``: ``dirhtml`` gives
``blog/tag/python/``); the script resolves them against the root, so one file serves pages at
every depth.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..urls import SIDEBARS_FILE, makes_blog_pages
from ..write.context import script_json
from ..write.sidebars import SHARED, SidebarData, shares_sidebars
from .incremental import uses_sidebars
from .outputs import read_record, replace_outputs, write_atomically

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SCRIPT = "posts-sidebars.js"


def data_path(app: Sphinx) -> str:
    """Where the shared components go, relative to the output folder."""
    return f"{app.config.posts_path}/{SIDEBARS_FILE}"


def in_use(app: Sphinx) -> bool:
    return shares_sidebars(app) and uses_sidebars(app)


def add_script(app: Sphinx) -> None:
    """Every page of a site that shows our sidebars loads the script that fills its slots."""
    if makes_blog_pages(app.builder) and in_use(app):
        attributes = {"data-posts-sidebars": data_path(app)}
        app.add_js_file(SCRIPT, loading_method="defer", **attributes)


def fragments(app: Sphinx) -> dict[str, str]:
    """Each shared component as a page would show it, with links from the site's root."""
    builder = app.builder

    def from_root(name: str, resource: int = 0) -> str:
        return name if resource else builder.get_target_uri(name)

    data = SidebarData(app, "", from_root, None, shared=False)
    context: dict[str, Any] = {"posts": data}
    return {
        name: builder.templates.render(f"posts/{name}.html", context).strip() for name in SHARED
    }


def write_shared(app: Sphinx, exception: Exception | None) -> None:
    """Write the file when what it shows changed; remove it when no page loads it."""
    if exception is not None or not makes_blog_pages(app.builder):
        return
    record = read_record(app, "sidebars")
    if not in_use(app):
        if not record.trusted or record.files:
            replace_outputs(app, "sidebars", [])
        return
    relative = data_path(app)
    text = f"postsSidebarsLoaded({script_json(fragments(app))});\n"
    target = app.outdir / relative
    try:
        same = target.read_text(encoding="utf-8") == text
    except (OSError, ValueError):
        same = False
    if not same:
        write_atomically(target, text)
    if not (same and record.trusted and set(record.files) == {relative}):
        replace_outputs(app, "sidebars", [relative])


def setup_shared(app: Sphinx) -> None:
    app.connect("builder-inited", add_script)
    app.connect("build-finished", write_shared)
