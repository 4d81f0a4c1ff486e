"""Nikola's configuration (the part that matters here)."""

BLOG_TITLE = "A Nikola blog"
SITE_URL = "https://example.org/"
POSTS = (
    ("posts/*.rst", "posts", "post.tmpl"),
    ("posts/*.md", "posts", "post.tmpl"),
    ("posts/*.txt", "posts", "post.tmpl"),
)
