# Shaped like a real ABlog site (the ABlog docs and sites that copied them): ABlog's
# settings, a placeholder blog.md, post directives, ``{ref}`` links to posts.
project = "Lab Notes"
author = "Lab"
extensions = ["myst_parser", "sphinx_posts"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
language = "en"

blog_path = "blog"
blog_title = "Lab Notes"
blog_baseurl = "https://lab.example.org/"
blog_authors = {
    "ahmet": ("Ahmet Bakan", "https://ahmetbakan.example.org"),
    "seb": ("Sébastien Piluso", None),
}
blog_default_author = "ahmet"
blog_locations = {"pittsburgh": ("Pittsburgh, PA", "https://en.wikipedia.org/wiki/Pittsburgh")}
blog_languages = {"en": ("English", None)}
post_auto_image = 1
post_auto_excerpt = 2

html_sidebars = {
    "**": [
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "ablog/authors.html",
        "ablog/languages.html",
        "ablog/locations.html",
    ]
}
