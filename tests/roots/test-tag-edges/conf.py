project = "Edges"
extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://edges.example.org/"
exclude_patterns = ["_build"]
