# Shaped like the real ABlog sites we tried (MyST posts, a placeholder blog.md, ABlog
# settings only): a post whose frontmatter sets sphinxext-opengraph's ``og:description``
# and ``html_meta``, posts with ``update`` notes, feeds for every tag, author, year ...,
# html_sidebars in ABlog's names from before 0.10 (no ``ablog/``), undated drafts, a post
# dated in the future.
project = "Real site"
extensions = ["myst_parser", "sphinx_posts", "sphinxext.opengraph"]
ogp_site_url = "https://real.example.org/"
exclude_patterns = ["_build"]
html_theme = "alabaster"
language = "en"
blog_baseurl = "https://real.example.org/"
blog_title = "Real notes"
blog_feed_archives = True
post_date_format_short = "%b %d, %Y"
post_auto_image = 1
html_sidebars = {
    "blog/*": ["postcard.html", "recentposts.html"],
    "index": ["archives.html", "tagcloud.html", "categories.html", "authors.html"],
}
