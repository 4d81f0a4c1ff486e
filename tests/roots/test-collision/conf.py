project = "Collision"
extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://collision.example.org/"
exclude_patterns = ["_build"]
