# A new site as sphinx-quickstart leaves it, plus the two extensions: no html_sidebars, no
# theme options, no html_baseurl (the theme is Sphinx's default, alabaster).
project = "Notes"
extensions = ["myst_parser", "sphinx_posts"]
