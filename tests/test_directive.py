"""The ``post`` directive, with ABlog's options and meanings, in MyST and reStructuredText."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import article, build, copy_root, html, posts_of, warning_lines

directive_site = pytest.mark.sphinx("html", testroot="directive")


@directive_site
def test_options_fill_the_record(app):
    build(app)
    post = posts_of(app)["options"]
    assert post.tags == ("alpha", "beta")
    assert post.categories == ("Notes",)
    assert post.authors == ("Jane Doe", "John Roe")
    assert post.locations == ("Paris",)
    assert post.languages == ("fr",)
    assert post.redirect == ("old/one", "old/two")
    assert post.external_link == "https://example.org/elsewhere"
    assert post.canonical_link == "https://example.org/canonical"
    assert post.nocomments is True
    assert post.exclude is False


@directive_site
def test_directive_values_override_frontmatter(app):
    build(app)
    post = posts_of(app)["options"]
    assert post.date == datetime(2025, 3, 20, tzinfo=UTC)  # frontmatter says 2020-01-01
    assert "frontmatter-tag" not in post.tags
    assert "Frontmatter" not in post.categories
    assert "Frontmatter Author" not in post.authors
    assert "Berlin" not in post.locations
    assert post.title == "Directive options"  # frontmatter keys the directive lacks still count


@directive_site
def test_content_is_the_excerpt_and_is_shown_on_the_page(app):
    build(app)
    post = posts_of(app)["options"]
    assert post.excerpt == "The directive content is the excerpt."
    text = article(html(app, "options.html")).get_text(" ")
    assert "The directive content is the excerpt." in text
    assert "The body follows the directive." in text


@directive_site
def test_exclude_keeps_the_content_off_the_page(app):
    build(app)
    post = posts_of(app)["exclude"]
    assert post.exclude is True
    assert post.excerpt == "Shown only in post lists."
    text = article(html(app, "exclude.html")).get_text(" ")
    assert "Shown only in post lists." not in text
    assert "The body of the page." in text


@directive_site
def test_excerpt_option_takes_n_paragraphs(app):
    build(app)
    excerpt = posts_of(app)["paragraphs"].excerpt
    assert "First paragraph." in excerpt
    assert "Second paragraph." in excerpt
    assert "Third paragraph." not in excerpt


@directive_site
def test_image_option_as_a_number_is_the_nth_image(app):
    build(app)
    assert posts_of(app)["image-number"].image == "two.png"


@directive_site
def test_image_option_as_a_path(app):
    build(app)
    assert posts_of(app)["image-path"].image == "cover.png"


@directive_site
def test_rst_directive_with_options(app):
    build(app)
    post = posts_of(app)["rst-options"]
    assert post.date == datetime(2025, 3, 25, tzinfo=UTC)
    assert post.title == "RST directive options"
    assert post.tags == ("one", "two")
    assert post.categories == ("Notes",)
    assert post.authors == ("Jane Doe",)
    assert post.locations == ("Lyon",)
    assert post.languages == ("en",)
    assert post.nocomments is True
    assert post.excerpt == "The RST excerpt."
    text = article(html(app, "rst-options.html")).get_text(" ")
    assert "The RST excerpt." in text
    assert "The RST body." in text


@directive_site
def test_directive_leaves_no_trace_in_the_output(app):
    build(app)
    for name in ("options.html", "exclude.html", "rst-options.html"):
        body = article(html(app, name))
        assert "post_meta" not in str(body)
        assert ":tags:" not in body.get_text()


@pytest.mark.sphinx("html", testroot="directive-twice")
def test_two_directives_warn_and_the_first_wins(app):
    build(app, expect_warnings=True)
    lines = warning_lines(app)
    assert len(lines) == 1, lines
    assert "[posts.directive]" in lines[0]
    assert f"{app.srcdir / 'twice.md'}:9:" in lines[0]
    post = posts_of(app)["twice"]
    assert post.tags == ("first",)
    assert post.date == datetime(2025, 3, 20, tzinfo=UTC)


def test_external_link_points_list_titles_to_the_original(make_app, rootdir, tmp_path):
    """ABlog's meaning: where a post is listed, its title links to ``external_link``; the post's
    own page is still built, and "read more" stays on the site."""
    srcdir = copy_root(rootdir, tmp_path, "directive")
    (srcdir / "index.md").write_text(
        "# Home\n\n```{postlist}\n:tags: alpha\n:expand: Read more\n```\n\n"
        '```{postlist}\n:format: "{date} - {title}"\n:tags: alpha\n```\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    build(app)
    original = "https://example.org/elsewhere"
    index = html(app, "index.html")
    titles = index.select(".posts-entry-title a")
    assert [(a["href"], a.get("rel")) for a in titles] == [(original, ["external"])]
    assert index.select_one(".posts-entry-more a")["href"] == "options.html"
    assert index.select_one(".posts-ablog a")["href"] == original
    for page in ("blog", "blog/tag/alpha", "blog/2025"):
        links = [a["href"] for a in html(app, f"{page}.html").select(".posts-entry-title a")]
        assert original in links, page
    archive = html(app, "blog/archive.html").select(".posts-archive a[rel=external]")
    assert [a["href"] for a in archive] == [original]
    assert (app.outdir / "options.html").is_file()
    # other posts link to their own pages
    others = [a["href"] for a in html(app, "blog.html").select(".posts-entry-title a")]
    assert all(href.endswith(".html") for href in others if href != original)
