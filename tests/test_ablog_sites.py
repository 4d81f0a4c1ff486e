"""Issue 9: an ABlog site switches by replacing ``"ablog"`` with ``"sphinx_posts"``.

``test-ablog-site`` is shaped like the ABlog sites we tried (the ABlog docs and sites that
copied them): ABlog's settings, a placeholder ``blog.md``, ``post`` directives, a document
posting two sections, ``{ref}`` links to posts. It is built once with sphinx-posts and once with
ABlog (each in its own app: the two extensions are never loaded together), and what a reader
sees is compared page by page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import feedparser
import pytest
from blog_helpers import built_by_ablog, built_site, built_with, entry_titles, page
from helpers import build, compare_trees, copy_root, posts_of, tree, warnings_of

ROOT = "ablog-site"


@pytest.fixture(scope="module")
def ours(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, ROOT)


@pytest.fixture(scope="module")
def theirs(tmp_path_factory, rootdir):
    """The same site built by ABlog itself."""
    return built_by_ablog(tmp_path_factory, rootdir, ROOT, ["myst_parser", "ablog"])


# 11. MyST links ask every domain; ours answers without a warning (a site built with -nW)


def test_myst_links_do_not_warn_about_our_domain(ours):
    assert "resolve_any_xref" not in warnings_of(ours)
    index = page(ours, "index")
    assert index.select_one('a[href="posts/first-light.html"]') is not None


# 1. The placeholder blog.md is the blog index's heading and introduction, the list below it


def ablog_titles(soup) -> list[str]:
    return [a.get_text(" ", strip=True) for a in soup.select(".ablog-post-title a")]


def test_placeholder_blog_page_shows_every_post(ours, theirs):
    assert "[posts.collision]" not in warnings_of(ours)
    body = page(ours, "blog").select_one("div.body")
    assert [h.get_text(strip=True).rstrip("¶") for h in body.find_all("h1")] == ["Blog"]
    listed = entry_titles(body)
    assert len(listed) >= 5
    assert "First light" in listed
    assert set(ablog_titles(page(theirs, "blog"))) >= {"First light", "An old post"}


def test_placeholder_blog_page_follows_new_posts_incrementally(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "collision")
    first = make_app("html", srcdir=srcdir)
    build(first)
    first.cleanup()
    (srcdir / "posts/two.md").write_text(
        "---\ndate: 2025-01-01\n---\n# Second Post\n\nNew.\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir)
    build(app)
    assert entry_titles(page(app, "blog").select_one("div.body")) == [
        "Second Post",
        "Collision Post",
    ]


# 4. {ref} to a post and to ABlog's labels of the blog's pages


def intro_links(soup) -> list[tuple[str, str]]:
    paragraph = soup.select_one("div.body p")
    return [
        (a.get_text(" ", strip=True), a["href"].partition("#")[0]) for a in paragraph.select("a")
    ]


def test_ref_to_posts_and_blog_pages_as_ablog(ours, theirs):
    assert "ref.ref" not in warnings_of(ours)
    ours_links = intro_links(page(ours, "index"))
    assert ours_links[:3] == [
        ("First light", "posts/first-light.html"),
        ("Posts", "blog.html"),
        ("Tags", "blog/tag.html"),
    ]
    theirs_links = intro_links(page(theirs, "index"))
    # the author link is item 8's (ABlog names author pages by the full name)
    assert ours_links[:7] == theirs_links[:7]
    # the feed: ABlog links it at blog_baseurl, we link it relative to the page
    assert ours_links[8] == ("Lab Notes Feed", "blog/atom.xml")
    assert theirs_links[8] == ("Lab Notes Feed", "https://lab.example.org/blog/atom.xml")


# 5 and 7. The blog lists what ABlog lists, in ABlog's order: each section a document posts
# (a post directive in each) is a post, and posts of one day go by title


def ours_entries(soup) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".posts-entry-title a")]


def ablog_entries(soup) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".ablog-post-title a")]


@pytest.mark.parametrize("pagename", ["blog", "blog/tag/conference", "blog/tag/telescope"])
def test_posts_listed_as_ablog_lists_them(ours, theirs, pagename):
    listed = ours_entries(page(ours, pagename).select_one("div.body"))
    assert listed == ablog_entries(page(theirs, pagename))


def test_each_posted_section_is_a_post(ours):
    assert "posts.directive" not in warnings_of(ours)
    body = page(ours, "posts/sections").select_one("div.body")
    for ident in ("day-one", "day-two"):
        section = body.select_one(f"section#{ident}")
        assert section.select_one(".posts-byline time[datetime]") is not None
    assert [
        a["href"] for a in page(ours, "blog/tag/conference").select(".posts-entry-title a")
    ] == [
        "../../posts/sections.html#day-two",
        "../../posts/sections.html#day-one",
    ]


def test_dates_in_ablog_formats(ours, theirs):
    ours_dates = [t.get_text() for t in page(ours, "blog").select(".posts-entry time")]
    ablog_dates = [
        li.span.get_text(strip=True)
        for li in page(theirs, "blog").select(".ablog-archive > li")
        if li.span
    ]
    assert ours_dates[0] == "02 September 2021"
    assert ours_dates == ablog_dates


# 12. Quotes around a name in a comma string are YAML's, not the name's


def test_quoted_names_in_a_comma_string(ours):
    assert posts_of(ours)["posts/quoted-tags"].tags == ("cicd", "github actions")
    assert (ours.outdir / "blog/tag/github-actions.html").is_file()


# 10. ABlog's feeds hold every post (blog_feed_length = None)


def atom_ids(app, folder: str = "blog") -> list[str]:
    parsed = feedparser.parse((app.outdir / folder / "atom.xml").read_bytes())
    return [entry.id for entry in parsed.entries]


def test_feeds_hold_every_post_as_in_ablog(ours, theirs):
    assert ours.config.posts_feed_length >= 2**31 - 1
    assert atom_ids(ours) == atom_ids(theirs)
    assert len(atom_ids(ours)) == 7


# 8. ABlog's slugs: accents folded away (Café -> cafe, Zoë Ng -> zoe-ng). Author pages named
# by the blog_authors name (author/ahmet-bakan) come with the author-pages work on "firstrun".


def generated(app, folder: str) -> set[str]:
    return {
        path.relative_to(app.outdir).as_posix() for path in (app.outdir / folder).rglob("*.html")
    }


def test_slugs_fold_accents_as_ablog(ours, theirs):
    assert generated(ours, "blog/tag") == generated(theirs, "blog/tag")
    assert "blog/tag/cafe.html" in generated(ours, "blog/tag")
    assert "blog/author/zoe-ng.html" in generated(ours, "blog/author")
    assert "blog/author/zoe-ng.html" in generated(theirs, "blog/author")


# 2. List entries carry what ABlog's carried: the post's image (post_auto_image), authors,
# categories, post_auto_excerpt paragraphs and a "Read more" link


def test_list_entries_as_ablog(ours):
    entry = next(
        article
        for article in page(ours, "blog").select("article.posts-entry")
        if article.select_one(".posts-entry-title a").get_text() == "First light"
    )
    image = entry.select_one(".posts-entry-image img")
    assert image is not None
    assert (ours.outdir / image["src"]).is_file()
    assert entry.select_one(".posts-entry-authors a") is not None
    assert entry.select_one(".posts-entry-categories a").get_text() == "Observing"
    # once: the ABlog-style categories replace the category chips, they do not repeat them
    assert entry.get_text(" ").count("Observing") == 1
    summary = entry.select_one(".posts-entry-summary").get_text()
    assert "first time" in summary
    assert "what we saw" in summary
    assert "third paragraph" not in summary
    assert entry.select_one(".posts-entry-more a")["href"] == "posts/first-light.html"
    assert posts_of(ours)["posts/first-light"].image == "telescope.png"


# 9. ABlog's other pages and feeds: drafts, locations and languages (named as
# blog_locations/blog_languages name them), and with blog_feed_archives a feed for each year


def test_pages_and_feeds_ablog_writes(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, ROOT, "blog_feed_archives = True")
    app = make_app("html", srcdir=srcdir)
    build(app)
    for name in (
        "blog/drafts.html",
        "blog/location.html",
        "blog/location/pittsburgh-pa.html",
        "blog/language.html",
        "blog/language/english.html",
        "blog/2021/atom.xml",
        "blog/2020/atom.xml",
        "blog/location/pittsburgh-pa/atom.xml",
        "blog/tag/telescope/atom.xml",
    ):
        assert (app.outdir / name).is_file(), name
    title = page(app, "blog/location/pittsburgh-pa").select_one("div.body h1").get_text()
    assert title == "Posts from Pittsburgh, PA"
    assert entry_titles(page(app, "blog/location/pittsburgh-pa")) == ["First light"]
    assert len(atom_ids(app, "blog/2021")) == 6


# 3 and 14. ABlog's sidebars keep ABlog's markup (themes style its classes); the postcard shows
# category, location and language; "Recent Posts" leaves out the page's own post


def sidebar_items(soup) -> list[str]:
    return [" ".join(div["class"]) for div in soup.select("div.ablog-sidebar-item")]


def test_ablog_sidebars_in_ablog_markup(ours, theirs):
    ours_page, their_page = page(ours, "posts/first-light"), page(theirs, "posts/first-light")
    assert sidebar_items(ours_page) == [
        item for item in sidebar_items(their_page) if "ablog__postcard2" not in item
    ]
    card = ours_page.select_one(".ablog__postcard")
    for key, text in (("category", "Observing"), ("location", "Pittsburgh, PA")):
        assert text in card.select_one(f".ablog__{key}").get_text()
    assert "English" in card.select_one(".ablog__language").get_text()
    recent = [a["href"] for a in ours_page.select(".ablog__recentposts li a")]
    assert "first-light.html" not in recent
    assert recent == [a["href"] for a in their_page.select(".ablog__recentposts li a")]
    shown = ours_page.select_one(".ablog__recentposts li a").get_text(" ", strip=True)
    assert shown == "02 September - Day two"
    assert ours_page.select("ul.ablog-cloud li.ablog-cloud")


# 14. An ABlog conf.py that puts ABlog's templates folder on templates_path still builds


def test_ablog_templates_path_is_left_out(make_app, rootdir, tmp_path):
    ablog = pytest.importorskip("ablog")
    conf = f"templates_path = [{ablog.get_html_templates_path()!r}]"
    srcdir = copy_root(rootdir, tmp_path, ROOT, conf)
    app = make_app("html", srcdir=srcdir)
    build(app)
    assert "get_html_templates_path" in app.status.getvalue()
    assert page(app, "posts/first-light").select_one(".ablog__postcard") is not None


# 13. disqus_shortname: ABlog's Disqus thread under published posts (not with nocomments, on
# drafts only with disqus_drafts), under other pages only with disqus_pages


DISQUS = 'disqus_shortname = "lab-notes"'
OLD_OPTIONS = (":category: Observing", ":nocomments:")
DRAFT = "---\nblogpost: true\ntags: telescope\n---\n# Still writing\n\nNot yet.\n"


def disqus_values(soup) -> dict[str, str] | None:
    """The identifier, title and URL a page hands Disqus, read from its script."""
    thread = soup.select_one("#disqus_thread")
    if thread is None:
        return None
    script = thread.find_next("script").get_text()
    found = dict(re.findall(r'var disqus_(\w+) = "([^"]*)";', script))
    embed = r'\.src = "(https:)?//" \+ disqus_shortname \+ "\.disqus\.com/embed\.js"'
    assert re.search(embed, script)
    return found


def commented_pages(app) -> dict[str, dict[str, str]]:
    pages = {}
    for path in sorted(app.outdir.rglob("*.html")):
        name = path.relative_to(app.outdir).with_suffix("").as_posix()
        if name.startswith("_"):
            continue
        values = disqus_values(page(app, name))
        if values is not None:
            pages[name] = values
    return pages


def disqus_site(make_app, srcdir, extensions: list[str]):
    return built_with(make_app, srcdir, extensions)


def disqus_root(rootdir, tmp_path, conf: str, dest: str):
    srcdir = copy_root(rootdir, tmp_path, ROOT, f"{DISQUS}\n{conf}", dest=dest)
    (srcdir / "posts/draft.md").write_text(DRAFT, encoding="utf-8")
    old = srcdir / "posts/old-post.rst"
    text = old.read_text(encoding="utf-8")
    text = text.replace(":category: Observing", "\n   ".join(OLD_OPTIONS))
    old.write_text(text, encoding="utf-8")
    return srcdir


@pytest.mark.parametrize("conf", ["", "disqus_pages = True\ndisqus_drafts = True"])
def test_disqus_comments_where_ablog_shows_them(make_app, rootdir, tmp_path, conf):
    ours = disqus_site(
        make_app, disqus_root(rootdir, tmp_path, conf, "ours"), ["myst_parser", "sphinx_posts"]
    )
    theirs = disqus_site(
        make_app, disqus_root(rootdir, tmp_path, conf, "theirs"), ["myst_parser", "ablog"]
    )
    ours_pages, their_pages = commented_pages(ours), commented_pages(theirs)
    assert ours_pages["posts/first-light"] == {
        "shortname": "lab-notes",
        "identifier": "/posts/first-light/",
        "title": "First light",
        "url": "https://lab.example.org/posts/first-light",
    }
    assert "posts/old-post" not in ours_pages  # :nocomments:
    assert not {"blog", "blog/tag/telescope"} & set(ours_pages)
    # a draft and a page that is no post: only with disqus_drafts and disqus_pages
    others = {"posts/draft", "index", "posts/sections"}
    assert (others & set(ours_pages)) == (others if conf else set())
    # the same pages carry the same thread (not the blog's generated pages: ABlog's
    # templates for those replace the body, comments and all)
    assert ours_pages == their_pages
    # feeds never carry the comments' script
    assert b"disqus" not in (ours.outdir / "blog/atom.xml").read_bytes()


def test_disqus_values_stay_in_their_script(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, ROOT, DISQUS)
    (srcdir / "posts/evil.rst").write_text(
        "Ends </script><b> & more\n========================\n\n.. post:: 2021-08-01\n\nText.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    build(app)
    html = (app.outdir / "posts/evil.html").read_text(encoding="utf-8")
    script = html.partition('<div id="disqus_thread"></div>')[2].partition("</script>")[0]
    assert 'var disqus_title = "Ends \\u003c/script\\u003e\\u003cb\\u003e \\u0026 more";' in script
    assert 'dsq.src = "https://" + disqus_shortname + ".disqus.com/embed.js";' in script


@pytest.mark.parametrize(
    ("conf", "said"),
    [
        ('disqus_shortname = "x.evil.example/a?"', "disqus_shortname"),
        ('disqus_shortname = "lab-notes"\nblog_baseurl = ""', "neither blog_baseurl"),
    ],
)
def test_disqus_refused_or_explained(make_app, rootdir, tmp_path, conf, said):
    srcdir = copy_root(rootdir, tmp_path, ROOT, conf)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert said in warnings_of(app) + app.status.getvalue()
    assert page(app, "posts/first-light").select_one("#disqus_thread") is None


# 6. Titles: a frontmatter (or notebook metadata) title names the post in lists and feeds, as in
# ABlog; titles and excerpts taken from the page carry Sphinx's smart quotes; an nbsphinx
# notebook's own heading is its title


def titles_site(make_app, tmp_path, rootdir, extension: str, variant: str):
    """test-ablog-titles built with ``extension`` (ours or ABlog's), its notebooks read by
    myst-nb or by nbsphinx."""
    ablog = pytest.importorskip("ablog") if extension == "ablog" else None
    overrides: dict[str, object] = {}
    if variant == "nbsphinx":
        pytest.importorskip("nbsphinx")
        if shutil.which("pandoc") is None:
            pytest.skip("nbsphinx needs pandoc")
        overrides = {
            "extensions": ["myst_parser", "nbsphinx", extension],
            "exclude_patterns": ["_build", "nb", "**.ipynb_checkpoints"],
            "source_suffix": {".rst": "restructuredtext", ".md": "markdown"},
        }
    else:
        overrides = {"extensions": ["myst_nb", extension]}
    srcdir = copy_root(rootdir, tmp_path, "ablog-titles", dest=f"{extension}-{variant}")
    if ablog:
        ablog.blog.Blog._dict.clear()
    try:
        app = make_app("html", srcdir=srcdir, confoverrides=overrides)
        app.build()
    finally:
        if ablog:
            ablog.blog.Blog._dict.clear()
    return app


def listed_titles(app) -> list[str]:
    return [
        a.get_text(" ", strip=True)
        for a in page(app, "blog").select(".ablog-post-title a, .posts-entry-title a")
    ]


def feed_titles(app) -> list[str]:
    return [entry.title for entry in feedparser.parse(app.outdir / "blog/atom.xml").entries]


def headings(app, pagename: str) -> list[str]:
    body = page(app, pagename).select_one("div.body")
    return [h.get_text(strip=True).rstrip("¶") for h in body.find_all("h1")]


@pytest.mark.parametrize("variant", ["myst-nb", "nbsphinx"])
def test_titles_as_ablog_shows_them(make_app, rootdir, tmp_path, variant):
    ours = titles_site(make_app, tmp_path, rootdir, "sphinx_posts", variant)
    theirs = titles_site(make_app, tmp_path, rootdir, "ablog", variant)
    assert "no title" not in warnings_of(ours)
    expected = ["The “pipeline” that wouldn’t start – a story", 'The "front" title']
    notebook = "nb/meta" if variant == "myst-nb" else "nbsphinx/heading"
    shown = "Notebook metadata title" if variant == "myst-nb" else "An “nbsphinx” notebook"
    # a Jekyll-style file name gives no title to a post that has a heading
    assert listed_titles(ours) == ["The real heading", shown, *expected]
    assert listed_titles(ours) == listed_titles(theirs)
    assert feed_titles(ours) == feed_titles(theirs)
    # the page keeps its own heading, once
    for pagename in ("posts/front", "posts/quotes", notebook):
        assert headings(ours, pagename) == headings(theirs, pagename)
        assert len(headings(ours, pagename)) == 1
    assert posts_of(ours)["posts/quotes"].excerpt == "It’s a “one-line” fix."


# 3 and 5. blog_feed_templates: more Atom feeds (social.xml) with templated entries, as ABlog
# writes them; Atom categories as ABlog writes them (sorted, the term without spaces)

FEED_TEMPLATES = """
blog_feed_archives = True
blog_feed_templates = {
    "atom": {},
    "social": {
        "title": "{{ title }} by {{ post.author|join(', ') }}",
        "content": "{{ title }}{% for tag in post.tags %}"
        " #{{ tag.name|trim()|replace(' ', '') }}{% endfor %}",
    },
}
"""


def feed_entries(app, path: str) -> list[tuple[str, str, str]]:
    parsed = feedparser.parse(app.outdir / path)
    return [
        (entry.id, entry.title, entry.content[0].value if "content" in entry else "")
        for entry in parsed.entries
    ]


def atom_categories(app, path: str) -> dict[str, list[tuple[str, str]]]:
    parsed = feedparser.parse(app.outdir / path)
    return {
        entry.id: [(tag.term, tag.label) for tag in entry.get("tags", [])]
        for entry in parsed.entries
    }


def test_feed_templates_and_categories_as_ablog(make_app, rootdir, tmp_path):
    ours = disqus_site(
        make_app,
        copy_root(rootdir, tmp_path, ROOT, FEED_TEMPLATES, dest="ours"),
        ["myst_parser", "sphinx_posts"],
    )
    theirs = disqus_site(
        make_app,
        copy_root(rootdir, tmp_path, ROOT, FEED_TEMPLATES, dest="theirs"),
        ["myst_parser", "ablog"],
    )
    assert "blog_feed_templates" not in warnings_of(ours)
    for path in ("blog/social.xml", "blog/tag/telescope/social.xml", "blog/2021/social.xml"):
        assert (ours.outdir / path).is_file(), path
        assert feed_entries(ours, path) == feed_entries(theirs, path), path
    first = {e[0]: e[1:] for e in feed_entries(ours, "blog/social.xml")}
    assert first["https://lab.example.org/posts/quoted-tags.html"] == (
        "The “pipeline” that wouldn’t start by Sébastien Piluso",
        "The “pipeline” that wouldn’t start #cicd #githubactions",
    )
    # atom.xml keeps its entries; categories are ABlog's in every Atom feed
    assert "#cicd" not in (ours.outdir / "blog/atom.xml").read_text(encoding="utf-8")
    for path in ("blog/atom.xml", "blog/social.xml"):
        assert atom_categories(ours, path) == atom_categories(theirs, path)
    assert atom_categories(ours, "blog/atom.xml")[
        "https://lab.example.org/posts/quoted-tags.html"
    ] == [("cicd", "cicd"), ("githubactions", "github actions")]


# 4. postlist in ABlog's markup on ABlog sites (ul.postlist > li.ablog-post, dates in
# post_date_format_short), and templates written for ABlog's objects render


def postlist_items(soup) -> list[tuple[str, str, str]]:
    found = []
    for item in soup.select("div.body ul.postlist > li.ablog-post"):
        title = item.select_one("p.ablog-post-title")
        link = title.select_one("a")
        excerpt = item.select_one(".ablog-post-excerpt")
        found.append(
            (
                title.get_text(" ", strip=True),
                link["href"],
                excerpt.get_text(" ", strip=True)[:20] if excerpt else "",
            )
        )
    return found


def test_postlist_in_ablog_markup(ours, theirs):
    shown = postlist_items(page(ours, "index"))
    # ABlog links a posted section's page, without its anchor, and so do we
    assert shown == postlist_items(page(theirs, "index"))
    assert shown[0] == ("02 September - Day two", "posts/sections.html", "The second day was a")
    assert page(ours, "index").select_one("ul.postlist.postlist-style-none") is not None


def sidebar_links(soup) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (
            " ".join(item["class"]),
            [(a.get_text(" ", strip=True), a["href"]) for a in item.select("a")],
        )
        for item in soup.select("div.ablog-sidebar-item")
    ]


def test_a_sites_own_ablog_templates_render(make_app, rootdir, tmp_path):
    """The site keeps ABlog's own sidebar templates in its _templates/ablog (copied from the
    installed ABlog here): they read ABlog's ``ablog`` object, which we provide."""
    ablog = pytest.importorskip("ablog")
    srcdir = copy_root(rootdir, tmp_path, ROOT, 'templates_path = ["_templates"]')
    shutil.copytree(
        Path(ablog.get_html_templates_path()) / "ablog", srcdir / "_templates" / "ablog"
    )
    app = make_app("html", srcdir=srcdir)
    build(app)
    theirs = disqus_site(
        make_app,
        copy_root(rootdir, tmp_path, ROOT, dest="theirs"),
        ["myst_parser", "ablog"],
    )
    for pagename in ("posts/first-light", "index"):
        ours_items = sidebar_links(page(app, pagename))
        their_items = sidebar_links(page(theirs, pagename))
        assert [c for c, _ in ours_items] == [c for c, _ in their_items]
        for (kind, ours_links), (_, their_links) in zip(ours_items, their_items, strict=True):
            if "postcard" in kind or "authors" in kind:
                continue  # author pages: see test_author_names_as_ablog
            assert ours_links == their_links, kind


# Author names: list entries name each author by their blog_authors name and link the page
# ABlog wrote for them


def test_author_names_as_ablog(ours, theirs):
    ours_authors = [
        [(a.get_text(" ", strip=True), a["href"]) for a in art.select(".posts-entry-authors a")]
        for art in page(ours, "blog").select("article.posts-entry")
    ]
    their_authors = [
        [(a.get_text(" ", strip=True), a["href"]) for a in post.select("li[id*=author] a")]
        for post in page(theirs, "blog").select("div.ablog-post")
    ]
    assert ours_authors == their_authors
    assert [("Ahmet Bakan", "blog/author/ahmet-bakan.html")] in ours_authors
    assert generated(ours, "blog/author") == generated(theirs, "blog/author")


# A setting ABlog lacked keeps ABlog's behaviour until the owner opts in: no pagination.


@pytest.mark.parametrize("per_page", [None, 2])
def test_pagination_is_off_on_an_ablog_site_until_asked(make_app, rootdir, tmp_path, per_page):
    overrides = {} if per_page is None else {"posts_per_page": per_page}
    app = make_app(
        "html", srcdir=copy_root(rootdir, tmp_path, "ablog-site"), confoverrides=overrides
    )
    app.build()
    listed = entry_titles(page(app, "blog"))
    if per_page is None:
        assert len(listed) == len(posts_of(app))  # every post on ABlog's one page
        assert not (app.outdir / "blog" / "page" / "2.html").exists()
    else:
        assert len(listed) == per_page
        assert (app.outdir / "blog" / "page" / "2.html").is_file()


# A conf.py that says nothing about the blog (only extensions): ABlog's post directive in the
# posts makes the site an ABlog site, decided once every document is read


DIRECTIVE_ONLY = "ablog-directive-only"
DIRECTIVE_POSTS = ("first-light.md", "second-night.md", "third-night.rst")


@pytest.fixture(scope="module")
def directive_only(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, DIRECTIVE_ONLY)


def test_post_directive_makes_an_ablog_site(directive_only):
    app = directive_only
    assert warnings_of(app) == ""
    index = page(app, "index")
    assert index.select_one("div.body ul.postlist.postlist-style-none.simple") is not None
    assert [title for title, _, _ in postlist_items(index)] == [
        "03 September - Third night",  # ``.. post::`` in reST
        "02 September - Second night",  # ``:::{post}``
        "01 September - First light",  # ```{post}
        "30 August - Notes on the mount",  # ``blogpost: true``
    ]
    # {ref} to a post by its file name, as ABlog labels posts
    paragraphs = index.select("div.body > section > p")
    assert [(a.get_text(strip=True), a["href"]) for a in paragraphs[0].select("a")] == [
        ("Third night", "posts/third-night.html"),
        ("First light", "posts/first-light.html"),
    ]
    # and a post without the directive, once the site is known to be an ABlog site
    links = paragraphs[1].select("a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Notes on the mount", "posts/plain.html")
    ]
    # ABlog's post_date_format, in the byline and in an update note
    post = page(app, "posts/first-light")
    assert post.select_one(".posts-byline-date").get_text(strip=True) == "01 September 2021"
    assert "Updated on 03 September 2021" in post.select_one(".update").get_text()
    # ABlog's feeds: summaries, not whole posts
    feed = feedparser.parse(app.outdir / "blog" / "atom.xml")
    assert [entry.title for entry in feed.entries][:1] == ["Third night"]
    assert all("content" not in entry for entry in feed.entries)
    assert feed.entries[0].summary == "Rain all night."


def test_post_directive_site_lists_as_ablog_does(directive_only, tmp_path_factory, rootdir):
    ablog = pytest.importorskip("ablog")
    ablog.blog.Blog._dict.clear()
    try:
        theirs = built_site(
            tmp_path_factory, rootdir, DIRECTIVE_ONLY, extensions=["myst_parser", "ablog"]
        )
    finally:
        ablog.blog.Blog._dict.clear()
    assert postlist_items(page(directive_only, "index")) == postlist_items(page(theirs, "index"))


@pytest.mark.parametrize("overrides", [{"posts_ablog": False}, {"posts_title": "Notes"}])
def test_a_conf_that_says_is_not_overruled_by_directives(tmp_path_factory, rootdir, overrides):
    """``posts_ablog = False``, or any ``posts_*`` setting: a sphinx-posts site, whatever
    directives its posts use."""
    app = built_site(tmp_path_factory, rootdir, DIRECTIVE_ONLY, **overrides)
    index = page(app, "index")
    assert index.select_one("ul.postlist") is None
    assert len(index.select("div.body .posts-entry")) == 4
    post = page(app, "posts/first-light")
    assert post.select_one(".posts-byline-date").get_text(strip=True) == "Sep 1, 2021"


def without_directive_posts(srcdir: Path) -> None:
    for name in DIRECTIVE_POSTS:
        (srcdir / "posts" / name).unlink()


def with_directive_posts(srcdir: Path, rootdir: Path) -> None:
    for name in DIRECTIVE_POSTS:
        shutil.copy(rootdir / f"test-{DIRECTIVE_ONLY}" / "posts" / name, srcdir / "posts" / name)


def run(make_app, srcdir: Path, builddir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, builddir=builddir, **kwargs)
    app.build()
    app.cleanup()
    return app


def test_first_and_last_post_directive_decide_incrementally(make_app, rootdir, tmp_path):
    """The first ``post`` directive makes the site an ABlog site, and removing the last one
    makes it a sphinx-posts site again: every page is rewritten (plain.md is not read again,
    its byline changes), and the output equals a clean build's."""
    srcdir = copy_root(rootdir, tmp_path, DIRECTIVE_ONLY)
    (srcdir / "index.md").write_text("# Observatory\n\n```{postlist}\n```\n", encoding="utf-8")
    without_directive_posts(srcdir)
    app = run(make_app, srcdir, tmp_path / "incremental")
    assert page(app, "index").select_one("ul.postlist") is None
    assert page(app, "posts/plain").select_one(".posts-byline-date").get_text() == "Aug 30, 2021"
    steps = [lambda: with_directive_posts(srcdir, rootdir), lambda: without_directive_posts(srcdir)]
    for step, ablog_site in zip(steps, (True, False), strict=True):
        step()
        app = run(make_app, srcdir, tmp_path / "incremental")
        shown = page(app, "posts/plain").select_one(".posts-byline-date").get_text()
        assert shown == ("30 August 2021" if ablog_site else "Aug 30, 2021")
        assert (page(app, "index").select_one("ul.postlist") is not None) == ablog_site
        clean = run(make_app, srcdir, tmp_path / f"clean-{ablog_site}", freshenv=True)
        deleted = set() if ablog_site else {Path(name).stem for name in DIRECTIVE_POSTS}
        assert compare_trees(tree(app.outdir), tree(clean.outdir), deleted) == []


def test_post_directive_site_parallel_equals_serial(make_app, rootdir, tmp_path):
    """Read by two processes (more than 5 documents), the directive is found all the same;
    and an ABlog site lists every post on one page, as ABlog had no pagination."""
    srcdir = copy_root(rootdir, tmp_path, DIRECTIVE_ONLY)
    for number in range(1, 10):
        (srcdir / "posts" / f"night-{number}.md").write_text(
            f"---\ndate: 2021-07-{number:02}\nblogpost: true\n---\n\n# Night {number}\n\nStars.\n",
            encoding="utf-8",
        )
    serial = run(make_app, srcdir, tmp_path / "serial")
    parallel = run(make_app, srcdir, tmp_path / "parallel", parallel=2)
    assert compare_trees(tree(parallel.outdir), tree(serial.outdir), set()) == []
    assert page(parallel, "index").select_one("ul.postlist") is not None
    assert len(entry_titles(page(parallel, "blog"))) == 13
    assert not (parallel.outdir / "blog" / "page" / "2.html").exists()


# A site's own ablog/collection.html and ablog/catalog.html draw the blog's pages, with the
# context ABlog gave them; post.to_html() renders an excerpt from the post's doctree


def test_site_collection_and_catalog_templates(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "ablog-collection")
    assert warnings_of(app) == ""
    tag = page(app, "blog/tag/telescope").select_one("div.site-collection")
    assert tag.h1.get_text(strip=True) == "Posts tagged telescope"
    assert [a["href"] for a in tag.select("h2 a")] == [
        "../../posts/second.html",
        "../../posts/first-light.html",
    ]
    assert [span.get_text() for span in tag.select("span.date")] == [
        "02 September 2021",
        "01 September 2021",
    ]
    excerpts = tag.select(".ablog-post-excerpt")
    # a description is text: escaped
    assert excerpts[0].p.decode_contents() == "A &lt;b&gt;bold&lt;/b&gt; claim"
    # an excerpt keeps its markup, smart quotes and links, relative to the page that shows it
    first = excerpts[1]
    assert first.select_one("a")["href"] == "../../about.html"
    assert first.select_one("em").get_text() == "the"
    assert "“sky”" in first.get_text()
    assert "Second paragraph" not in first.get_text()  # one paragraph, as post_auto_excerpt
    assert page(app, "blog").select_one("div.site-collection a")["href"] == "posts/second.html"
    catalog = page(app, "blog/tag").select("div.site-catalog")
    assert [div.h2.get_text(" ", strip=True) for div in catalog] == [
        "Posts tagged telescope",
        "Posts tagged weather",
    ]
    archive = page(app, "blog/archive").select_one("div.site-catalog")
    assert archive.h2.get_text(" ", strip=True) == "Posted in 2021"


def test_our_listing_pages_without_site_templates(ours):
    """A site without them (and every sphinx-posts site) gets ours."""
    assert page(ours, "blog/tag/telescope").select_one("div.site-collection") is None
    assert page(ours, "blog/tag/telescope").select(".posts-entry")
