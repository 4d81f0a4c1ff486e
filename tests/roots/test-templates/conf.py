project = "Templates"
extensions = ["myst_parser", "sphinx_posts"]
html_theme = "basic"
html_baseurl = "https://templates.example.org/"
templates_path = ["_templates"]
exclude_patterns = ["_build"]
