project = "Accessible blog"
extensions = ["myst_parser", "sphinx_design", "sphinx_posts"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_baseurl = "https://blog.example.org/"
posts_per_page = 2
posts_authors = {"ana": ("Ana Souza", "https://example.org/ana"), "lee": "Lee Park"}
SIDEBAR = [
    "posts/postcard.html",
    "posts/recent.html",
    "posts/tags.html",
    "posts/categories.html",
    "posts/authors.html",
    "posts/archives.html",
    "posts/feeds.html",
]
html_sidebars = {"index": SIDEBAR, "posts/*": SIDEBAR, "blog": SIDEBAR, "blog/**": SIDEBAR}
