"""Atom, RSS and JSON feeds: where they are written, what their entries carry, their base URL."""

from __future__ import annotations

import re
from calendar import timegm
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from feedtools import (
    ATOM,
    BASE,
    ENVIRONMENT,
    FEED_FILES,
    atom,
    atom_entries,
    feed_files,
    ids,
    json_feed,
    links,
    output_path,
    rss,
    tree,
)
from helpers import build, copy_root, plain, warning_lines

from sphinx_posts.urls import feed_title

feeds_site = pytest.mark.sphinx("html", testroot="feeds")

# newest first; draft.md and future.md (2099) are not published
PUBLISHED = ["autumn", "summer", "moved", "spring", "winter"]
URLS = [f"{BASE}posts/{name}.html" for name in PUBLISHED]


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def entry_of(result, name: str):
    url = f"{BASE}posts/{name}.html"
    found = [entry for entry in result.entries if entry.link == url]
    assert len(found) == 1, (url, links(result))
    return found[0]


def json_item(data, name: str):
    url = f"{BASE}posts/{name}.html"
    found = [item for item in data["items"] if item["url"] == url]
    assert len(found) == 1, url
    return found[0]


# -- which feeds, where ------------------------------------------------------------------------


@feeds_site
def test_site_wide_feeds_are_atom_rss_and_json_feed(app):
    build(app)
    atom_feed, rss_feed, data = atom(app), rss(app), json_feed(app)
    assert tree(app, "blog", "atom.xml").tag == f"{ATOM}feed"
    rss_root = tree(app, "blog", "rss.xml")
    assert (rss_root.tag, rss_root.get("version")) == ("rss", "2.0")
    assert links(atom_feed) == links(rss_feed) == [item["url"] for item in data["items"]] == URLS
    assert data["feed_url"] == f"{BASE}blog/feed.json"
    assert data["home_page_url"] == f"{BASE}blog.html"
    assert output_path(app, data["home_page_url"]).is_file()


@feeds_site
def test_feeds_name_themselves_and_the_blog(app):
    build(app)
    atom_root = tree(app, "blog", "atom.xml")
    atom_links = {
        link.get("rel", "alternate"): link.get("href") for link in atom_root.findall(f"{ATOM}link")
    }
    assert atom_links == {"alternate": f"{BASE}blog.html", "self": f"{BASE}blog/atom.xml"}
    channel = tree(app, "blog", "rss.xml").find("channel")
    # RSS 2.0: <link> is the website the channel is about; atom:link rel=self is this file
    assert channel.findtext("link") == f"{BASE}blog.html"
    self_links = [link.get("href") for link in channel.findall(f"{ATOM}link[@rel='self']")]
    assert self_links == [f"{BASE}blog/rss.xml"]


@feeds_site
def test_every_tag_has_its_three_feeds_with_only_its_posts(app):
    build(app)
    expected = {
        "python": ["summer", "spring", "winter"],
        "machine-learning": ["winter"],
        "travel": ["summer"],
    }
    for slug, names in expected.items():
        folder = f"blog/tag/{slug}"
        for name in FEED_FILES:
            assert (app.outdir / folder / name).is_file(), f"{folder}/{name}"
        urls = [f"{BASE}posts/{name}.html" for name in names]
        assert links(atom(app, folder)) == urls, slug
        assert links(rss(app, folder)) == urls, slug
        assert [item["url"] for item in json_feed(app, folder)["items"]] == urls, slug
        assert json_feed(app, folder)["feed_url"] == f"{BASE}{folder}/feed.json"
    # only tags get feeds by default
    assert not (app.outdir / "blog/category").exists() or not feed_files(
        app.outdir / "blog/category"
    )
    assert not (app.outdir / "blog/author").exists() or not feed_files(app.outdir / "blog/author")


@pytest.mark.sphinx(
    "html", testroot="feeds", confoverrides={"posts_feed_terms": ["tag", "category", "author"]}
)
def test_category_and_author_feeds_when_asked_for(app):
    build(app)
    expected = {
        "blog/category/notes": ["summer", "spring"],
        "blog/author/jane-doe": ["summer", "winter"],
        "blog/author/john-roe": ["winter"],
        "blog/author/ann-other": ["spring"],
        "blog/tag/python": ["summer", "spring", "winter"],
    }
    for folder, names in expected.items():
        urls = [f"{BASE}posts/{name}.html" for name in names]
        assert links(atom(app, folder)) == urls, folder
        assert links(rss(app, folder)) == urls, folder
        assert [item["url"] for item in json_feed(app, folder)["items"]] == urls, folder


@pytest.mark.sphinx("dirhtml", testroot="feeds")
def test_dirhtml_writes_feeds_with_directory_urls(app):
    build(app)
    urls = [f"{BASE}posts/{name}/" for name in PUBLISHED]
    assert links(atom(app)) == links(rss(app)) == urls
    assert [item["url"] for item in json_feed(app)["items"]] == urls
    assert links(atom(app, "blog/tag/travel")) == [f"{BASE}posts/summer/"]
    for url in urls:
        assert output_path(app, url).is_file(), url
    content = entry_of_dir(atom(app), "winter").content[0].value
    for url in re.findall(r'(?:href|src)="([^"]+)"', content):
        assert url.startswith(BASE), url
        assert output_path(app, url.split("#")[0]).is_file(), url


def entry_of_dir(result, name: str):
    return next(entry for entry in result.entries if entry.link == f"{BASE}posts/{name}/")


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "latex", "text"])
def test_other_builders_write_no_feeds(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=copy_root(rootdir, tmp_path, "feeds"))
    app.build()
    assert feed_files(app.outdir) == []
    assert warning_lines(app, "posts.feed") == []


def test_no_feeds_when_the_build_fails(make_app, rootdir, tmp_path):
    conf = (
        "def _fail(app, pagename, templatename, context, doctree):\n"
        "    if pagename == 'about':\n"
        "        raise RuntimeError('the build broke')\n"
        "def setup(app):\n"
        "    app.connect('html-page-context', _fail)\n"
    )
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "feeds", conf))
    with pytest.raises(Exception, match="the build broke"):
        app.build()
    assert feed_files(app.outdir) == []


# -- entries -----------------------------------------------------------------------------------


@feeds_site
def test_entries_are_published_posts_newest_first(app):
    build(app)
    for result in (atom(app), rss(app)):
        assert links(result) == URLS
        assert not any("draft" in url or "future" in url for url in links(result))
    data = json_feed(app)
    assert [item["url"] for item in data["items"]] == URLS


@pytest.mark.sphinx("html", testroot="feeds", confoverrides={"posts_feed_length": 2})
def test_posts_feed_length_keeps_the_newest(app):
    build(app)
    assert links(atom(app)) == links(rss(app)) == URLS[:2]
    assert [item["url"] for item in json_feed(app)["items"]] == URLS[:2]
    python = [f"{BASE}posts/summer.html", f"{BASE}posts/spring.html"]
    assert links(atom(app, "blog/tag/python")) == python


def test_feeds_carry_twenty_posts_by_default(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "feeds")
    for day in range(1, 24):
        (srcdir / "posts" / f"day-{day:02}.md").write_text(
            f"---\ntitle: Day {day}\ndate: 2026-01-{day:02}\n---\n\nDay {day}.\n", encoding="utf-8"
        )
    app = make_app("html", srcdir=srcdir)
    build(app)
    expected = [f"{BASE}posts/day-{day:02}.html" for day in range(23, 3, -1)]
    assert len(expected) == 20
    assert links(atom(app)) == links(rss(app)) == expected
    assert [item["url"] for item in json_feed(app)["items"]] == expected


def test_entry_ids_survive_rebuilds_and_title_edits(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "feeds")
    first = make_app("html", srcdir=srcdir)
    build(first)
    before = {
        "atom": dict(zip(links(atom(first)), ids(atom(first)), strict=True)),
        "rss": dict(zip(links(rss(first)), ids(rss(first)), strict=True)),
        "json": {item["url"]: item["id"] for item in json_feed(first)["items"]},
    }
    first.cleanup()
    assert len(set(before["atom"].values())) == len(PUBLISHED)
    assert len(set(before["json"].values())) == len(PUBLISHED)

    winter = srcdir / "posts" / "winter.md"
    winter.write_text(
        winter.read_text(encoding="utf-8").replace("title: Winter notes", "title: Cold notes"),
        encoding="utf-8",
    )
    for outdir in ("_build/html", "_build/fresh"):  # incremental, then clean
        app = make_app("html", srcdir=srcdir, builddir=srcdir / outdir.split("/")[1])
        build(app)
        assert entry_of(atom(app), "winter").title == "Cold notes"
        assert json_item(json_feed(app), "winter")["title"] == "Cold notes"
        assert dict(zip(links(atom(app)), ids(atom(app)), strict=True)) == before["atom"]
        assert dict(zip(links(rss(app)), ids(rss(app)), strict=True)) == before["rss"]
        assert {i["url"]: i["id"] for i in json_feed(app)["items"]} == before["json"]
        app.cleanup()


@feeds_site
def test_entries_have_titles_and_absolute_links_that_work(app):
    build(app)
    titles = ["Autumn notes", "Summer notes", "Moved post", "Spring notes", "Winter notes"]
    for result in (atom(app), rss(app)):
        assert [entry.title for entry in result.entries] == titles
    data = json_feed(app)
    assert [item["title"] for item in data["items"]] == titles
    for url in URLS:
        assert output_path(app, url).is_file(), url


@feeds_site
def test_dates_are_rfc3339_in_the_site_timezone(app):
    build(app)
    # posts_timezone = Europe/Paris: winter dates are +01:00, summer ones +02:00
    expected = {
        "winter": ("2025-01-15T00:00:00+01:00", "2025-01-15T00:00:00+01:00"),
        "spring": ("2025-04-01T09:30:00+02:00", "2025-04-01T09:30:00+02:00"),
        "summer": ("2025-07-10T00:00:00+02:00", "2025-07-20T00:00:00+02:00"),
        "autumn": ("2025-10-05T00:00:00+02:00", "2025-10-05T00:00:00+02:00"),
    }
    entries = atom_entries(app)
    data = json_feed(app)
    parsed_atom = atom(app)
    for name, (published, updated) in expected.items():
        entry = entries[f"{BASE}posts/{name}.html"]
        assert entry.findtext(f"{ATOM}published") == published, name
        assert entry.findtext(f"{ATOM}updated") == updated, name
        item = json_item(data, name)
        assert (item["date_published"], item["date_modified"]) == (published, updated), name
        # the instant is right too, not only the text
        stamp = timegm(entry_of(parsed_atom, name).published_parsed)
        assert stamp == datetime.fromisoformat(published).timestamp(), name
    assert entry_of(rss(app), "winter").published == "Wed, 15 Jan 2025 00:00:00 +0100"
    assert entry_of(rss(app), "summer").published == "Thu, 10 Jul 2025 00:00:00 +0200"


@feeds_site
def test_feed_updated_is_its_newest_entry_not_the_build_time(app):
    build(app)
    root = tree(app, "blog", "atom.xml")
    assert root.findtext(f"{ATOM}updated") == "2025-10-05T00:00:00+02:00"
    travel = tree(app, "blog/tag/travel", "atom.xml")  # summer only: its updated date
    assert travel.findtext(f"{ATOM}updated") == "2025-07-20T00:00:00+02:00"
    today = datetime.now(tz=UTC).strftime("%Y-%m-%d")
    assert today not in (app.outdir / "blog/atom.xml").read_text(encoding="utf-8")
    channel = tree(app, "blog", "rss.xml").find("channel")
    assert channel.findtext("lastBuildDate") == "Sun, 05 Oct 2025 00:00:00 +0200"


@feeds_site
def test_every_author_of_an_entry(app):
    build(app)
    entries = atom_entries(app)
    raw = entries[f"{BASE}posts/winter.html"].findall(f"{ATOM}author")
    assert [author.findtext(f"{ATOM}name") for author in raw] == ["Jane Doe", "John Roe"]
    assert [author.findtext(f"{ATOM}uri") for author in raw] == [
        "https://jane.example.org/",
        "https://john.example.org/",
    ]
    item = json_item(json_feed(app), "winter")
    assert item["authors"] == [
        {"name": "Jane Doe", "url": "https://jane.example.org/"},
        {"name": "John Roe", "url": "https://john.example.org/"},
    ]
    assert json_item(json_feed(app), "spring")["authors"] == [{"name": "Ann Other"}]
    rss_winter = entry_of(rss(app), "winter")
    assert [author.name for author in rss_winter.authors] == ["Jane Doe", "John Roe"]


@feeds_site
def test_feed_readers_see_each_author_once(app):
    build(app)
    # feedparser (what many readers use) merges <author> and <dc:creator>: an Atom entry
    # must not name its authors twice
    winter = entry_of(atom(app), "winter")
    assert [author.name for author in winter.authors] == ["Jane Doe", "John Roe"]
    assert [author.get("href") for author in winter.authors] == [
        "https://jane.example.org/",
        "https://john.example.org/",
    ]
    assert [author.name for author in entry_of(atom(app), "spring").authors] == ["Ann Other"]


@feeds_site
def test_tags_are_categories(app):
    build(app)
    for result in (atom(app), rss(app)):
        assert [tag.term for tag in entry_of(result, "winter").tags] == [
            "Python",
            "Machine Learning",
        ]
        assert [tag.term for tag in entry_of(result, "summer").tags] == ["Python", "Travel"]
        assert "tags" not in entry_of(result, "autumn")
    data = json_feed(app)
    assert json_item(data, "winter")["tags"] == ["Python", "Machine Learning"]
    assert "tags" not in json_item(data, "autumn")


@feeds_site
def test_description_is_the_summary(app):
    build(app)
    for result in (atom(app), rss(app)):
        assert entry_of(result, "winter").summary == "What we learnt in winter."
        assert entry_of(result, "moved").summary == "A post first published elsewhere."
    assert json_item(json_feed(app), "spring")["summary"] == "What we learnt in spring."
    raw = atom_entries(app)[f"{BASE}posts/winter.html"]
    assert raw.findtext(f"{ATOM}summary") == "What we learnt in winter."


# -- content -----------------------------------------------------------------------------------


def atom_content(app, name: str, base: str = BASE) -> str:
    entry = atom_entries(app)[f"{base}posts/{name}.html"]
    content = entry.find(f"{ATOM}content")
    assert content is not None, name
    assert content.get("type") == "html"
    return content.text or ""


@feeds_site
def test_full_content_is_the_body_without_page_chrome(app):
    build(app)
    data = json_feed(app)
    rss_item = entry_of(rss(app), "winter")
    for content in (
        atom_content(app, "winter"),
        json_item(data, "winter")["content_html"],
        rss_item.content[0].value,
    ):
        body = BeautifulSoup(content, "html.parser")
        text = body.get_text(" ", strip=True)
        assert "The winter post links to" in text
        # the h1 title, byline, series box, related posts and previous/next are page chrome
        assert body.find("h1") is None
        assert "Winter notes" not in text
        for chrome in ("posts-byline", "posts-series", "posts-related", "posts-prevnext"):
            assert body.select(f".{chrome}") == [], chrome
        assert "Seasons" not in text  # the series name
        assert "Summer notes" not in text  # a related / next post
        assert "min read" not in text
        assert "posts:chrome" not in content
        assert "headerlink" not in content


@feeds_site
def test_full_content_links_and_images_are_absolute_and_work(app):
    build(app)
    content = atom_content(app, "winter")
    body = BeautifulSoup(content, "html.parser")
    hrefs = [a["href"] for a in body.find_all("a", href=True)]
    sources = [img["src"] for img in body.find_all("img")]
    assert f"{BASE}posts/summer.html" in hrefs
    assert f"{BASE}about.html" in hrefs
    assert sources == [f"{BASE}_images/cover.png"]
    for url in hrefs + sources:
        assert url.startswith(BASE), url
        assert output_path(app, url.split("#")[0]).is_file(), url
    assert json_item(json_feed(app), "winter")["content_html"] == content


@feeds_site
def test_full_content_keeps_math_as_tex(app):
    build(app)
    for content in (
        atom_content(app, "winter"),
        json_item(json_feed(app), "winter")["content_html"],
    ):
        text = BeautifulSoup(content, "html.parser").get_text()
        assert "x^2" in text
        assert r"e^{i\pi} + 1 = 0" in text


@pytest.mark.sphinx("html", testroot="feeds", confoverrides={"posts_feed_content": "summary"})
def test_summary_content_mode_has_no_bodies(app):
    build(app)
    for result in (atom(app), rss(app)):
        winter = entry_of(result, "winter")
        assert "content" not in winter
        assert winter.summary == "What we learnt in winter."
    assert atom_entries(app)[f"{BASE}posts/winter.html"].find(f"{ATOM}content") is None
    item = json_item(json_feed(app), "winter")
    assert item["summary"] == "What we learnt in winter."
    assert "links to" not in item.get("content_html", "") + item.get("content_text", "")


@pytest.mark.sphinx("html", testroot="feeds", confoverrides={"posts_feed_content": "none"})
def test_none_content_mode_has_neither_bodies_nor_summaries(app):
    build(app)
    for result in (atom(app), rss(app)):
        assert links(result) == URLS
        winter = entry_of(result, "winter")
        assert winter.title == "Winter notes"
        assert "content" not in winter
        assert "summary" not in winter, winter.get("summary")
    raw = atom_entries(app)[f"{BASE}posts/winter.html"]
    assert raw.find(f"{ATOM}content") is None
    assert raw.find(f"{ATOM}summary") is None
    item = json_item(json_feed(app), "winter")
    assert "summary" not in item
    assert "What we learnt in winter." not in item.get("content_html", "")
    assert "links to" not in item.get("content_html", "") + item.get("content_text", "")


# -- base URL ----------------------------------------------------------------------------------


@pytest.mark.sphinx(
    "html", testroot="feeds", confoverrides={"html_baseurl": "https://blog.example.com/sub"}
)
def test_base_url_comes_from_html_baseurl(app):
    build(app)
    base = "https://blog.example.com/sub/"
    assert links(atom(app))[0] == f"{base}posts/autumn.html"
    assert json_feed(app)["feed_url"] == f"{base}blog/feed.json"
    assert tree(app, "blog", "atom.xml").findtext(f"{ATOM}id").startswith(base)
    for url in links(atom(app)):
        assert output_path(app, url, base).is_file()


@pytest.mark.sphinx("html", testroot="feeds", confoverrides={"html_baseurl": ""})
def test_no_base_url_means_no_feeds_and_one_note(app):
    build(app)  # a note, not a warning: a new site's -W build passes
    assert feed_files(app.outdir) == []
    notes = [line for line in plain(app.status.getvalue()).splitlines() if "no feeds" in line]
    assert len(notes) == 1
    assert "html_baseurl" in notes[0]


def test_feed_title_names_the_project_once():
    """A blog titled like its project ("Alex Clark's Blog" both) had a feed titled
    "Alex Clark's Blog: Alex Clark's Blog"; ABlog sites get ABlog's titles."""
    config = SimpleNamespace(project="Notes", posts_title="Notes")
    assert feed_title(config, "Notes") == "Notes"
    assert feed_title(config, "python") == "Notes: python"
    assert feed_title(config, "Notes", ablog=True) == "Notes"
    assert feed_title(config, "python", "Posts tagged", True) == "Notes - Posts tagged python"
