"""``$`` math in Markdown posts: rendered when dollarmath is on, a posts.math warning when not."""

from __future__ import annotations

import pytest
from helpers import article, build, copy_root, html, warning_lines

SEED = "posts/intro-llms"


def _without_dollarmath(rootdir, tmp_path):
    srcdir = copy_root(rootdir, tmp_path, "seed")
    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(text.replace('["dollarmath", "amsmath"]', "[]"), encoding="utf-8")
    return srcdir


def test_math_without_dollarmath_warns_with_the_line_to_add(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=_without_dollarmath(rootdir, tmp_path))
    build(app, expect_warnings=True)
    (line,) = warning_lines(app, "[posts.math]")
    assert "intro-llms.md:41:" in line  # the first paragraph with $...$
    assert 'myst_enable_extensions = ["dollarmath", "amsmath"]' in line
    assert warning_lines(app) == [line]  # the post still builds, with nothing else to say


def test_math_with_dollarmath_is_math_and_tex_keeps_its_dots(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=copy_root(rootdir, tmp_path, "seed"))
    build(app)
    body = article(html(app, f"{SEED}.html"))
    inline = body.select("span.math")
    assert any("x_1, x_2, ..., x_t" in node.get_text() for node in inline)
    assert "…" not in "".join(node.get_text() for node in body.select(".math"))


@pytest.mark.parametrize(
    "text",
    [
        "It costs $5 and $10 a month.",
        "Use `$x$` in code, and\n\n```\n$$ not math $$\n```",
        "A shell prompt: $ pip install sphinx-posts",
    ],
)
def test_dollars_that_are_not_math_say_nothing(make_app, rootdir, tmp_path, text):
    srcdir = _without_dollarmath(rootdir, tmp_path)
    (srcdir / "posts" / "intro-llms.md").unlink()
    (srcdir / "posts" / "money.md").write_text(
        f'---\ntitle: "Money"\ndate: 2025-03-20\n---\n\n{text}\n', encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir)
    build(app)


def test_restructuredtext_posts_are_not_checked(make_app, rootdir, tmp_path):
    srcdir = _without_dollarmath(rootdir, tmp_path)
    (srcdir / "posts" / "intro-llms.md").unlink()
    (srcdir / "posts" / "prices.rst").write_text(
        ":date: 2025-03-20\n\nPrices\n======\n\nFrom $x$ to $y$.\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir)
    build(app)
