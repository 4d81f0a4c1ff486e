"""Pelican's configuration (the part that matters here)."""

AUTHOR = "Alexis"
SITENAME = "A Pelican blog"
PATH = "content"
ARTICLE_URL = "blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = "blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html"
