project = "Seed"
extensions = ["myst_parser", "sphinx_design", "sphinx_posts"]
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://example.org/"
