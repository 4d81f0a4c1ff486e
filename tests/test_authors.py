"""Authors as people: ``posts_authors`` names, avatars, bios and links on author pages, the
authors overview, bylines and the post card; author pages named after the name, as ABlog does."""

from __future__ import annotations

from pathlib import Path

import pytest
from blog_helpers import built_site, page
from bs4 import BeautifulSoup
from helpers import build, warning_lines

ANA = {
    "name": "Ana Souza",
    "title": "Research engineer",
    "url": "https://ana.example.org/",
    "email": "ana@example.org",
    "avatar": "_static/ana.svg",
    "bio": "Ana writes about models and how to test them.",
    "links": {"Mastodon": "https://mastodon.example/@ana", "Talks": "talks.html"},
}
PEOPLE = {
    "ana": ANA,
    "lee": ("Lee Park", "https://lee.example.org/"),  # ABlog's (name, url)
}
OVERRIDES = {
    # Sphinx's test app builds with "basic" unless a theme is named; a new site gets alabaster
    "html_theme": "alabaster",
    "posts_authors": PEOPLE,
    "html_static_path": ["_static"],
    "html_baseurl": "https://notes.example.org/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, rootdir):
    return built_site(tmp_path_factory, rootdir, "zero-config", **OVERRIDES)


def target(app, name: str, href: str) -> Path:
    return (Path(app.outdir) / name).parent / href


def test_author_page_is_named_after_the_person_and_introduces_them(site):
    assert warning_lines(site, "posts.config") == []
    # the key's old address only forwards to the page (no list of its own)
    moved = (Path(site.outdir) / "blog/author/ana.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in moved and "posts-entry" not in moved
    soup = page(site, "blog/author/ana-souza")
    assert soup.h1.get_text(strip=True) == "Posts by Ana Souza"
    assert soup.title.get_text().startswith("Posts by Ana Souza")
    person = soup.select_one(".posts-person")
    avatar = person.select_one("img.posts-avatar")
    assert avatar["src"] == "../../_static/ana.svg"
    assert target(site, "blog/author/ana-souza.html", avatar["src"]).is_file()
    assert avatar["alt"] == "Ana Souza"
    assert person.select_one(".posts-person-title").get_text(strip=True) == "Research engineer"
    assert person.select_one(".posts-person-bio").get_text(strip=True) == ANA["bio"]
    links = {a.get_text(strip=True): a["href"] for a in person.select(".posts-person-links a")}
    assert links == {
        "Website": "https://ana.example.org/",
        "Mastodon": "https://mastodon.example/@ana",
        "Talks": "../../talks.html",  # site-relative, from the author page
        "ana@example.org": "mailto:ana@example.org",
    }


def test_an_author_with_only_a_name_gets_no_empty_introduction(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "zero-config")
    soup = page(app, "blog/author/lee-park")
    assert soup.h1.get_text(strip=True) == "Posts by Lee Park"
    assert soup.select_one(".posts-person") is None


def test_authors_overview_lists_everyone_with_avatar_and_count(site):
    soup = page(site, "blog/author")
    items = soup.select(".posts-terms-author li")
    shown = [
        (li.a.get_text(strip=True), li.select_one(".posts-count").get_text(strip=True))
        for li in items
    ]
    assert shown == [("Ana Souza", "(2)"), ("Lee Park", "(2)")]
    avatar = items[0].select_one("img.posts-avatar")
    assert target(site, "blog/author.html", avatar["src"]).is_file()
    assert items[1].select_one("img") is None
    assert items[0].a["href"] == "author/ana-souza.html"


def test_byline_shows_names_linked_to_author_pages_and_categories(site):
    soup = page(site, "posts/evaluating-models")
    byline = soup.select_one("div.body .posts-byline")
    authors = [(a.get_text(), a["href"]) for a in byline.select("a.posts-author")]
    assert authors == [
        ("Ana Souza", "../blog/author/ana-souza.html"),
        ("Lee Park", "../blog/author/lee-park.html"),
    ]
    categories = [(a.get_text(), a["href"]) for a in byline.select("a.posts-category")]
    assert categories == [("Tutorials", "../blog/category/tutorials.html")]


def test_lists_show_categories(site):
    entry = page(site, "blog").select_one(".posts-entry")
    assert [a.get_text() for a in entry.select("a.posts-category")] == ["Tutorials"]
    card = page(site, "index").select_one(".posts-card")
    assert card.select_one("a.posts-category")["href"] == "blog/category/tutorials.html"


def test_post_card_introduces_the_authors_without_repeating_the_byline(site):
    soup = page(site, "posts/evaluating-models")
    card = soup.select_one(".sphinxsidebar .posts-postcard")
    assert card is not None, "a post gets the post card without html_sidebars"
    assert [p.get_text(" ", strip=True) for p in card.select(".posts-postcard-name")] == [
        "Ana Souza Research engineer",
        "Lee Park",
    ]
    assert card.select_one(".posts-postcard-bio").get_text(strip=True) == ANA["bio"]
    assert card.select_one("img.posts-avatar")["src"] == "../_static/ana.svg"
    assert [a.get_text() for a in card.select("a.posts-category")] == ["Tutorials"]
    # the byline shows date, reading time and tags: the card does not say them again
    assert card.select("time") == []
    assert card.select(".posts-tag") == []
    assert "min" not in card.get_text()


def test_author_keys_resolve_to_the_configured_name(tmp_path_factory, rootdir):
    """test-feeds names authors by key (``jane``): the page is Jane Doe's, under her name."""
    app = built_site(tmp_path_factory, rootdir, "feeds")
    soup = page(app, "blog/author/jane-doe")
    assert soup.h1.get_text(strip=True) == "Posts by Jane Doe"
    moved = (Path(app.outdir) / "blog/author/jane.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in moved and "jane-doe.html" in moved  # the old address
    names = [a.get_text(strip=True) for a in page(app, "blog/author").select(".posts-terms li a")]
    assert names == ["Ann Other", "Jane Doe", "John Roe"]


def test_unsafe_avatar_and_links_are_reported_and_left_out(tmp_path_factory, rootdir):
    people = {
        "ana": {
            "name": "Ana Souza",
            "avatar": "javascript:alert(1)",
            "bio": "Still shown.",
            "links": {"Bad": "javascript:alert(2)", "Good": "https://good.example/"},
            "favourite": "tea",
        }
    }
    app = built_site(tmp_path_factory, rootdir, "zero-config", posts_authors=people)
    warnings = "\n".join(warning_lines(app, "posts.config"))
    assert "avatar 'javascript:alert(1)'" in warnings
    assert "link 'Bad'" in warnings
    assert "unknown key 'favourite'" in warnings
    html = (Path(app.outdir) / "blog/author/ana-souza.html").read_text(encoding="utf-8")
    assert "javascript:" not in html
    soup = page(app, "blog/author/ana-souza")
    assert soup.select_one(".posts-person-bio").get_text(strip=True) == "Still shown."
    assert [a.get_text() for a in soup.select(".posts-person-links a")] == ["Good"]


def test_an_entry_of_no_known_shape_rejects_the_setting(tmp_path_factory, rootdir):
    app = built_site(tmp_path_factory, rootdir, "zero-config", posts_authors={"ana": 42})
    assert len(warning_lines(app, "posts.config")) == 1
    assert page(app, "blog/author/ana-souza").h1.get_text(strip=True) == "Posts by Ana Souza"


@pytest.mark.sphinx("html", testroot="a11y")
def test_an_author_page_named_after_its_key_forwards_to_the_new_address(app):
    """Author pages were once named after the posts_authors key (blog/author/ana): that old
    address now forwards to the page named after the author (blog/author/ana-souza)."""
    build(app)
    for key, slug in (("ana", "ana-souza"), ("lee", "lee-park")):
        assert (app.outdir / "blog" / "author" / f"{slug}.html").is_file()
        moved = app.outdir / "blog" / "author" / f"{key}.html"
        soup = BeautifulSoup(moved.read_text(encoding="utf-8"), "html.parser")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh is not None and refresh["content"].endswith(f"{slug}.html"), key
