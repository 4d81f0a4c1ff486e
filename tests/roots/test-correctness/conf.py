# The correctness suite's site: posts are generated into posts/ by the test (from
# benchmarks/generate.py); these pages hold every kind of list, so incremental rewrites matter.
project = "Correctness"
author = "Test Author"
copyright = "2025, Test Author"
extensions = ["myst_parser", "sphinx_posts"]
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "basic"
html_baseurl = "https://example.org/"
posts_per_page = 3
posts_feed_length = 8
exclude_patterns = ["_build"]
# every sidebar component on every page: with shared sidebars (the default) the site-wide ones
# come from blog/_sidebars.js, which the comparison of outputs covers like any page
html_sidebars = {
    "**": [
        "localtoc.html",
        "posts/postcard.html",
        "posts/recent.html",
        "posts/tags.html",
        "posts/categories.html",
        "posts/authors.html",
        "posts/archives.html",
        "posts/feeds.html",
        "posts/blog-nav.html",
    ]
}
