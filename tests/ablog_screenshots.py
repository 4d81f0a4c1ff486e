"""Side-by-side screenshots for the ABlog migration guide (issue 9).

Builds ``tests/roots/test-ablog-site`` twice with pydata-sphinx-theme, once with ABlog and once
with sphinx-posts (each ``sphinx-build`` in its own process, so the two extensions never meet),
serves each output on 127.0.0.1 and screenshots the blog index, one post and one tag page at
1280x900 (the viewport, not the full page) in Debian's Chromium with every other host blocked.
The JPEGs go to ``example-site/docs/_static/ablog-switch/``.

Regenerate with ``.venv/bin/python tests/ablog_screenshots.py``. Not part of the test run.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from helpers import served
from test_browser import CHROMIUM, CHROMIUM_ARGS  # the same Chromium, started the same way

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ROOT = HERE / "roots" / "test-ablog-site"
OUT = REPO / "example-site" / "docs" / "_static" / "ablog-switch"
# (file stem, page path in the html output)
PAGES = (
    ("index", "blog.html"),
    ("post", "posts/first-light.html"),
    ("tag", "blog/tag/telescope.html"),
)
BUILDS = {
    "ablog": "myst_parser,ablog",
    "sphinx-posts": "myst_parser,sphinx_posts",
}


serve = served


def build(extensions: str, outdir: Path) -> None:
    env = {"PYTHONPATH": str(REPO)}
    import os

    env = {**os.environ, **env}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-E",
            "-b",
            "html",
            "-D",
            f"extensions={extensions}",
            "-D",
            "html_theme=pydata_sphinx_theme",
            str(ROOT),
            str(outdir),
        ],
        check=True,
        env=env,
    )


def tag_page(outdir: Path) -> str:
    """ABlog and sphinx-posts may spell a tag's page differently: find the telescope one."""
    for candidate in ("blog/tag/telescope.html", "blog/tag/telescope/index.html"):
        if (outdir / candidate).exists():
            return candidate
    found = sorted(p for p in outdir.rglob("*.html") if "telescope" in p.name)
    return found[0].relative_to(outdir).as_posix()


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            for name, extensions in BUILDS.items():
                outdir = Path(tmp) / name
                build(extensions, outdir)
                with serve(outdir) as url:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    context.route(
                        re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"),
                        lambda route: route.abort(),
                    )
                    page = context.new_page()
                    for stem, path in PAGES:
                        if stem == "tag":
                            path = tag_page(outdir)
                        page.goto(url + path, wait_until="load")
                        target = OUT / f"{name}-{stem}.png"
                        page.screenshot(path=str(target), type="png")
                        print(f"{target.relative_to(REPO)}: {path}")
                    context.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main()
