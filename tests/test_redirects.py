"""ABlog's ``:redirect:``: a post's old addresses forward readers to it, inside the site only."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from blog_helpers import broken_links, entry_titles, output_file, page
from bs4 import BeautifulSoup
from helpers import build, copy_root, warnings_of


def _refresh_target(path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    return refresh["content"].split("url=", 1)[1]


@pytest.mark.sphinx("html", testroot="redirect")
def test_old_addresses_forward_to_the_post(app):
    build(app)
    assert _refresh_target(app.outdir / "2013" / "old-post.html") == "../posts/moved.html"
    assert _refresh_target(app.outdir / "archive" / "older.html") == "../posts/moved.html"
    # ``../../escape`` stays inside the output folder
    assert _refresh_target(app.outdir / "escape.html") == "posts/moved.html"
    outdir = app.outdir.resolve()
    assert not (outdir.parent / "escape.html").exists()
    assert not (outdir.parent.parent / "escape.html").exists()


@pytest.mark.sphinx("dirhtml", testroot="redirect")
def test_old_addresses_forward_to_the_post_in_dirhtml(app):
    build(app)
    # an address ending in .html is that file, as it is under the html builder
    assert _refresh_target(app.outdir / "2013" / "old-post.html") == "../posts/moved/"
    assert not (app.outdir / "2013" / "old-post").exists()
    target = _refresh_target(app.outdir / "archive" / "older" / "index.html")
    assert target == "../../posts/moved/"
    assert (app.outdir / "posts" / "moved" / "index.html").is_file()


def _served(outdir, address: str):
    """The file a static host (GitHub Pages, Netlify, nginx) serves at ``address``: a folder's
    address is its ``index.html``; one without suffix is ``x.html``, else ``x/index.html``."""
    path = address.strip("/")
    if address.endswith("/") or not path:
        candidates = [f"{path}/index.html" if path else "index.html"]
    elif path.endswith(".html"):
        candidates = [path]
    else:
        candidates = [f"{path}.html", f"{path}/index.html"]
    return next((outdir / found for found in candidates if (outdir / found).is_file()), None)


def _follow(outdir, address: str) -> tuple[str, str]:
    """Fetch ``address`` as a static host serves it and follow its refresh, if any: the
    address reached and the ``<h1>`` of the page found there."""
    for _ in range(3):
        served = _served(outdir, address)
        assert served is not None, f"nothing served at {address!r}"
        soup = BeautifulSoup(served.read_text(encoding="utf-8"), "html.parser")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        if refresh is None:
            return address, soup.h1.get_text(strip=True).rstrip("#¶")
        target = refresh["content"].split("url=", 1)[1]
        address = urlsplit(urljoin("https://example.org" + address, target)).path
    raise AssertionError(f"{address!r}: a redirect loop")


# every old address of test-redirect's posts, as readers and search engines still ask for it
OLD_ADDRESSES = {
    "/posts/pretty/": "Moved post",  # Hugo's aliases end in a slash
    "/2019/old/index.html": "Moved post",
    "/2013/old-post.html": "Moved post",
    "/archive/older": "Moved post",
    "/2024/05/01/moved/": "Moved post",  # Jekyll's "pretty" permalink style
    "/2024/06/01/bundle/": "A bundle",
    "/bundles/one/": "A bundle",
    "/posts/bundle/": "A bundle",  # html: the bundle's own address, which needs no redirect
}


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_a_static_host_serves_every_old_address(make_app, rootdir, tmp_path, buildername):
    """Issue 10: an old address ending in ``/`` is ``x/index.html`` under every builder
    (the html builder wrote ``x.html``, which a static host does not serve at ``x/``)."""
    srcdir = copy_root(rootdir, tmp_path, "redirect")
    app = make_app(buildername, srcdir=srcdir, builddir=tmp_path / "_build")
    build(app)
    for address, title in OLD_ADDRESSES.items():
        reached, found = _follow(app.outdir, address)
        assert found == title, (address, reached)
        assert reached != address or address == "/posts/bundle/", address
    assert (app.outdir / "posts" / "pretty" / "index.html").is_file()
    assert not (app.outdir / "posts" / "pretty.html").exists()
    # the redirects are recorded as written: an incremental build that drops one removes it
    source = app.srcdir / "posts" / "moved.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("/posts/pretty/, ", ""), encoding="utf-8"
    )
    app.cleanup()
    app2 = make_app(buildername, srcdir=app.srcdir, builddir=tmp_path / "_build")
    app2.build()
    assert "posts" not in warnings_of(app2)
    assert not (app2.outdir / "posts" / "pretty" / "index.html").exists()
    assert _follow(app2.outdir, "/2019/old/index.html")[1] == "Moved post"
    assert _follow(app2.outdir, "/2013/old-post.html")[1] == "Moved post"


# test-redirect-collision: posts/moved's old addresses name pages and files the site already
# has; posts/also-moved claims the same old address first (it is newer, and listed first)
KEPT = {
    "blog": "the blog's page 'blog'",
    "blog/tag/python": "the blog's page 'blog/tag/python'",
    "genindex": "Sphinx's page 'genindex'",
    "search": "Sphinx's page 'search'",
    "py-modindex": "Sphinx's page 'py-modindex'",
    "index": "the document 'index'",
    "_static/basic.css": "Sphinx's folder '_static'",
    "old/address": "the redirect 'old/address' of 'posts/also-moved'",
}


def _collisions(app) -> dict[str, str]:
    """``posts.collision`` warnings by the page that was not written."""
    found = {}
    for line in warnings_of(app).splitlines():
        assert "[posts.collision]" in line, line
        assert line.startswith(str(app.srcdir / "posts") + "/"), line
        pagename = line.split("the page ", 1)[1].split("'")[1]
        assert pagename not in found, line
        found[pagename] = line
    return found


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_a_redirect_never_replaces_a_page_or_a_static_file(
    make_app, rootdir, tmp_path, buildername
):
    srcdir = rootdir / "test-redirect-collision"
    app = make_app(buildername, srcdir=srcdir, builddir=tmp_path / "_build")
    app.build()
    assert "Traceback" not in warnings_of(app)
    found = _collisions(app)
    inside = "posts/moved.html/inside"
    if buildername == "html":  # posts/moved.html is a file: no page can go inside it
        line = found.pop(inside)
        assert "the redirect 'posts/moved.html/inside' of 'posts/also-moved'" in line, line
        assert "would replace the document 'posts/moved'" in line, line
        assert (app.outdir / "posts" / "moved.html").is_file()
    else:
        assert _refresh_target(output_file(app, inside)) == "../../also-moved/"
    assert set(found) == set(KEPT), found
    for pagename, owner in KEPT.items():
        line = found[pagename]
        assert f"the redirect {pagename!r} of 'posts/moved'" in line, line
        assert f"would replace {owner}" in line, line
        assert "posts/moved.md: WARNING" in line, line
    # every page that was there is still itself
    assert page(app, "blog").select_one(".posts-listing") is not None
    assert entry_titles(page(app, "blog/tag/python")) == ["Moved post"]
    assert page(app, "genindex").find("meta", attrs={"http-equiv": "refresh"}) is None
    assert page(app, "search").find("meta", attrs={"http-equiv": "refresh"}) is None
    assert "shapes" in page(app, "py-modindex").get_text()
    assert "Redirects that would land" in page(app, "index").get_text()
    assert (app.outdir / "_static" / "basic.css").is_file()
    assert not (app.outdir / "_static" / "basic.css.html").exists()
    # the first claim on the shared old address, and the address under a page, are written
    assert _refresh_target(output_file(app, "old/address")).endswith(
        "posts/also-moved.html" if buildername == "html" else "posts/also-moved/"
    )
    assert broken_links(app.outdir) == []
