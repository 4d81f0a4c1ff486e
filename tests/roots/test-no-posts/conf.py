project = "Empty"
extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://empty.example.org/"
exclude_patterns = ["_build"]
