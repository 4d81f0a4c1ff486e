# A new site: nothing but the two extensions (the theme is Sphinx's default, alabaster).
extensions = ["myst_parser", "sphinx_posts"]
