"""Untrusted text never becomes markup or a script: links and images accept only http(s), mailto
and site paths; JSON inside ``<script>`` stays inside it; plain text is escaped wherever a field
is HTML (pages, RSS, JSON Feed)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from feedtools import ENVIRONMENT, atom, feed_files, href_target, json_feed, meta_values, rss, tree
from helpers import build, copy_root, html, posts_of, warning_lines

UNSAFE = [
    "javascript:evil()",
    "JaVaScRiPt:evil()",
    " javascript:evil()",
    "java\tscript:evil()",
    "javascript&colon;evil()",
    "&#106;avascript:evil()",
    "vbscript:evil()",
    "data:text/html,<b>evil</b>",
    "file:///evil/passwd",
    "//evil.example/x",
    "/\\evil.example/x",
    "https:evil.example",
]
"""Each carries ``evil``: no output file may contain it."""

LINK_KEYS = ("external_link", "canonical_link", "image")


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def frontmatter_post(value: str) -> str:
    quoted = json.dumps(value)  # a YAML double-quoted string: tabs and entities as written
    lines = [f"{key}: {quoted}" for key in LINK_KEYS]
    return "---\ntitle: Front\ndate: 2025-02-01\n" + "\n".join(lines) + "\n---\n\nBody.\n"


def directive_post(value: str) -> str:
    options = "".join(f":{key}: {value.strip()}\n" for key in LINK_KEYS)
    return f"# Directive\n\n```{{post}} 2025-03-01\n{options}```\n\nBody.\n"


def output_files(app) -> list:
    return sorted(
        path for path in app.outdir.rglob("*") if path.suffix in (".html", ".xml", ".json")
    )


@pytest.mark.parametrize("value", UNSAFE, ids=repr)
def test_unsafe_links_and_images_are_refused_and_dropped(make_app, rootdir, tmp_path, value):
    srcdir = copy_root(rootdir, tmp_path, "unsafe-links")
    (srcdir / "posts" / "front.md").write_text(frontmatter_post(value), encoding="utf-8")
    sources = {"posts/front": srcdir / "posts" / "front.md"}
    if "\t" not in value:  # a directive option cannot hold a tab (rST makes it spaces)
        (srcdir / "posts" / "directive.md").write_text(directive_post(value), encoding="utf-8")
        sources["posts/directive"] = srcdir / "posts" / "directive.md"
    app = make_app("html", srcdir=srcdir)
    build(app, expect_warnings=True)
    written = value.strip()
    for docname, source in sources.items():
        post = posts_of(app)[docname]
        assert (post.external_link, post.canonical_link) == ("", "")
        assert post.image == ""
        lines = warning_lines(app, f"{source}:")
        for key in LINK_KEYS:
            (line,) = [line for line in lines if f" {key}: " in line]
            subtype = "image" if key == "image" else "link"
            assert f"[posts.{subtype}]" in line, line
            assert repr(written) in line, line
            assert re.search(rf"{re.escape(str(source))}:\d+:", line), line
            assert "http(s)" in line and "dropped" in line, line
    assert len(warning_lines(app, "WARNING")) == 3 * len(sources)
    for path in output_files(app):
        assert "evil" not in path.read_text(encoding="utf-8"), path
    for page in ("index.html", "blog.html", "blog/archive.html", "blog/2025.html"):
        external = html(app, page).select("a[rel=external]")
        assert [a["href"] for a in external] == ["mailto:editor@example.org"], page
    front = html(app, "posts/front.html")
    canonical = [link["href"] for link in front.head.select("link[rel=canonical]")]
    assert canonical == ["https://example.org/posts/front.html"]
    assert meta_values(front, "property", "og:url") == ["https://example.org/posts/front.html"]
    assert meta_values(front, "property", "og:image") == []
    item = next(i for i in json_feed(app)["items"] if i["url"].endswith("posts/front.html"))
    assert "image" not in item


def test_allowed_links_and_images_are_kept(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "unsafe-links"))
    build(app)
    post = posts_of(app)["posts/good"]
    assert post.external_link == "mailto:editor@example.org"
    assert post.canonical_link == "/posts/good.html"
    assert post.image == "https://images.example.org/cover.png"
    good = html(app, "posts/good.html")
    assert meta_values(good, "property", "og:image") == ["https://images.example.org/cover.png"]
    assert [link["href"] for link in good.head.select("link[rel=canonical]")] == [
        "/posts/good.html"
    ]


def test_redirects_and_page_links_never_carry_a_scheme(make_app, rootdir, tmp_path):
    """``:redirect:`` targets are paths of the site, and a page whose name reads as a scheme
    (``javascript:go``) is linked as a path, never as a URL."""
    srcdir = copy_root(rootdir, tmp_path, "unsafe-links")
    (srcdir / "javascript:go.md").write_text(
        "---\ntitle: Scheme-like name\ndate: 2025-04-01\npost: true\n"
        'redirect: "old, javascript:evil(), //evil.example/older"\n---\n\nBody.\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    build(app, expect_warnings=True)
    (line,) = warning_lines(app, "WARNING")
    assert "[posts.frontmatter]" in line and "'javascript:evil()'" in line
    for page in ("old.html", "evil.example/older.html"):
        soup = html(app, page)
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
        target = refresh.split("url=", 1)[1]
        assert unquote(str(href_target(app, page, target))) == str(
            app.outdir / "javascript:go.html"
        )
        assert [a["href"] for a in soup.find_all("a")] == [target]
    for a in html(app, "index.html").select(".posts-entry-title a:not([rel=external])"):
        assert Path(unquote(str(href_target(app, "index.html", a["href"])))).is_file()
    for path in output_files(app):
        text = path.read_text(encoding="utf-8")
        assert "evil" not in text, path
        assert not re.search(r"""(href|src)=["']?javascript:""", text), path


# -- JSON inside <script> ---------------------------------------------------------------------

SCRIPT_TITLE = "x <!--<script> y </script> & \u2028 z"


def ld_blocks(raw: str) -> list[str]:
    """The text of each JSON-LD element, cut from the raw page as a browser's tokenizer would
    (up to the first ``</script``)."""
    opening = '<script type="application/ld+json">'
    return [part.split("</script", 1)[0] for part in raw.split(opening)[1:]]


def test_json_ld_stays_inside_its_script_element(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "unsafe-links")
    (srcdir / "posts" / "script.md").write_text(
        f"---\ntitle: {json.dumps(SCRIPT_TITLE)}\ndescription: {json.dumps(SCRIPT_TITLE)}\n"
        "date: 2025-02-01\n---\n\nThe body after the head.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    build(app)
    raw = (app.outdir / "posts" / "script.html").read_text(encoding="utf-8")
    (block,) = ld_blocks(raw)
    for forbidden in ("<!--", "<script", "</script", "<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in block, forbidden
    data = json.loads(block)
    assert data["headline"] == SCRIPT_TITLE
    assert data["description"] == SCRIPT_TITLE
    soup = BeautifulSoup(raw, "html.parser")
    (script,) = soup.find_all("script", attrs={"type": "application/ld+json"})
    assert json.loads(script.string) == data
    assert "The body after the head." in soup.select_one("div.body").get_text()


# -- every text field, everywhere --------------------------------------------------------------

MARKER = "<x-inject>\"'&"


def marked(field: str) -> str:
    return f"{MARKER} {field}"


def check_marker_in_html(path, page: str) -> None:
    """No element made of the marker, no unescaped ``<x-inject``, and every attribute that
    holds the marker holds all of it (no quote ended the attribute early)."""
    raw = path.read_text(encoding="utf-8")
    assert "<x-inject" not in raw, page
    soup = BeautifulSoup(raw, "html.parser")
    assert soup.find("x-inject") is None, page
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert "inject" not in name and "'" not in name and '"' not in name, (page, name)
            text = " ".join(value) if isinstance(value, list) else value
            if "<x-inject" in text:  # text in an attribute (slugs in links hold "x-inject")
                assert MARKER in text, (page, tag.name, name, text)


@pytest.mark.parametrize("content", ["full", "summary"])
def test_frontmatter_text_is_escaped_in_every_output(make_app, rootdir, tmp_path, content):
    app = make_app(
        "html",
        srcdir=copy_root(rootdir, tmp_path, "inject"),
        confoverrides={"posts_feed_content": content},
    )
    build(app, expect_warnings=True)
    # the one option refused: it would land in a style attribute
    (line,) = warning_lines(app, "WARNING")
    assert "[posts.postlist]" in line and ":list-style:" in line and "index.md:" in line, line
    pages = sorted(app.outdir.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        check_marker_in_html(path, path.relative_to(app.outdir).as_posix())
    front = html(app, "posts/front.html")
    assert "<x-inject>" in front.select_one("div.body h1").get_text()  # smart quotes aside
    assert meta_values(front, "name", "description") == [marked("description")]
    feeds = feed_files(app.outdir)
    assert len(feeds) >= 9
    for path in feeds:
        folder = path.parent.relative_to(app.outdir).as_posix()
        if path.name == "feed.json":
            json_feed(app, folder)
            continue
        result = atom(app, folder) if path.name == "atom.xml" else rss(app, folder)
        for entry in result.entries:
            for field in ("title", "summary"):
                value = entry.get(field, "")
                assert "<x-inject" not in value or MARKER in value, (path, field)
    channel = tree(app, "blog", "rss.xml").find("channel")
    for item in channel.iter("item"):
        described = BeautifulSoup(item.findtext("description") or "", "html.parser")
        assert described.find("x-inject") is None
    items = {item["url"].rsplit("/", 1)[1]: item for item in json_feed(app)["items"]}
    item = items["front.html"]
    assert item["title"] == marked("title")
    assert item["summary"] == marked("description")
    assert item["tags"] == [marked("tag"), "plain"]
    assert [author["name"] for author in item["authors"]] == [marked("author")]
    assert BeautifulSoup(item["content_html"], "html.parser").find("x-inject") is None
    if content == "summary":
        assert BeautifulSoup(item["content_html"], "html.parser").get_text() == marked(
            "description"
        )
    directive = items["directive.html"]
    assert directive["summary"] == marked("directive description")
    assert directive["tags"] == [marked("tag"), "other"]
    ld = [
        json.loads(block)
        for block in ld_blocks((app.outdir / "posts" / "front.html").read_text(encoding="utf-8"))
    ]
    assert ld[0]["headline"] == marked("title")
    assert ld[0]["keywords"] == [marked("tag"), "plain"]


def test_postlist_style_and_date_options_are_checked(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "unsafe-links")
    (srcdir / "index.md").write_text(
        '# Home\n\n```{postlist}\n:date: "%Q %"\n'
        ':list-style: "none; background: url(https://evil.example/x)"\n```\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    build(app, expect_warnings=True)
    lines = warning_lines(app, "WARNING")
    assert len(lines) == 2, lines
    assert all(f"{srcdir / 'index.md'}:3:" in line and "[posts.postlist]" in line for line in lines)
    assert any(":date: '%Q %'" in line for line in lines)
    assert any(":list-style:" in line and "list-style-type" in line for line in lines)
    index = html(app, "index.html")
    assert "evil" not in str(index)
    assert index.select_one(".posts-list time").get_text() == "Jan 10, 2025"
