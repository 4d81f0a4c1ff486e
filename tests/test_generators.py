"""A blog moved from Hugo, Jekyll, Astro, Next.js, Nikola or Pelican builds as it was dropped in.

The fixtures under ``roots/generators/<generator>/`` keep each generator's own layout and
frontmatter (as its documentation and starters show them); a test copies the posts folder (and
the static files the generator serves from the site root) into a fresh Sphinx site.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from helpers import build, html, plain, posts_of, warning_lines, warnings_of

from sphinx_posts.read.generators import (
    is_post_path,
    nikola_header,
    pattern_addresses,
    pelican_header,
    toml_header,
)

GENERATORS = Path(__file__).parent / "roots" / "generators"
CONF = 'extensions = ["myst_parser", "sphinx_posts"]\nhtml_baseurl = "https://example.org/"\n'


def drop_in(tmp_path: Path, generator: str, copies: dict[str, str], conf: str = "") -> Path:
    """A Sphinx site holding ``copies`` (generator path -> site path) of a generator's blog."""
    site = tmp_path / "site"
    site.mkdir()
    for source, target in copies.items():
        shutil.copytree(GENERATORS / generator / source, site / target, dirs_exist_ok=True)
    (site / "conf.py").write_text(CONF + conf + "\n", encoding="utf-8")
    (site / "index.md").write_text("# Home\n", encoding="utf-8")
    return site


def day(post) -> date:
    return post.date.date()


def borrowed_notes(app) -> list[str]:
    return [
        line
        for line in plain(app.status.getvalue()).splitlines()
        if "posts written for other generators" in line
    ]


def test_jekyll_posts_dropped_in(make_app, tmp_path):
    site = drop_in(tmp_path, "jekyll", {"_posts": "posts"}, 'posts_old_permalinks = ["date"]')
    app = make_app("html", srcdir=site)
    build(app)  # no warning at all: a -W build passes
    posts = posts_of(app)
    assert set(posts) == {
        "posts/2021-03-04-welcome-to-jekyll",  # a .markdown file
        "posts/2021-05-06-second-post",
        "posts/2021-06-01-not-yet",
    }
    welcome = posts["posts/2021-03-04-welcome-to-jekyll"]
    assert day(welcome) == date(2021, 3, 4)  # from the file name
    assert welcome.updated.date() == date(2021, 3, 10)  # last_modified_at
    assert welcome.title == "Welcome to Jekyll!"
    assert welcome.tags == ("ruby", "static-sites")  # Jekyll's space-separated list
    assert welcome.categories == ("jekyll", "update")
    assert welcome.description == "You'll find this post in your `_posts` directory."
    assert posts["posts/2021-06-01-not-yet"].draft  # published: false
    assert not welcome.draft
    # redirect_from, and the address under Jekyll's "date" permalink style
    assert "/welcome.html" in welcome.redirect
    assert "/jekyll/update/2021/03/04/welcome-to-jekyll.html" in welcome.redirect
    assert (app.outdir / "welcome.html").is_file()
    old = app.outdir / "jekyll" / "update" / "2021" / "03" / "04" / "welcome-to-jekyll.html"
    assert "2021-03-04-welcome-to-jekyll.html" in old.read_text(encoding="utf-8")
    notes = borrowed_notes(app)
    assert len(notes) == 1, notes
    assert "file name as date (3 posts)" in notes[0]
    assert "last_modified_at as updated (1 post)" in notes[0]


def test_hugo_bundles_and_toml_dropped_in(make_app, tmp_path):
    site = drop_in(tmp_path, "hugo", {"content/posts": "posts", "static": "."})
    app = make_app("html", srcdir=site)
    build(app)
    posts = posts_of(app)
    assert set(posts) == {
        "posts/first-bundle/index",
        "posts/featured-bundle/index",
        "posts/toml-post",
        "posts/notes/draft-note",
    }  # _index pages (branch bundles) are sections, not posts; nor are bundle resources
    # (first-bundle/notes.md, first-bundle/data/raw.md): pages in no toctree, with no warning
    assert (app.outdir / "posts" / "first-bundle" / "notes.html").is_file()
    assert app.env.metadata["posts/first-bundle/notes"].get("orphan")
    assert app.env.metadata["posts/first-bundle/data/raw"].get("orphan")
    first = posts["posts/first-bundle/index"]
    assert first.image == "cover.png"  # image: {src, alt}
    assert first.description == "A post kept as a page bundle, with its image beside it."
    assert first.updated.date() == date(2024, 2, 3)  # lastmod
    assert "/2024/02/first/" in first.redirect  # aliases
    featured = posts["posts/featured-bundle/index"]
    assert day(featured) == date(2024, 3, 5)  # publishDate
    assert featured.image == "featured.png"  # the bundle's *feature* resource
    assert featured.series == "Getting started"  # a one-entry taxonomy list
    toml = posts["posts/toml-post"]
    assert (day(toml), toml.title, toml.tags) == (
        date(2024, 1, 15),
        "Written with TOML",
        ("hugo", "toml"),
    )
    assert toml.image == "/images/shared.png"  # images: the first
    assert "/posts/toml" in toml.redirect  # slug: Hugo's address
    assert posts["posts/notes/draft-note"].draft
    # the bundle's resources reach the output: the card image and the image in the body
    assert (app.outdir / "_images" / "posts" / "posts" / "first-bundle" / "cover.png").is_file()
    assert (app.outdir / "_images" / "cover.png").is_file()
    page = html(app, "posts/featured-bundle/index.html")
    assert "featured.png" in page.find("meta", property="og:image")["content"]
    assert (app.outdir / "_images/posts/posts/featured-bundle/featured.png").is_file()
    assert (app.outdir / "2024" / "02" / "first" / "index.html").is_file()  # alias ending in /
    assert (app.outdir / "posts" / "toml.html").is_file()
    # the TOML block is read, not shown
    assert "+++" not in html(app, "posts/toml-post.html").get_text()
    assert len(borrowed_notes(app)) == 1


def test_astro_collection_dropped_in(make_app, tmp_path):
    copies = {"src/content/blog": "content/blog", "src/assets": "assets", "public": "."}
    site = drop_in(tmp_path, "astro", copies, 'posts_pattern = ["content/blog/**"]')
    app = make_app("html", srcdir=site)
    build(app, expect_warnings=True)
    assert warning_lines(app, "[posts.") == []
    posts = posts_of(app)
    assert set(posts) == {"content/blog/first-post", "content/blog/keystatic-post/index"}
    first = posts["content/blog/first-post"]
    assert day(first) == date(2022, 7, 8)  # pubDate: 'Jul 08 2022'
    assert first.updated.date() == date(2022, 7, 10)  # updatedDate
    assert first.image == "../../assets/blog-placeholder-1.png"  # heroImage
    keystatic = posts["content/blog/keystatic-post/index"]
    assert day(keystatic) == date(2023, 9, 12)  # publishDate
    assert not keystatic.draft  # published: true
    note = borrowed_notes(app)[0]
    assert "pubDate as date (1 post)" in note
    assert "heroImage as image (1 post)" in note


def test_nikola_metadata_comments_dropped_in(make_app, tmp_path):
    site = drop_in(tmp_path, "nikola", {"posts": "posts", "images": "images"})
    app = make_app("html", srcdir=site)
    build(app)
    posts = posts_of(app)
    # .txt is not a Sphinx source: `sphinx-posts migrate` renames those posts to .rst
    assert set(posts) == {"posts/markdown-post", "posts/restructured-post", "posts/two-files"}
    markdown = posts["posts/markdown-post"]
    assert markdown.title == "A Markdown post"
    assert markdown.date.isoformat() == "2015-08-08T14:12:36+00:00"
    assert markdown.tags == ("nikola", "python")
    assert markdown.categories == ("releases",)
    assert markdown.description == "Nikola keeps metadata in a comment."
    assert "title:" not in html(app, "posts/markdown-post.html").get_text()
    rest = posts["posts/restructured-post"]
    assert (rest.title, rest.tags) == ("A reStructuredText post", ("nikola", "rest"))
    assert "/posts/restructured" in rest.redirect  # the slug's address
    two = posts["posts/two-files"]  # metadata in two-files.meta
    assert (two.title, day(two), two.tags) == ("Two files", date(2016, 3, 4), ("nikola",))
    assert not any(post.draft for post in posts.values())


def test_pelican_headers_dropped_in(make_app, tmp_path):
    site = drop_in(tmp_path, "pelican", {"content": "posts"})
    app = make_app("html", srcdir=site)
    build(app, expect_warnings=True)  # {static} and {filename} links are Pelican's own
    assert warning_lines(app, "[posts.") == []
    posts = posts_of(app)
    post = posts["posts/2010-12-03-my-super-post"]
    assert post.title == "My super title"
    assert post.date.isoformat().startswith("2010-12-03T10:20")
    assert post.updated.isoformat().startswith("2010-12-05T19:30")
    assert post.tags == ("pelican", "publishing")
    assert post.categories == ("Python",)
    assert post.authors == ("Alexis Metaireau", "Conrad Kurtz")
    assert post.description == "Short version for index and feeds"
    assert post.redirect == ()  # the slug restates the file name
    text = html(app, "posts/2010-12-03-my-super-post.html").get_text()
    assert "Title:" not in text
    assert "content of my super blog post" in text
    rest = posts["posts/restructured"]
    assert rest.draft  # :status: draft
    assert rest.categories == ("yeah",)


def test_nextjs_starter_posts_dropped_in(make_app, tmp_path):
    site = drop_in(tmp_path, "nextjs", {"_posts": "posts", "public": "."})
    app = make_app("html", srcdir=site)
    build(app)
    posts = posts_of(app)
    hello = posts["posts/hello-world"]
    assert hello.authors == ("Tim Neutkens",)  # author: {name, picture}
    assert hello.image == "/assets/blog/hello-world/cover.png"  # coverImage
    assert hello.description.startswith("Lorem ipsum")  # excerpt
    routing = posts["posts/dynamic-routing"]
    assert routing.description == "Examples of dynamic routes."  # summary
    assert routing.updated.date() == date(2020, 4, 1)  # lastmod
    assert routing.tags == ("next-js", "routing")


def test_other_generators_keys_are_not_typos(make_app, tmp_path):
    site = drop_in(tmp_path, "hugo", {"content/posts": "posts", "static": "."})
    (site / "posts" / "extra.md").write_text(
        "---\ntitle: Extra\npubDate: 2024-01-01\nsubtitle: More\nexcerpt_separator: <!--more-->"
        "\nheroImage: /images/shared.png\n---\nText.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=site)
    build(app)
    assert posts_of(app)["posts/extra"].description == "More"


def test_a_bad_borrowed_value_is_reported_under_its_own_name(make_app, tmp_path):
    site = drop_in(tmp_path, "hugo", {"content/posts": "posts", "static": "."})
    (site / "posts" / "bad.md").write_text(
        "---\ntitle: Bad\npubDate: someday\n---\nText.\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=site)
    build(app, expect_warnings=True)
    (line,) = warning_lines(app, "[posts.date]")
    assert "bad.md:3:" in line
    assert "pubDate: 'someday'" in line


@pytest.mark.parametrize(
    ("docname", "found", "dated", "expected"),
    [
        ("posts/a", (), False, True),
        ("posts/index", ("posts/index", "posts/a"), False, False),
        ("posts/bundle/index", ("posts/bundle/index", "posts/a"), False, True),
        ("posts/2024/index", ("posts/2024/index", "posts/2024/a"), False, False),
        ("posts/bundle/index", ("posts/bundle/index", "posts/bundle/notes"), True, True),
        ("posts/_index", (), True, False),
        ("posts/bundle/.context", (), True, False),
    ],
)
def test_which_files_are_posts(docname, found, dated, expected):
    assert is_post_path(docname, ["posts/**"], found, dated) is expected


def test_permalink_patterns():
    from datetime import datetime

    when = datetime(2021, 3, 4, 10, 0)
    assert pattern_addresses(["date"], "posts/2021-03-04-hi", "hi", when, ("Jekyll", "update")) == [
        "/jekyll/update/2021/03/04/hi.html"
    ]
    assert pattern_addresses(["pretty"], "posts/x", "hi", when, ()) == ["/2021/03/04/hi/"]
    assert pattern_addresses(["/posts/:slug/"], "posts/x/index", "hi", when, ()) == ["/posts/hi/"]
    assert pattern_addresses(["/:section/:filename/"], "posts/x/index", "hi", when, ()) == [
        "/posts/x/"
    ]
    assert pattern_addresses(["date"], "posts/x", "hi", None, ()) == []


def test_headers_outside_yaml():
    assert nikola_header(["<!--", ".. title: T", ".. tags: a, b", ".. link:", "-->"]) == {
        "title": "T",
        "tags": "a, b",
    }
    assert nikola_header(["# Just a heading"]) is None
    assert pelican_header(["Title: T", "Date: 2020-01-01", "", "Body"]) == (
        {"title": "T", "date": "2020-01-01"},
        2,
    )
    assert pelican_header(["Note: this is prose", "more prose"]) is None
    assert toml_header(["+++", 'title = "T"', "+++", "Body"]) == ({"title": "T"}, 3)


# one post for each generator's summary divider: (file, text)
MARKED = {
    "hugo.md": (  # Hugo's divider, on its own line and inside a paragraph
        "---\ntitle: Hugo\ndate: 2024-01-01\n---\n\nFirst *Hugo* paragraph.\n\n"
        "Second <!--more--> ignored.\n\nAfter the divider.\n"
    ),
    "described.md": (  # a summary in the frontmatter is the description, divider or not
        "---\ntitle: Described\ndate: 2024-01-02\nsummary: From the frontmatter.\n---\n\n"
        "Before.\n<!--more-->\n\nAfter.\n"
    ),
    "jekyll.md": (  # Jekyll's own separator, set in the post
        "---\ntitle: Jekyll\ndate: 2024-01-03\nexcerpt_separator: <!--break-->\n---\n\n"
        "Jekyll one.\n\nJekyll two.\n\n<!--break-->\n\nJekyll after.\n"
    ),
    "nikola.rst": (
        ".. title: Nikola\n.. date: 2024-01-04\n\nNikola one.\n\n- a listed point\n\n"
        ".. TEASER_END\n\nNikola after.\n"
    ),
    "nikola-md.md": (
        "<!--\n.. title: Nikola in Markdown\n.. date: 2024-01-05\n-->\n\nNikola md one.\n\n"
        "<!-- TEASER_END: Read on -->\n\nNikola md after.\n"
    ),
    "pelican.md": (
        "Title: Pelican\nDate: 2024-01-06\n\nAn opening line.\n\n"
        "<!-- PELICAN_BEGIN_SUMMARY -->\n\nPelican summary.\n\n"
        "<!-- PELICAN_END_SUMMARY -->\n\nPelican after.\n"
    ),
    "pelican-rst.rst": (
        "Pelican reST\n############\n\n:date: 2024-01-07\n\nPelican reST summary.\n\n"
        ".. PELICAN_END_SUMMARY\n\nPelican reST after.\n"
    ),
    "plain.md": "---\ntitle: Plain\ndate: 2024-01-08\n---\n\nOnly paragraph one.\n\nTwo.\n",
}
EXCERPTS = {
    "hugo": "First Hugo paragraph. Second",
    "described": "Before.",
    "jekyll": "Jekyll one. Jekyll two.",
    "nikola": "Nikola one. a listed point",
    "nikola-md": "Nikola md one.",
    "pelican": "Pelican summary.",
    "pelican-rst": "Pelican reST summary.",
    "plain": "Only paragraph one.",  # no divider: the first paragraph, as before
}


@pytest.mark.parametrize("buildername", ["html", "text"])
def test_summary_dividers_of_other_generators(make_app, tmp_path, buildername):
    """Issue 10: Hugo's ``<!--more-->``, Jekyll's ``excerpt_separator``, Nikola's
    ``TEASER_END`` and Pelican's summary markers end the post's excerpt, as in those generators;
    the divider itself is not on the page."""
    site = tmp_path / "site"
    (site / "posts").mkdir(parents=True)
    for name, text in MARKED.items():
        (site / "posts" / name).write_text(text, encoding="utf-8")
    (site / "conf.py").write_text(CONF, encoding="utf-8")
    (site / "index.md").write_text("# Home\n", encoding="utf-8")
    app = make_app(buildername, srcdir=site)
    build(app)
    posts = posts_of(app)
    assert {name: posts[f"posts/{name}"].excerpt for name in EXCERPTS} == EXCERPTS
    assert posts["posts/described"].description == "From the frontmatter."
    if buildername == "text":
        for name in EXCERPTS:
            text = (app.outdir / "posts" / f"{name}.txt").read_text(encoding="utf-8")
            assert "after" in text.casefold() or name == "plain", name
            for word in ("more", "TEASER", "PELICAN", "break"):
                assert word not in text, (name, text)
        return
    for name in EXCERPTS:
        source = (app.outdir / "posts" / f"{name}.html").read_text(encoding="utf-8")
        for word in ("<!--more", "<!--break", "TEASER_END", "PELICAN_"):
            assert word not in source, (name, word)
    # the blog's list shows each summary (the description where there is one)
    summaries = [
        entry.get_text(" ", strip=True)
        for entry in html(app, "blog.html").select(".posts-entry-summary")
    ]
    assert "Jekyll one. Jekyll two." in summaries
    assert "From the frontmatter." in summaries
    assert "Before." not in summaries


def test_bundle_resources_follow_their_index_incrementally(make_app, tmp_path):
    """Whether a bundle's Markdown is a post depends on its ``index``: when the index changes,
    the documents beside it are read again (incremental == clean)."""
    site = tmp_path / "site"
    (site / "posts" / "trip").mkdir(parents=True)
    (site / "conf.py").write_text(CONF, encoding="utf-8")
    (site / "index.md").write_text("# Home\n", encoding="utf-8")
    index = site / "posts" / "trip" / "index.md"
    index.write_text("---\ntitle: Trip\ndate: 2024-05-01\n---\n\nThe trip.\n", encoding="utf-8")
    (site / "posts" / "trip" / "notes.md").write_text(
        "---\ntitle: Notes\ndate: 2024-05-02\n---\n\nDated: a post of its own.\n",
        encoding="utf-8",
    )
    (site / "posts" / "trip" / "packing.md").write_text("# Packing\n\nA list.\n", encoding="utf-8")
    builddir = tmp_path / "build"
    app = make_app("html", srcdir=site, builddir=builddir)
    build(app)
    assert set(posts_of(app)) == {"posts/trip/index", "posts/trip/notes"}  # packing: a resource
    app.cleanup()
    # the index becomes a section page (no date, not a post): packing.md is a post again
    index.write_text("---\ntitle: Trip\npost: false\n---\n\nThe trip.\n", encoding="utf-8")
    again = make_app("html", srcdir=site, builddir=builddir)
    again.build()
    assert set(posts_of(again)) == {"posts/trip/notes", "posts/trip/packing"}
    assert posts_of(again)["posts/trip/packing"].draft  # undated: with a posts.date warning
    assert "posts/trip/packing.md: WARNING: post has no date" in warnings_of(again)
