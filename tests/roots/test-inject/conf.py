# Every text a writer gives carries the marker <x-inject>"'& (tests/test_output_safety.py).
extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://example.org/"
project = "Inject"
posts_title = "Blog <x-inject>\"'& posts_title"
html_sidebars = {
    "**": [
        "posts/postcard.html",
        "posts/recent.html",
        "posts/tags.html",
        "posts/categories.html",
        "posts/authors.html",
        "posts/archives.html",
        "posts/feeds.html",
    ]
}
