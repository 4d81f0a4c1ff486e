extensions = ["myst_parser", "sphinx_posts"]
html_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
