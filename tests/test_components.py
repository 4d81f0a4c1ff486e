"""Our sidebar components on pydata-sphinx-theme are settled before the theme pre-renders them
(write/components.py): the pages are byte for byte what the theme's own check gives, a
component that shows nothing is dropped unrendered, and a site's own template of the same name
is still checked by the theme."""

from __future__ import annotations

import pytest
from blog_helpers import page
from helpers import build, copy_root, tree
from sphinx.testing.util import SphinxTestApp

from sphinx_posts.write.components import SKIP_CHECK, settle_components

PYDATA = {"html_theme": "pydata_sphinx_theme"}


def site(
    tmp_path, rootdir, name: str, conf: str = "", settle: bool = True, templates: dict | None = None
) -> SphinxTestApp:
    """Build a copy of test-zero-config on pydata-sphinx-theme (with ``templates`` as its own
    ``_templates``), noting the sidebars each page hands the theme and which it trusts."""
    srcdir = copy_root(rootdir, tmp_path, "zero-config", conf, dest=name)
    for relative, text in (templates or {}).items():
        path = srcdir / "_templates" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides=PYDATA)
    seen: dict[str, tuple[list[str], list[str]]] = {}

    def look(app, pagename, templatename, context, doctree):  # what the theme is given
        skip = context.get(SKIP_CHECK, [])
        if isinstance(skip, str):
            skip = [name.strip() for name in skip.split(",")]
        seen[pagename] = (list(context.get("sidebars") or []), list(skip))

    app.connect("html-page-context", look, priority=499)
    if not settle:
        listeners = app.events.listeners["html-page-context"]
        listeners[:] = [one for one in listeners if one.handler is not settle_components]
    app.seen = seen  # type: ignore[attr-defined]
    try:
        build(app)
    finally:
        app.cleanup()
    return app


@pytest.mark.parametrize("baseurl", ["", 'html_baseurl = "https://notes.example.org/"'])
def test_pages_are_the_same_as_with_the_themes_own_check(tmp_path, rootdir, baseurl):
    settled = site(tmp_path, rootdir, "settled", baseurl)
    checked = site(tmp_path, rootdir, "checked", baseurl, settle=False)
    assert tree(settled.outdir) == tree(checked.outdir)
    # and the theme was spared the work: without feeds (no html_baseurl) the feeds component
    # never reaches it, and ours that show something are not rendered twice
    sidebars, skip = settled.seen["posts/field-trip"]
    ours = [name for name in sidebars if name.startswith("posts/")]
    assert ("posts/feeds.html" in ours) == bool(baseurl)
    assert "posts/postcard.html" in ours
    assert set(ours) <= set(skip)
    sidebars, skip = checked.seen["posts/field-trip"]
    assert "posts/feeds.html" in sidebars
    assert not any(name.startswith("posts/") for name in skip)
    blog_sidebars, blog_skip = settled.seen["blog"]
    assert "posts/recent.html" in blog_sidebars and "posts/recent.html" in blog_skip


def test_a_sites_own_component_is_left_to_the_themes_check(tmp_path, rootdir):
    conf = 'templates_path = ["_templates"]\nhtml_baseurl = "https://notes.example.org/"'
    own = {
        "posts/feeds.html": "{# this site shows no feeds box #}\n",
        "posts/recent.html": '<p class="my-recent">Mine</p>\n',
    }
    app = site(tmp_path, rootdir, "own", conf, templates=own)
    sidebars, skip = app.seen["posts/field-trip"]
    assert "posts/feeds.html" in sidebars and "posts/feeds.html" not in skip
    assert "posts/recent.html" not in skip
    post = page(app, "posts/field-trip")
    assert post.select_one(".my-recent") is not None
    assert post.select_one(".posts-feeds") is None
    # the theme dropped the empty one itself: no empty item box in the sidebar
    items = post.select(".bd-sidebar-primary .sidebar-primary-item")
    assert items and all(item.get_text(strip=True) or item.find(True) for item in items)
