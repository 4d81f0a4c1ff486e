project = "Warnings"
extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://warnings.example.org/"
exclude_patterns = ["_build"]
