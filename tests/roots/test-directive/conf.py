extensions = ["myst_parser", "sphinx_posts"]
html_baseurl = "https://example.org/"
# a sphinx-posts site: its post directives do not make it an ABlog site
posts_ablog = False
