"""``sphinx-posts migrate``: another generator's blog as MyST posts that build without warnings.

Each fixture under ``roots/generators/`` is migrated into a fresh Sphinx site; the test checks
the posts, the report, that SRC is unchanged, that a second run changes nothing and that
``--dry-run`` writes nothing.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import build, posts_of

from sphinx_posts.cli import main

GENERATORS = Path(__file__).parent / "roots" / "generators"
CONF = (
    'extensions = ["myst_parser", "sphinx_posts"]\nhtml_baseurl = "https://example.org/"\n'
    'exclude_patterns = ["_build"]\n'
)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def migrated(tmp_path: Path, generator: str, capsys) -> tuple[Path, str]:
    """Copy the fixture (SRC), migrate it into a new site's posts/, return (site, output)."""
    src = tmp_path / "src"
    shutil.copytree(GENERATORS / generator, src)
    before = fingerprint(src)
    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text(CONF, encoding="utf-8")
    (site / "index.md").write_text("# Home\n", encoding="utf-8")
    assert main(["migrate", str(src), str(site / "posts")]) == 0
    output = capsys.readouterr().out
    assert fingerprint(src) == before  # SRC is never changed
    return site, output


def frontmatter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize(
    ("generator", "posts", "problems"),
    [
        ("jekyll", 3, 0),
        ("hugo", 4, 0),
        ("astro", 3, 2),
        ("nikola", 4, 0),
        ("pelican", 2, 0),
        ("nextjs", 2, 0),
    ],
)
def test_migrated_blog_builds_without_warnings(
    make_app, tmp_path, capsys, generator, posts, problems
):
    site, output = migrated(tmp_path, generator, capsys)
    summary = output.strip().splitlines()[-1]
    assert summary.startswith(f"{generator}: {posts} posts"), output
    assert summary.endswith(f"{problems} thing(s) not converted"), output
    app = make_app("html", srcdir=site)
    build(app)  # no warning: a -W build passes
    found = posts_of(app)
    assert len(found) == posts
    assert all(post.date for post in found.values())
    # migrated posts use our keys: nothing is read under another generator's name
    assert all(post.borrowed == () for post in found.values()), found
    # a second run changes nothing, and says so
    src, dest = tmp_path / "src", site / "posts"
    before = fingerprint(dest)
    assert main(["migrate", str(src), str(dest)]) == 0
    again = capsys.readouterr().out
    assert fingerprint(dest) == before
    assert "wrote 0 files" in again
    assert not any(line.startswith("wrote ") for line in again.splitlines())


def test_jekyll_conversions(tmp_path, capsys, make_app):
    site, _ = migrated(tmp_path, "jekyll", capsys)
    post = site / "posts" / "2021-03-04-welcome-to-jekyll.md"
    fields = frontmatter(post)
    assert fields["date"] == date(2021, 3, 4)
    assert fields["tags"] == ["ruby", "static-sites"]
    assert fields["redirect"] == [
        "/welcome.html",
        "/jekyll/update/2021/03/04/welcome-to-jekyll.html",
    ]
    text = post.read_text(encoding="utf-8")
    assert "```ruby\ndef print_hi(name)" in text
    assert "{%" not in text
    assert "](2021-05-06-second-post.md)" in text  # post_url
    assert "![A photo](images/assets/img/photo.png)" in text  # {{ site.baseurl }}
    assert (site / "posts" / "images" / "assets" / "img" / "photo.png").is_file()
    second = (site / "posts" / "2021-05-06-second-post.md").read_text(encoding="utf-8")
    assert "Liquid like {{ page.title }} stays as written here." in second  # {% raw %}
    # _config.yml's excerpt_separator becomes the divider we read
    assert "<!--more-->" in second
    assert "<!-- excerpt -->" not in second
    assert frontmatter(site / "posts" / "2021-06-01-not-yet.md")["draft"] is True
    app = make_app("html", srcdir=site)
    build(app)
    old = app.outdir / "jekyll" / "update" / "2021" / "03" / "04" / "welcome-to-jekyll.html"
    assert old.is_file()
    assert posts_of(app)["posts/2021-05-06-second-post"].excerpt == (
        "Back to the first post. The summary goes on to the site's excerpt separator."
    )


@pytest.mark.parametrize(
    ("generator", "path", "marker"),
    [
        ("nikola", "markdown-post.md", "TEASER_END"),
        ("pelican", "2010-12-03-my-super-post.md", "PELICAN_END_SUMMARY"),
    ],
)
def test_summary_dividers_become_more(tmp_path, capsys, generator, path, marker):
    """Nikola's and Pelican's dividers in Markdown posts are written as ``<!--more-->``."""
    site, _ = migrated(tmp_path, generator, capsys)
    text = (site / "posts" / path).read_text(encoding="utf-8")
    assert text.count("<!--more-->") == 1
    assert marker not in text


def test_summary_divider_outside_code_only():
    from sphinx_posts.migrate.common import summary_divider

    code = "```html\n<!-- TEASER_END -->\n```\n"
    assert summary_divider(code + "Text.\n") == code + "Text.\n"
    assert summary_divider(code + "<!-- TEASER_END: more -->\n") == code + "<!--more-->\n"
    assert summary_divider("A\n\n[[cut]]\n\nB [[cut]]\n", "[[cut]]") == (
        "A\n\n<!--more-->\n\nB [[cut]]\n"
    )
    begin = "<!-- PELICAN_BEGIN_SUMMARY -->\nS\n<!-- PELICAN_END_SUMMARY -->\n"
    assert summary_divider("Intro\n" + begin) == "Intro\n" + begin  # a range: kept
    assert summary_divider("<!--more-->\n<!-- TEASER_END -->") == (
        "<!--more-->\n<!-- TEASER_END -->"
    )


def test_hugo_conversions(tmp_path, capsys):
    site, output = migrated(tmp_path, "hugo", capsys)
    posts = site / "posts"
    bundle = posts / "first-bundle" / "index.md"
    text = bundle.read_text(encoding="utf-8")
    assert "```{figure} cover.png" in text
    assert "](../toml-post.md)" in text  # ref
    assert (posts / "first-bundle" / "cover.png").is_file()  # bundle resources
    assert frontmatter(bundle)["image"] == "cover.png"
    assert frontmatter(posts / "featured-bundle" / "index.md")["image"] == "featured.png"
    assert "youtube-nocookie.com/embed/w7Ft2ymGmfc" in (
        posts / "featured-bundle" / "index.md"
    ).read_text(encoding="utf-8")
    toml = (posts / "toml-post.md").read_text(encoding="utf-8")
    assert toml.startswith('---\ntitle: "Written with TOML"\n')
    assert '```python\nprint("hello")\n```' in toml
    assert "gist.github.com/spf13/7896402.js" in toml
    assert frontmatter(posts / "toml-post.md")["redirect"] == ["/posts/toml/"]
    assert not (posts / "_index.md").exists()
    # Markdown inside a leaf bundle: the bundle's page resources, pages but not posts
    for resource in ("first-bundle/notes.md", "first-bundle/data/raw.md"):
        fields = frontmatter(posts / resource)
        assert (fields["post"], fields["orphan"]) == (False, True), resource
        assert "redirect" not in fields
    assert frontmatter(posts / "first-bundle/notes.md")["title"] == "Notes kept with the bundle"
    assert "2 Markdown file(s) inside leaf bundles are page resources" in output
    assert "no date" not in output


def test_astro_report_names_file_and_line(tmp_path, capsys):
    site, output = migrated(tmp_path, "astro", capsys)
    assert "src/content/blog/second-post.mdx:7: MDX line taken out: import Chart" in output
    assert "src/content/blog/second-post.mdx:11: MDX component <Chart> left as is" in output
    second = (site / "posts" / "second-post.md").read_text(encoding="utf-8")
    assert "import Chart" not in second
    assert "](first-post.md)" in second  # /blog/first-post/ -> the migrated file
    assert frontmatter(site / "posts" / "first-post.md")["image"] == (
        "images/blog-placeholder-1.png"
    )


def test_dry_run_writes_nothing(tmp_path, capsys):
    src = GENERATORS / "hugo"
    dest = tmp_path / "posts"
    assert main(["migrate", str(src), str(dest), "--dry-run"]) == 0
    output = capsys.readouterr().out
    assert not dest.exists()
    assert "would write first-bundle/index.md" in output


def test_refuses_dest_inside_src_and_unknown_blogs(tmp_path, capsys):
    src = tmp_path / "src"
    shutil.copytree(GENERATORS / "jekyll", src)
    assert main(["migrate", str(src), str(src / "out")]) == 2
    assert "outside SRC" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["migrate", str(empty), str(tmp_path / "dest")]) == 2
    assert "--from" in capsys.readouterr().err
    # --from forces the generator
    assert main(["migrate", str(src), str(tmp_path / "dest"), "--from", "jekyll"]) == 0


# -- files posts point to: raw HTML and Markdown, copied and published ---------------------

PNG = b"\x89PNG\r\n\x1a\n"


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def new_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write_tree(site, {"conf.py": CONF, "index.md": "# Home\n"})
    return site


def local_files(page: Path, outdir: Path) -> dict[str, bool]:
    """Each local file the built post's article points to -> whether the output has it."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = {}
    for tag, attribute in (("img", "src"), ("video", "src"), ("source", "src"), ("a", "href")):
        for element in soup.select(f"div.body {tag}[{attribute}]"):
            url = element[attribute].split("?")[0].split("#")[0]
            if "://" in url or not url or (tag == "a" and "." not in url.rsplit("/", 1)[-1]):
                continue
            if url.endswith(".html") or url.endswith("/"):
                continue  # a page, not a file
            target = outdir / url.lstrip("/") if url.startswith("/") else page.parent / url
            found[element[attribute]] = target.resolve().is_file()
    return found


JEKYLL_POST = """---
title: Figures
---
Intro.

<div class="imgcap">
<img src="/assets/diags.jpeg" style="border:none;">
<div class="thecap">A caption with <a href="/assets/paper.pdf">the paper</a>.</div>
</div>

<img src="{{ site.baseurl }}/assets/sub/base.png" width="50%">

![A Markdown image](/assets/md.png) and [a Markdown PDF link](/assets/paper.pdf).

<video controls><source src="/assets/clip.mp4" type="video/mp4"></video>

<img src="/assets/gone.png">

<img src="../../secret.png"> <img src="/assets/link.png"> <img src="/../secret.png">

<img src="https://example.org/remote.png">

```html
<img src="/assets/diags.jpeg">
```
"""


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_jekyll_files_in_raw_html_are_copied_and_published(make_app, tmp_path, capsys, builder):
    """Raw ``<img src>``, ``<a href>`` to a PDF and ``<source src>`` at Jekyll's site root are
    copied; a missing file and paths out of the blog are reported, never followed."""
    src = tmp_path / "src"
    write_tree(
        src,
        {
            "_config.yml": "title: Blog\n",
            "_posts/2024-01-02-figures.md": JEKYLL_POST,
            "assets/diags.jpeg": PNG,
            "assets/sub/base.png": PNG,
            "assets/md.png": PNG,
            "assets/paper.pdf": b"%PDF-1.4\n",
            "assets/clip.mp4": b"\x00\x00\x00\x18ftypmp42",
        },
    )
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"secret, not the blog's")
    (src / "assets" / "link.png").symlink_to(secret)
    site = new_site(tmp_path)
    dest = site / "posts"
    assert main(["migrate", str(src), str(dest)]) == 0
    output = capsys.readouterr().out
    shown = "_posts/2024-01-02-figures.md"
    assert f"{shown}:17: image '/assets/gone.png': no such file" in output
    for hostile in ("../../secret.png", "/assets/link.png", "/../secret.png"):
        assert f"{shown}:19: image '{hostile}': outside the source blog: not copied" in output
    assert output.strip().endswith("4 thing(s) not converted"), output
    # nothing outside DEST is written, nothing from outside SRC is copied
    assert sorted(path.name for path in tmp_path.iterdir()) == ["secret.png", "site", "src"]
    copied = [path for path in dest.rglob("*") if path.is_file()]
    assert all(path.read_bytes() != secret.read_bytes() for path in copied)
    assert sorted(path.relative_to(dest).as_posix() for path in copied) == [
        "2024-01-02-figures.md",
        "files/assets/clip.mp4",
        "files/assets/paper.pdf",
        "images/assets/diags.jpeg",
        "images/assets/md.png",
        "images/assets/sub/base.png",
    ]
    text = (dest / "2024-01-02-figures.md").read_text(encoding="utf-8")
    assert '<img src="images/assets/diags.jpeg" style="border:none;">' in text
    assert '<img src="images/assets/sub/base.png" width="50%">' in text
    assert '```html\n<img src="/assets/diags.jpeg">\n```' in text  # code stays as written
    assert '<img src="https://example.org/remote.png">' in text

    app = make_app(builder, srcdir=site)
    warnings = build(app, expect_warnings=True)
    # what the migration reported is a warning of the build too, and nothing else is
    assert warnings.count("[posts.file]") == 4, warnings
    assert "'/assets/gone.png'" in warnings
    page = "posts/2024-01-02-figures" + ("/index.html" if builder == "dirhtml" else ".html")
    files = local_files(app.outdir / page, app.outdir)
    broken = {"/assets/gone.png", "../../secret.png", "/assets/link.png", "/../secret.png"}
    assert {url for url, exists in files.items() if not exists} == broken
    resolved = {url for url, exists in files.items() if exists}
    assert len(resolved) == 6, files  # 2 raw images, raw and Markdown PDF, video, Markdown image
    assert not any(path.read_bytes() == secret.read_bytes() for path in app.outdir.rglob("*.png"))


@pytest.mark.parametrize(
    ("files", "post"),
    [
        (
            {
                "hugo.toml": 'title = "Blog"\n',
                "content/posts/bundle/index.md": "---\ntitle: B\ndate: 2024-01-02\n---\n",
                "content/posts/bundle/beside.png": PNG,
                "static/images/shared.png": PNG,
            },
            "bundle/index.md",
        ),
        (
            {
                "astro.config.mjs": "export default {}\n",
                "src/content/blog/post.md": "---\ntitle: A\npubDate: 2024-01-02\n---\n",
                "src/content/blog/beside.png": PNG,
                "public/images/shared.png": PNG,
            },
            "post.md",
        ),
    ],
    ids=["hugo-static", "astro-public"],
)
def test_site_root_files_come_from_the_static_folder(make_app, tmp_path, capsys, files, post):
    """Hugo's ``static/`` and Astro's ``public/`` are the site's root; a relative path is
    beside the post (a Hugo page bundle)."""
    body = (
        '\n<p><img src="/images/shared.png" alt="shared"> <img src="beside.png"></p>\n\n'
        '<img src="/images/nowhere.png">\n'
    )
    files = {name: value + body if name.endswith(".md") else value for name, value in files.items()}
    src = tmp_path / "src"
    write_tree(src, files)
    site = new_site(tmp_path)
    assert main(["migrate", str(src), str(site / "posts")]) == 0
    output = capsys.readouterr().out
    assert "image '/images/nowhere.png': no such file" in output
    assert output.strip().endswith("1 thing(s) not converted"), output
    app = make_app("html", srcdir=site)
    warnings = build(app, expect_warnings=True)
    assert warnings.count("[posts.file]") == 1, warnings
    page = app.outdir / "posts" / post.replace(".md", ".html")
    shown = local_files(page, app.outdir)
    assert {url for url, exists in shown.items() if not exists} == {"/images/nowhere.png"}
    assert len([url for url, exists in shown.items() if exists]) == 2, shown
