"""ABlog's own test suite, switched in one line (issue 9).

ABlog's tests (``sunpy/ablog``: ``src/ablog/tests/test_*.py`` on the roots in ``roots/``)
build small sites and check what they show. Each test of what a site shows is ported here: it
builds a small root of ours shaped like ABlog's (``tests/roots/test-ablog-suite-*``, written for
these tests; each ``conf.py`` is ABlog's with ``"sphinx_posts"`` in place of ``"ablog"``) and
asserts what ABlog's test asserts, in ABlog's words where the markup is ABlog's.

Ported (ABlog test -> ours):

- ``test_build.py::test_build`` -> ``test_build``
- ``test_build.py::test_feed`` -> ``test_feed_atom`` and ``test_feed_social``
- ``test_canonical.py::test_canonical`` -> ``test_canonical``
- ``test_external.py::test_external`` -> ``test_external``
- ``test_postlist.py::test_postlist`` -> ``test_postlist`` (the root's conf.py sets none of
  ABlog's settings: its ``post`` directive makes it an ABlog site)
- ``test_postlist.py::test_postlist_date_format_conf`` -> same name
- ``test_templates.py::test_override_template_but_fallback_missing`` -> same name
- ``test_templates.py::test_themes_templates_come_first`` -> same name (a theme's own
  ``ablog/postcard.html`` is used over ours; ``test_site_templates_come_before_the_theme``
  checks that a site's own comes before the theme's)

Not applicable (ABlog internals):

- ``test_templates.py::test_skip_ablog_templates_but_missing_templates``: it sets
  ``skip_injecting_base_ablog_templates`` so that ABlog leaves its own templates off the
  search path, and expects the build to fail on the missing ``ablog/catalog.html``. That tests
  how ABlog injects its templates; we accept the setting (with ABlog's default) but our
  generated pages are drawn by ``posts/`` templates, so there is nothing missing to fail on.
- ``roots/test-parallel`` has no test module in ABlog's suite (no test reads it), so nothing to
  port. ABlog's suite has no tests of its CLI (``ablog build/serve/deploy``) or of its Python
  API beyond what the builds above exercise.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from blog_helpers import built_site
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
POST_DATETIME_FMT = "%Y-%m-%dT%H:%M:%S%z"


def read(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


# -- test_build.py ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def build_site(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "ablog-suite-build")


def test_build(build_site):
    assert build_site.statuscode == 0
    assert (build_site.outdir / "index.html").exists()
    assert (build_site.outdir / "blog/archive.html").exists()
    assert (build_site.outdir / "post.html").exists()


def feed_entries(app, name: str) -> list:
    path = app.outdir / "blog" / name
    assert path.exists()
    return etree.parse(str(path)).findall(f"{ATOM}entry")


def test_feed_atom(build_site):
    entries = feed_entries(build_site, "atom.xml")
    assert len(entries) == 2

    entry = entries[0]
    assert entry.find(f"{ATOM}title").text == "Foo Post Title"
    assert entry.find(f"{ATOM}summary").text == "Foo post description with link."
    categories = entry.findall(f"{ATOM}category")
    assert len(categories) == 2
    assert categories[0].attrib["label"] == "BarTag"
    assert categories[0].attrib["term"] == "BarTag"
    assert categories[1].attrib["label"] == "Foo Tag"
    assert categories[1].attrib["term"] == "FooTag"
    assert "Foo post content." in entry.find(f"{ATOM}content").text
    first = datetime.strptime(entry.find(f"{ATOM}updated").text, POST_DATETIME_FMT)

    empty = entries[1]
    assert empty.find(f"{ATOM}title").text == "Foo Empty Post"
    assert empty.find(f"{ATOM}summary") is None
    assert empty.findall(f"{ATOM}category") == []
    assert 'id="foo-empty-post"' in empty.find(f"{ATOM}content").text
    second = datetime.strptime(empty.find(f"{ATOM}updated").text, POST_DATETIME_FMT)

    assert first > second  # newest first


def test_feed_social(build_site):
    entries = feed_entries(build_site, "atom.xml")
    social = feed_entries(build_site, "social.xml")
    assert len(social) == len(entries)

    entry = social[0]
    assert entry.find(f"{ATOM}title").text == "Foo Post Title"
    assert entry.find(f"{ATOM}summary").text == "Foo post description with link."
    categories = entry.findall(f"{ATOM}category")
    assert len(categories) == 2
    assert categories[0].attrib["label"] == "BarTag"
    assert categories[1].attrib["label"] == "Foo Tag"
    assert "Foo Post Title" in entry.find(f"{ATOM}content").text


# -- test_canonical.py --------------------------------------------------------------------------


def test_canonical(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "ablog-suite-canonical")
    assert app.statuscode == 0
    assert (app.outdir / "post.html").exists()
    assert (app.outdir / "canonical.html").exists()
    html = read(app, "post.html")
    assert '<link rel="canonical" href="https://blog.example.com/post.html" />' in html
    html = read(app, "canonical.html")
    assert '<link rel="canonical" href="https://canonical.example.org/foo.html" />' in html


# -- test_external.py ---------------------------------------------------------------------------


def test_external(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "ablog-suite-external")
    assert app.statuscode == 0
    assert (app.outdir / "external.html").exists()
    assert (app.outdir / "postlist.html").exists()

    html = read(app, "external.html")
    url = "https://www.sphinx-doc.org/en/master/"
    assert url not in html  # the page itself lacks the URL
    assert "This text will be in auto-generated post previews" in html

    html = read(app, "postlist.html")
    assert (
        '<a class="reference external" href="https://www.sphinx-doc.org/en/master/">'
        "External post</a></p></li>" in html
    )


# -- test_postlist.py ---------------------------------------------------------------------------

ABLOG_LINE = (
    '<li class="ablog-post"><p class="ablog-post-title">{date} - '
    '<a class="reference internal" href="post.html">post</a></p></li>'
)


def test_postlist(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "ablog-suite-postlist")
    assert app.statuscode == 0
    assert (app.outdir / "postlist.html").exists()
    html = read(app, "postlist.html")
    assert '<ul class="postlist-style-none postlist simple">' in html
    assert ABLOG_LINE.format(date="01 December") in html


def test_postlist_date_format_conf(tmp_path_factory, rootdir):
    app = built_site(
        tmp_path_factory, rootdir, "ablog-suite-postlist", post_date_format_short="%Y-%m-%d"
    )
    assert app.statuscode == 0
    html = read(app, "postlist.html")
    assert ABLOG_LINE.format(date="2020-12-01") in html


def test_postlist_as_ablog_site(tmp_path_factory, rootdir):
    """``test_postlist`` and ``test_postlist_date_format_conf`` once the site is an ABlog site
    (here said with ``posts_ablog``; any ``blog_*`` setting does it): ABlog's markup."""
    app = built_site(tmp_path_factory, rootdir, "ablog-suite-postlist", posts_ablog=True)
    html = read(app, "postlist.html")
    assert '<ul class="postlist-style-none postlist simple">' in html
    assert ABLOG_LINE.format(date="01 December") in html
    app = built_site(
        tmp_path_factory,
        rootdir,
        "ablog-suite-postlist",
        posts_ablog=True,
        post_date_format_short="%Y-%m-%d",
    )
    assert ABLOG_LINE.format(date="2020-12-01") in read(app, "postlist.html")


# -- test_templates.py --------------------------------------------------------------------------

SIDEBARS = {"**": ["ablog/postcard.html", "ablog/authors.html"]}
BUILTIN_AUTHORS = '<div class="ablog-sidebar-item ablog__authors">'


def test_override_template_but_fallback_missing(tmp_path_factory, rootdir):
    """A site's own ``_templates/ablog/postcard.html`` is used; ``ablog/authors.html``, which
    the site does not have, falls back to the built-in one."""
    app = built_site(
        tmp_path_factory,
        rootdir,
        "ablog-suite-templates",
        templates_path=["_templates"],
        skip_injecting_base_ablog_templates=False,
        html_sidebars=SIDEBARS,
    )
    source = read(app, "post.html")
    customized = (rootdir / "test-ablog-suite-templates/_templates/ablog/postcard.html").read_text()
    assert customized in source
    assert BUILTIN_AUTHORS in source


def test_themes_templates_come_first(tmp_path_factory, rootdir):
    """A theme's own ``ablog/postcard.html`` is used over the built-in one."""
    app = built_site(
        tmp_path_factory,
        rootdir,
        "ablog-suite-templates",
        html_sidebars=SIDEBARS,
        html_theme_path=["_themes"],
        html_theme="suite_theme",
    )
    source = read(app, "post.html")
    theme = rootdir / "test-ablog-suite-templates/_themes/suite_theme/ablog/postcard.html"
    assert BUILTIN_AUTHORS in source
    assert theme.read_text() in source


def test_site_templates_come_before_the_theme(tmp_path_factory, rootdir):
    """The search order is the site's ``templates_path``, then the theme's ``ablog/``
    templates, then ours: with both, the site's ``ablog/postcard.html`` is the one used."""
    app = built_site(
        tmp_path_factory,
        rootdir,
        "ablog-suite-templates",
        templates_path=["_templates"],
        html_sidebars=SIDEBARS,
        html_theme_path=["_themes"],
        html_theme="suite_theme",
    )
    source = read(app, "post.html")
    root = rootdir / "test-ablog-suite-templates"
    assert (root / "_templates/ablog/postcard.html").read_text() in source
    assert (root / "_themes/suite_theme/ablog/postcard.html").read_text() not in source
    assert BUILTIN_AUTHORS in source
