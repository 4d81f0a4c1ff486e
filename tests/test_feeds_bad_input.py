"""Bad input never breaks a feed or a page: markup, CDATA ends, raw HTML, control characters,
missing images."""

from __future__ import annotations

import json
import re

import pytest
from feedtools import (
    ATOM,
    BASE,
    ENVIRONMENT,
    atom,
    atom_entries,
    feed_files,
    json_feed,
    meta_values,
    rss,
    tree,
)
from helpers import article, build, copy_root, html, warning_lines
from markupsafe import escape

bad_site = pytest.mark.sphinx("html", testroot="feeds-bad-input")

TITLE = "<script>alert('title')</script> ]]> & <b>bold</b> \"quoted\""
DESCRIPTION = "<script>alert('description')</script> ]]> & \"quoted\""
TAGS = ["<script>alert('tag')</script>", "C&D ]]>"]
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
CONTROL_POST = (
    "---\n"
    'title: "Control \\x01 and \\x0b in the title"\n'
    'description: "A \\x02 description"\n'
    "date: 2025-02-04\n"
    "---\n\n"
    "Body with \x01 and \x0b control characters and \x1f too.\n"
)


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def build_with_image_warning(app) -> list[str]:
    """Build; the root's one expected warning is the missing image's."""
    build(app, expect_warnings=True)
    lines = warning_lines(app, "WARNING")
    assert len(lines) == 1 and "[posts.image]" in lines[0], lines
    return lines


def check_every_feed(app) -> None:
    """Every feed of the build is well-formed for feedparser, ElementTree and json."""
    files = feed_files(app.outdir)
    assert len(files) >= 9
    for path in files:
        folder = path.parent.relative_to(app.outdir).as_posix()
        if path.name == "atom.xml":
            atom(app, folder)
            tree(app, folder, path.name)
        elif path.name == "rss.xml":
            rss(app, folder)
            tree(app, folder, path.name)
        else:
            json_feed(app, folder)
        assert not CONTROL.search(path.read_text(encoding="utf-8")), path


@bad_site
def test_markup_in_titles_and_bodies_gives_well_formed_feeds(app):
    build_with_image_warning(app)
    check_every_feed(app)
    entry = atom_entries(app)[f"{BASE}posts/markup.html"]
    assert entry.findtext(f"{ATOM}title") == TITLE
    assert entry.findtext(f"{ATOM}summary") == DESCRIPTION
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == TAGS
    content = entry.findtext(f"{ATOM}content")
    assert "A raw ]]> block" in content
    assert "<b>raw</b>" in content
    channel = tree(app, "blog", "rss.xml").find("channel")
    item = next(i for i in channel.iter("item") if i.findtext("link") == f"{BASE}posts/markup.html")
    assert item.findtext("title") == TITLE
    # RSS's description is HTML: the plain-text description arrives escaped, as text
    assert item.findtext("description") == str(escape(DESCRIPTION))
    data = json_feed(app)
    (json_item,) = [i for i in data["items"] if i["url"] == f"{BASE}posts/markup.html"]
    assert json_item["title"] == TITLE
    assert json_item["summary"] == DESCRIPTION
    assert json_item["tags"] == TAGS


@bad_site
def test_markup_in_frontmatter_never_becomes_a_script_on_any_page(app):
    build_with_image_warning(app)
    pages = sorted(app.outdir.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = path.relative_to(app.outdir).as_posix()
        soup = html(app, page)
        for script in soup.find_all("script"):
            text = script.string or ""
            if script.get("type") == "application/ld+json":
                json.loads(text)  # data, and it stays inside its element
            else:
                assert "alert(" not in text, page
        for tag in soup.find_all("b"):  # the title's <b> is text, never an element
            assert "alert(" not in tag.get_text() and "bold" not in tag.get_text(), page
    soup = html(app, "posts/markup.html")
    h1 = article(soup).find("h1")
    assert h1.find("b") is None and h1.find("script") is None
    assert "<script>alert(" in h1.get_text()
    assert meta_values(soup, "name", "description") == [DESCRIPTION]
    assert meta_values(soup, "property", "og:description") == [DESCRIPTION]
    assert meta_values(soup, "property", "article:tag") == TAGS
    (data,) = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert data["headline"] == TITLE
    assert data["keywords"] == TAGS


@bad_site
def test_a_raw_html_block_keeps_its_place(app):
    build_with_image_warning(app)
    body = article(html(app, "posts/markup.html"))
    section = body.find("section")
    assert section is not None
    # written after the first paragraph, it stays there: inside the post, under its title
    assert section.select_one("div.raw-box") is not None, "the raw block left the post"
    text = str(section)
    assert (
        text.index("<h1") < text.index("Text with") < text.index("raw-box") < text.index("in code")
    )
    content = atom_entries(app)[f"{BASE}posts/markup.html"].findtext(f"{ATOM}content")
    assert content.index("Text with") < content.index("raw-box") < content.index("in code")


def test_control_characters_give_well_formed_feeds(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "feeds-bad-input")
    (srcdir / "posts" / "control.md").write_text(CONTROL_POST, encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    build_with_image_warning(app)
    check_every_feed(app)
    url = f"{BASE}posts/control.html"
    entry = atom_entries(app)[url]
    title = entry.findtext(f"{ATOM}title")
    assert re.fullmatch(r"Control \W* ?and \W* ?in the title", title), title
    assert "description" in entry.findtext(f"{ATOM}summary")
    assert "control characters" in entry.findtext(f"{ATOM}content")
    (item,) = [i for i in json_feed(app)["items"] if i["url"] == url]
    assert item["title"] == title
    assert not CONTROL.search(item["content_html"])
    assert (app.outdir / "posts" / "control.html").is_file()


def test_control_characters_in_an_author_name(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "feeds-bad-input")
    (srcdir / "posts" / "author.md").write_text(
        '---\ntitle: Odd author\ndate: 2025-02-05\nauthor: "Odd \\x01 Author"\n---\n\nBody.\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    build_with_image_warning(app)
    check_every_feed(app)
    entry = atom_entries(app)[f"{BASE}posts/author.html"]
    names = [name.text for name in entry.findall(f"{ATOM}author/{ATOM}name")]
    assert len(names) == 1 and names[0].startswith("Odd") and names[0].endswith("Author")


@bad_site
def test_a_missing_relative_image_warns_with_file_and_line(app):
    (line,) = build_with_image_warning(app)
    source = app.srcdir / "posts" / "missing-image.md"
    assert line.startswith(f"{source}:4: WARNING:"), line
    assert "missing.png" in line
    soup = html(app, "posts/missing-image.html")
    assert meta_values(soup, "property", "og:image") == []
    (data,) = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert "image" not in data
    (item,) = [i for i in json_feed(app)["items"] if i["url"] == f"{BASE}posts/missing-image.html"]
    assert "image" not in item
    assert html(app, "index.html").select("img.posts-card-image") == []
    assert not (app.outdir / "_images" / "posts").exists()
