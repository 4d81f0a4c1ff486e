"""The sphinx-posts documentation and example blog: built by `make demo` and on Read the Docs."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-posts"
author = "The sphinx-posts developers"
copyright = "2025-2026, The sphinx-posts developers"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_posts",
    "posts_docs",  # _ext/posts_docs.py: configuration and warning references from the code
]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]

exclude_patterns = ["_build"]

# -- sphinx-posts ----------------------------------------------------------------------------

posts_timezone = "UTC"
posts_date_format = "%B %-d, %Y"
posts_authors = {
    "team": {
        "name": "The sphinx-posts team",
        "bio": "The people who write sphinx-posts, and this site's posts about it.",
    },
    "editors": {"name": "The sphinx-posts editors"},
}

# -- HTML ------------------------------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = "sphinx-posts"
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://sphinx-posts.readthedocs.io/en/latest/"
)
html_theme_options = {
    "navbar_align": "left",
    "header_links_before_dropdown": 7,
    "show_toc_level": 2,
    "show_prev_next": False,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version", "theme-version"],
    "secondary_sidebar_items": ["page-toc", "sourcelink"],
}
# The docs are one level deep, so their navigation is the header bar. Posts and the blog's
# pages get sphinx-posts' sidebar components instead (see docs/theming.md).
BLOG_SIDEBAR = ["posts/recent.html", "posts/tags.html", "posts/archives.html", "posts/feeds.html"]
html_sidebars = {
    "index": [],
    "docs/*": [],
    "posts/*": ["posts/postcard.html", *BLOG_SIDEBAR],
    "blog": BLOG_SIDEBAR,
    "blog/**": BLOG_SIDEBAR,
}
