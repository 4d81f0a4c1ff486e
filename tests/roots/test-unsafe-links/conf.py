extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://example.org/"
project = "Unsafe links"
# our markup (rel="external"): the post directive some tests add would make it an ABlog site
posts_ablog = False
